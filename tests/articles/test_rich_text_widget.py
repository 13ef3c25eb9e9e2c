"""The body fields are textareas that our own CKEditor 5 build takes over
after the page has loaded; django-ckeditor-5 is gone."""

import re

from django.conf import settings as django_settings

from articles.forms import AnnouncementForm
from articles.widgets import RichTextEditor
from tests.conftest import host
from tests.factories import ArticleFactory


def _textarea(html, name="body"):
    match = re.search(rf'<textarea name="{name}"[^>]*>', html)
    assert match, html
    return match.group(0)


def test_the_article_body_is_a_textarea_the_editor_takes_over_later(client, district_staff):
    client.force_login(district_staff)
    html = client.get("/admin/articles/article/add/", HTTP_HOST=host()).content.decode()
    textarea = _textarea(html)
    assert " data-rich-text " in textarea or " data-rich-text>" in textarea
    # No village chosen yet: the endpoint says to pick one and save first.
    assert 'data-upload-url="/admin/articles/article/upload/"' in textarea
    assert 'data-editor-js="/static/articles/editor/kim-editor.js"' in textarea
    assert 'data-editor-css="/static/articles/editor/kim-editor.css"' in textarea
    # Two small scripts, deferred: the editor itself is fetched after the page.
    assert '<script src="/static/articles/pending-uploads.js" defer></script>' in html
    assert '<script src="/static/articles/editor/rich-text.js" defer></script>' in html
    assert '<script src="/static/articles/editor/kim-editor.js"' not in html


def test_a_draft_sends_images_to_the_admin_endpoint_for_its_village(client, district_staff, taan):
    draft = ArticleFactory(village=taan, status="draft", published_at=None, body="<p>Isi</p>")
    client.force_login(district_staff)
    html = client.get(f"/admin/articles/article/{draft.pk}/change/", HTTP_HOST=host()).content.decode()
    textarea = _textarea(html)
    assert f'data-upload-url="/admin/articles/article/upload/?village={taan.pk}"' in textarea
    assert "&lt;p&gt;Isi&lt;/p&gt;" in html.split(textarea, 1)[1].split("</textarea>")[0]  # the body, escaped


def test_the_newsroom_form_sends_images_to_the_villages_resumable_endpoint():
    widget = RichTextEditor(upload_url="/redaksi/taan/unggah/", attrs={"rows": 12})
    textarea = widget.render("body", "<p>Isi</p>", {"id": "id_body"})
    assert 'data-upload-url="/redaksi/taan/unggah/"' in textarea and 'rows="12"' in textarea
    assert "data-images" not in textarea and "data-upload-user" not in textarea
    # Who uploads, when the form knows: photos.js keeps people's unfinished uploads apart by it.
    textarea = RichTextEditor(upload_url="/redaksi/taan/unggah/", upload_user=7).render("body", "", {"id": "id_body"})
    assert 'data-upload-user="7"' in textarea


def test_announcements_have_no_images_in_the_text(client, district_staff):
    client.force_login(district_staff)
    html = client.get("/admin/articles/announcement/add/", HTTP_HOST=host()).content.decode()
    textarea = _textarea(html)
    assert 'data-images="off"' in textarea and "data-upload-url" not in textarea
    assert "articles/editor/rich-text.js" in html


def test_the_widget_asks_nothing_of_the_page_but_its_two_scripts():
    media = str(RichTextEditor().media)
    assert media.count("<script") == 2 and "<link" not in media
    form = AnnouncementForm()
    assert isinstance(form.fields["body"].widget, RichTextEditor)


def test_django_ckeditor_5_is_gone():
    assert not any("ckeditor" in app for app in django_settings.INSTALLED_APPS)
    assert not any(name.startswith(("CKEDITOR", "CK_EDITOR")) for name in dir(django_settings))


def test_no_page_with_the_editor_has_an_inline_script(client, district_staff):
    client.force_login(district_staff)
    html = client.get("/admin/articles/article/add/", HTTP_HOST=host()).content.decode()
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", html) if "src=" not in tag and "application/json" not in tag]
    assert inline == []
