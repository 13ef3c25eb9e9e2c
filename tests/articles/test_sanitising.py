"""Article bodies are sanitised on the server, whatever the browser sent."""

import pytest

from tests.conftest import host
from tests.factories import ArticleFactory
from tests.html_safety import active_content

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<p style="background:url(javascript:alert(1))">gaya</p>',
    '<form action="https://evil.example/"><input name="pw"></form>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<body onload=alert(1)>',
    '<details open ontoggle=alert(1)>',
    "<!--<img src=x onerror=alert(1)>-->",
]
FORBIDDEN = ["<script", "onerror", "onload", "ontoggle", "javascript:", "data:text", "<iframe", "<svg", "<math",
             "<style", "style=", "<form", "<input", "<object", "<embed", "<noscript"]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_is_removed_on_save(taan, payload):
    article = ArticleFactory(village=taan, body=f"<p>Berita</p>{payload}")
    body = article.body.lower()
    for needle in FORBIDDEN:
        assert needle not in body, needle


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_markup_never_reaches_the_article_page(client, taan, payload):
    article = ArticleFactory(village=taan, body=f"<p>Berita</p>{payload}", excerpt=payload)
    page = client.get(article.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert active_content(page) == []


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_excerpts_are_escaped_in_lists(client, taan, payload):
    ArticleFactory(village=taan, excerpt=payload, title=payload[:150])
    for h in (host("taan"), host()):
        page = client.get("/", HTTP_HOST=h).content.decode()
        assert active_content(page) == []


def test_editor_markup_survives(taan):
    body = (
        "<h2>Judul</h2><p><strong>tebal</strong> <em>miring</em> "
        '<a href="https://mamujukab.go.id/">tautan</a></p><ul><li>satu</li></ul>'
        "<blockquote><p>kutipan</p></blockquote>"
        '<figure><img src="/media/villages/taan/a.jpg" alt="Panen"><figcaption>Panen raya</figcaption></figure>'
        "<table><tbody><tr><td>1</td></tr></tbody></table>"
    )
    article = ArticleFactory(village=taan, body=body)
    for kept in ["<h2>Judul</h2>", "<strong>tebal</strong>", "<em>miring</em>", "<blockquote>",
                 '<img src="/media/villages/taan/a.jpg" alt="Panen">', "<figcaption>Panen raya</figcaption>",
                 "<table>", "<li>satu</li>"]:
        assert kept in article.body, kept
    assert 'rel="noopener noreferrer nofollow"' in article.body


def test_excerpt_is_taken_from_the_body_as_plain_text(taan):
    article = ArticleFactory(village=taan, body="<p>Warga &amp; perangkat desa <b>bekerja</b> bersama.</p>", excerpt="")
    assert article.excerpt == "Warga & perangkat desa bekerja bersama."
