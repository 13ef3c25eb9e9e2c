"""Writing in the newsroom: one form, one button for the next step, and
nothing typed or uploaded is ever lost."""

import datetime
import json

from django.utils import timezone

from articles.models import Article, Photo
from tests.factories import ArticleFactory, TopicFactory
from tests.newsroom.helpers import BASE, article_url, edited, story, write_url


def _photo(village):
    return Photo.objects.create(village=village, folder=f"villages/{village.slug}/photos/" + "ab12" * 8, width=1200, height=900, widths=[400, 1200])


def test_an_editor_saves_a_draft_and_is_its_author(client, taan_editor, taan):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(), HTTP_HOST=BASE)
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == article_url(article)
    assert (article.status, article.author, article.slug) == ("draft", taan_editor, "kerja-bakti-di-pantai")


def test_a_draft_may_be_only_a_title(client, taan_editor, taan):
    client.force_login(taan_editor)
    client.post(write_url(taan), story(body=""), HTTP_HOST=BASE)
    assert Article.objects.get().status == "draft"


def test_a_line_break_in_a_title_is_saved_as_a_space(client, taan_editor, taan):
    client.force_login(taan_editor)
    client.post(write_url(taan), story(title="Kerja bakti\r\n di pantai"), HTTP_HOST=BASE)
    assert Article.objects.get().title == "Kerja bakti di pantai"


def test_submitting_needs_a_body(client, taan_editor, taan):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(body="", action="submit"), HTTP_HOST=BASE)
    assert response.status_code == 400 and "Isi berita masih kosong" in response.content.decode()
    assert not Article.objects.exists()


def test_an_editor_submits_to_the_publisher_in_one_step(client, taan_editor, taan):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(action="submit"), HTTP_HOST=BASE)
    article = Article.objects.get()
    assert article.status == "review"
    assert response.url == article_url(article) + "?kabari=1"


def test_an_editor_is_offered_submit_not_publish(client, taan_editor, taan):
    client.force_login(taan_editor)
    page = client.get(write_url(taan), HTTP_HOST=BASE).content.decode()
    assert 'value="submit"' in page and "Ajukan ke penerbit" in page
    assert 'value="publish"' not in page and 'value="schedule"' not in page


def test_an_editor_cannot_publish_or_schedule_by_posting_the_step(client, taan_editor, taan):
    client.force_login(taan_editor)
    later = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    for step in ("publish", "schedule"):
        response = client.post(write_url(taan), story(action=step, publish_at=later), HTTP_HOST=BASE)
        assert response.status_code == 403
    assert not Article.objects.exists()


def test_a_village_may_let_its_editors_publish(client, taan_editor, taan):
    taan.editors_may_publish = True
    taan.save()
    client.force_login(taan_editor)
    assert 'value="publish"' in client.get(write_url(taan), HTTP_HOST=BASE).content.decode()
    client.post(write_url(taan), story(action="publish"), HTTP_HOST=BASE)
    assert Article.objects.get().status == "published"


def test_a_publisher_publishes_straight_from_the_form(client, taan_publisher, taan):
    client.force_login(taan_publisher)
    client.post(write_url(taan), story(action="publish"), HTTP_HOST=BASE)
    article = Article.objects.get()
    assert article.status == "published" and article.published_at <= timezone.now()
    assert client.get(article.get_absolute_url(), HTTP_HOST="taan.localhost").status_code == 200


def test_a_publisher_schedules_for_a_time_to_come(client, taan_publisher, taan):
    client.force_login(taan_publisher)
    later = timezone.localtime() + datetime.timedelta(days=2)
    client.post(write_url(taan), story(action="schedule", publish_at=later.strftime("%Y-%m-%dT%H:%M")), HTTP_HOST=BASE)
    article = Article.objects.get()
    assert article.status == "scheduled"
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == later.strftime("%Y-%m-%d %H:%M")


def test_scheduling_in_the_past_is_refused_and_keeps_the_text(client, taan_publisher, taan):
    client.force_login(taan_publisher)
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(write_url(taan), story(action="schedule", publish_at=past, title="Judul yang saya ketik"), HTTP_HOST=BASE)
    page = response.content.decode()
    assert response.status_code == 400 and "sudah lewat" in page
    assert "Judul yang saya ketik" in page and "Warga membersihkan pantai." in page
    assert not Article.objects.exists()


def test_an_editor_cannot_change_a_published_article(client, taan_editor, taan_article):
    client.force_login(taan_editor)
    response = client.post(article_url(taan_article), edited(taan_article, title="Diubah diam-diam"), HTTP_HOST=BASE)
    assert response.status_code in (200, 403)
    taan_article.refresh_from_db()
    assert taan_article.title == "Panen kakao di Taan"


def test_an_editor_opening_a_published_article_sees_it_rendered_and_may_ask_for_a_change(client, taan_editor, taan_article):
    client.force_login(taan_editor)
    page = client.get(article_url(taan_article), HTTP_HOST=BASE).content.decode()
    assert "<h1>Panen kakao di Taan</h1>" in page
    assert "Minta perubahan ke penerbit" in page
    assert "&lt;p&gt;" not in page and "None" not in page


def test_a_refused_form_keeps_everything_typed(client, taan_editor, taan):
    client.force_login(taan_editor)
    topic = TopicFactory()
    data = story(title="Judul panjang yang saya ketik", body='<p>Paragraf penting</p><img src="">', topic=topic.pk,
                 excerpt="Ringkasan saya", photo_caption="Keterangan saya", action="submit")
    page = client.post(write_url(taan), data, HTTP_HOST=BASE).content.decode()
    for typed in ("Judul panjang yang saya ketik", "Paragraf penting", "Ringkasan saya", "Keterangan saya"):
        assert typed in page
    assert f'<option value="{topic.pk}" selected>' in page


def test_a_body_pointing_at_an_unfinished_upload_is_refused(client, taan_editor, taan):
    client.force_login(taan_editor)
    for body in ('<p>x</p><figure class="image"><img></figure>', '<p>x</p><img src="blob:http://localhost/1">',
                 '<p>x</p><img src="/media/villages/taan/photos/tidak-ada/1200.jpg">'):
        response = client.post(write_url(taan), story(body=body), HTTP_HOST=BASE)
        assert response.status_code == 400
        assert "belum selesai diunggah" in response.content.decode()
    assert not Article.objects.exists()


def test_a_body_may_show_the_villages_own_finished_photos(client, taan_editor, taan):
    photo = _photo(taan)
    client.force_login(taan_editor)
    body = f'<figure class="image"><img src="{photo.url(1200)}" alt="Panen"></figure>'
    assert client.post(write_url(taan), story(body=body), HTTP_HOST=BASE).status_code == 302
    assert photo.url(1200) in Article.objects.get().body


def test_another_villages_photos_cannot_be_used(client, taan_editor, taan, bela):
    foreign = _photo(bela)
    client.force_login(taan_editor)
    assert client.post(write_url(taan), story(photo=foreign.pk), HTTP_HOST=BASE).status_code == 400
    body = f'<img src="{foreign.url(1200)}">'
    assert client.post(write_url(taan), story(body=body), HTTP_HOST=BASE).status_code == 400
    assert not Article.objects.exists()


def test_the_lead_photo_keeps_its_caption_and_description(client, taan_editor, taan):
    photo = _photo(taan)
    client.force_login(taan_editor)
    client.post(write_url(taan), story(photo=photo.pk, photo_caption="Panen di kebun Pak Amir", photo_alt="Warga memetik kakao"), HTTP_HOST=BASE)
    article = Article.objects.get()
    photo.refresh_from_db()
    assert article.photo == photo and (photo.caption, photo.alt) == ("Panen di kebun Pak Amir", "Warga memetik kakao")
    page = client.get(article_url(article), HTTP_HOST=BASE).content.decode()
    assert photo.url() in page and "Panen di kebun Pak Amir" in page


def test_a_second_editor_is_warned_instead_of_overwriting(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, body="<p>Asli.</p>", author=taan_editor)
    opened = edited(article)
    client.force_login(taan_editor)
    client.post(article_url(article), {**opened, "body": "<p>Perubahan Andi.</p>"}, HTTP_HOST=BASE)
    response = client.post(article_url(article), {**opened, "body": "<p>Perubahan Sari.</p>"}, HTTP_HOST=BASE)
    page = response.content.decode()
    assert response.status_code == 400 and "sudah diubah oleh" in page and "Perubahan Sari." in page
    article.refresh_from_db()
    assert article.body == "<p>Perubahan Andi.</p>"


def test_a_sent_back_article_shows_the_publishers_note_above_the_form(client, taan_editor, taan):
    article = ArticleFactory(village=taan, status="draft", published_at=None, author=taan_editor, review_note="Tambahkan nama narasumber.")
    client.force_login(taan_editor)
    page = client.get(article_url(article), HTTP_HOST=BASE).content.decode()
    assert "Catatan penerbit:" in page and "Tambahkan nama narasumber." in page


def test_the_form_carries_the_personal_data_patterns_and_a_draft_key_of_its_own(client, taan_editor, taan):
    client.force_login(taan_editor)
    page = client.get(write_url(taan), HTTP_HOST=BASE).content.decode()
    assert f'data-draft-key="kim:draft:{taan_editor.pk}:taan:baru"' in page
    patterns = page.split('data-privacy-patterns="')[1].split('"')[0].replace("&quot;", '"')
    labels = [label for label, _ in json.loads(patterns.replace("&#x27;", "'").replace("&amp;", "&"))]
    assert labels == ["Nomor NIK atau KK (16 angka)", "Nomor telepon"]


def test_after_a_save_the_next_page_says_which_kept_drafts_to_forget(client, taan_editor, taan):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(), HTTP_HOST=BASE, follow=True)
    article = Article.objects.get()
    page = response.content.decode()
    assert f'data-draft-saved="kim:draft:{taan_editor.pk}:taan:baru kim:draft:{taan_editor.pk}:taan:{article.pk}"' in page


def test_the_publisher_is_shown_likely_personal_data(client, taan_publisher, taan):
    article = ArticleFactory(village=taan, status="review", published_at=None,
                             body="<p>Bantuan untuk warga NIK 7306012345678901, hubungi 0812 4455 6677.</p>")
    client.force_login(taan_publisher)
    page = client.get(article_url(article, "tinjau/"), HTTP_HOST=BASE).content.decode()
    assert "Mungkin ada data pribadi warga" in page
    assert "7306012345678901" in page and "0812 4455 6677" in page


def test_a_form_that_did_not_arrive_whole_changes_nothing(client, taan_publisher, taan_article):
    client.force_login(taan_publisher)
    cut = edited(taan_article, title="Judul baru", body="")
    del cut["form_end"]
    response = client.post(article_url(taan_article), cut, HTTP_HOST=BASE)
    assert response.status_code == 400 and "tidak sampai utuh" in response.content.decode()
    taan_article.refresh_from_db()
    assert taan_article.title == "Panen kakao di Taan" and taan_article.body
