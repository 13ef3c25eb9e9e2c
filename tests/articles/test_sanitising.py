"""Article bodies are sanitised on the server, whatever the browser sent, and
every page that shows a body, an excerpt or a title stays clean."""

import pytest

from tests.conftest import host
from tests.factories import ArticleFactory, TopicFactory
from tests.hostile_corpus import PAYLOADS
from tests.html_safety import active_content


@pytest.fixture
def hostile_articles(taan):
    topic = TopicFactory(slug="hostile")
    return [
        ArticleFactory(village=taan, topic=topic, title=payload[:190], excerpt=payload, body=f"<p>Berita</p>{payload}")
        for payload in PAYLOADS
    ]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_markup_is_removed_on_save(taan, payload):
    article = ArticleFactory(village=taan, body=f"<p>Berita</p>{payload}")
    assert active_content(article.body) == []


def test_every_article_page_is_clean(client, hostile_articles, settings):
    for article in hostile_articles:
        page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
        assert active_content(page) == [], article.body


@pytest.mark.parametrize(
    "site,path", [("taan", "/"), ("taan", "/topik/hostile/"), ("", "/"), ("", "/topik/hostile/")]
)
def test_every_list_page_is_clean(client, hostile_articles, settings, site, path):
    settings.ARTICLES_PER_PAGE = len(PAYLOADS)
    page = client.get(path, HTTP_HOST=host(site)).content.decode()
    assert active_content(page) == []


def test_preview_and_admin_screens_are_clean(client, hostile_articles, district_staff):
    client.force_login(district_staff)
    pages = [client.get("/admin/articles/article/", {"all": ""}, HTTP_HOST=host())]
    for article in hostile_articles[:20]:
        pages.append(client.get(f"/admin/articles/article/{article.pk}/preview/", HTTP_HOST=host()))
    for response in pages:
        assert response.status_code == 200
        found = [f for f in active_content(response.content.decode(), allowed_scripts=_admin_scripts(response))
                 if f not in ADMIN_OWN]
        assert found == []


# The admin's own widgets: forms, inputs, buttons and its own scripts.
ADMIN_OWN = {"<svg>", "<template>"}


def _admin_scripts(response):
    import re

    return set(re.findall(r'<script src="([^"]+)"', response.content.decode()))


def test_editor_markup_survives(taan):
    body = (
        "<h2>Judul</h2><p><strong>tebal</strong> <em>miring</em> "
        '<a href="https://mamujukab.go.id/">tautan</a></p><ul><li>satu</li></ul>'
        "<blockquote><p>kutipan</p></blockquote>"
        '<figure class="image"><img src="/media/villages/taan/photos/0123456789abcdef0123456789abcdef/1200.jpg" alt="Panen"><figcaption>Panen raya</figcaption></figure>'
        '<figure class="table"><table><tbody><tr><td>1</td></tr></tbody></table></figure>'
    )
    article = ArticleFactory(village=taan, body=body)
    for kept in ["<h2>Judul</h2>", "<strong>tebal</strong>", "<em>miring</em>", "<blockquote>",
                 '<figure class="image"><img src="/media/villages/taan/photos/0123456789abcdef0123456789abcdef/1200.jpg" alt="Panen">',
                 "<figcaption>Panen raya</figcaption>", '<figure class="table"><table>', "<li>satu</li>"]:
        assert kept in article.body, kept
    assert 'rel="noopener noreferrer nofollow"' in article.body


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
    ],
)
def test_youtube_embeds_survive_and_play_from_youtube_nocookie(client, taan, url):
    article = ArticleFactory(village=taan, body=f'<p>Video:</p><figure class="media"><oembed url="{url}"></oembed></figure>')
    assert "<oembed" in article.body
    page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert active_content(page) == []


def test_excerpt_is_taken_from_the_body_as_plain_text(taan):
    article = ArticleFactory(village=taan, body="<p>Warga &amp; perangkat desa <b>bekerja</b> bersama.</p>", excerpt="")
    assert article.excerpt == "Warga & perangkat desa bekerja bersama."


def test_an_image_left_without_alternative_text_is_shown_with_an_empty_one():
    from articles.html import render_body

    src = "/media/villages/taan/photos/0123456789abcdef0123456789abcdef/1200.jpg"
    shown = render_body(f'<figure class="image"><img src="{src}"><figcaption>Panen</figcaption></figure><img src="{src}" alt="Kakao">')
    assert f'<img src="{src}" alt="">' in shown and f'<img src="{src}" alt="Kakao">' in shown
