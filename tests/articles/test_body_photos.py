"""Photos in an article's text are shown like its lead photo: a responsive
<picture> of WebP and JPEG renditions, lazy, with their size."""

import re
import uuid

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import photos
from articles.models import Photo
from harness import images
from tests.conftest import host
from tests.factories import ArticleFactory


@pytest.fixture
def photo(taan):
    """A real photo through the pipeline: 2000 x 1500, renditions at every width."""
    processed = photos.process(ContentFile(images.phone_jpeg(2000, 1500, orientation=1), name="a.jpg"))
    return Photo.from_processed(processed, taan, alt="Warga memetik kakao")


def _figure(photo, alt="Panen kakao", caption="Panen raya"):
    return f'<figure class="image"><img src="{photo.url(1200)}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'


def _page(client, article, **headers):
    return client.get(f"/berita/{article.slug}/", HTTP_HOST=host(article.village.slug), **headers).content.decode()


def _body(page):
    return page.split('<div class="body">', 1)[1].split("</div>", 1)[0]


def test_a_body_photo_is_a_responsive_webp_and_jpeg_picture_with_its_size(client, taan, photo):
    article = ArticleFactory(village=taan, body=f"<p>Awal.</p>{_figure(photo)}")
    body = _body(_page(client, article))
    webp = ", ".join(f"{photo.url(w, 'webp')} {w}w" for w in (400, 800, 1200, 1600))
    jpg = ", ".join(f"{photo.url(w)} {w}w" for w in (400, 800, 1200, 1600))
    assert f'<source type="image/webp" srcset="{webp}"' in body
    assert f'srcset="{jpg}"' in body
    assert f'<img src="{photo.url(800)}"' in body and 'width="800" height="600"' in body
    assert 'loading="lazy"' in body and 'sizes="(min-width: 46rem) 42rem, calc(100vw - 4rem)"' in body
    # Phones get the 400 px one whatever their density (tests/e2e/test_budgets.py).
    assert f'<source media="(max-width: 46rem)" type="image/webp" srcset="{photo.url(400, "webp")} 400w"' in body
    assert re.search(r"<figure class=\"image\"><picture>.*</picture><figcaption>Panen raya</figcaption></figure>", body)


def test_the_writers_alternative_text_is_kept_and_the_photos_own_used_when_they_gave_none(client, taan, photo):
    article = ArticleFactory(village=taan, body=_figure(photo, alt="Ibu-ibu &amp; kakao") + f'<p><img src="{photo.url(400)}"></p>')
    body = _body(_page(client, article))
    assert body.count("<picture>") == 2
    assert 'alt="Ibu-ibu &amp; kakao"' in body and 'alt="Warga memetik kakao"' in body


def test_alternative_text_cannot_break_out_of_the_picture(client, taan, photo):
    article = ArticleFactory(village=taan, body=_figure(photo, alt='x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'))
    body = _body(_page(client, article))
    assert "<script>" not in body and "<picture>" in body


def test_another_villages_photo_in_a_body_stays_a_plain_image(client, taan, bela):
    theirs = Photo.objects.create(village=bela, folder=f"villages/bela/photos/{uuid.uuid4().hex}", width=800, height=600, widths=[400, 800])
    article = ArticleFactory(village=taan, body=f'<p><img src="{theirs.url(800)}" alt="Milik Bela"></p>')
    body = _body(_page(client, article))
    assert "<picture>" not in body and f'<img src="{theirs.url(800)}" alt="Milik Bela">' in body


def test_a_reader_saving_data_is_offered_only_the_small_body_renditions(client, taan, photo):
    article = ArticleFactory(village=taan, body=_figure(photo))
    body = _body(_page(client, article, HTTP_SAVE_DATA="on"))
    assert f"{photo.url(400, 'webp')} 400w" in body and "800w" not in body and "media=" not in body


def test_the_photos_of_a_body_are_read_in_one_query_however_many(client, taan, photo):
    def queries(article):
        with CaptureQueriesContext(connection) as ctx:
            _page(client, article)
        return len(ctx.captured_queries)

    one = ArticleFactory(village=taan, body=_figure(photo))
    others = [Photo.objects.create(village=taan, folder=f"villages/taan/photos/{uuid.uuid4().hex}", width=800, height=600, widths=[400, 800]) for _ in range(3)]
    four = ArticleFactory(village=taan, body=_figure(photo) + "".join(_figure(p) for p in others))
    client.get("/", HTTP_HOST=host("taan"))  # the village, looked up once and kept
    assert queries(one) == queries(four)
    assert _body(_page(client, four)).count("<picture>") == 4

