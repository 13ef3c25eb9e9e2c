"""Finding 3: an editor could change a live article through its photos:
rewrite the caption and alt text of its lead or gallery photo (shown on the
page and in WhatsApp previews) with no publisher involved."""

import pytest

from articles.models import Article, Photo
from tests.factories import ArticleFactory
from tests.newsroom.helpers import BASE, story, write_url


@pytest.fixture
def live_photo(taan):
    photo = Photo.objects.create(village=taan, folder="villages/taan/photos/" + "ab12" * 8, width=1200, height=900,
                                 widths=[400, 1200], caption="Panen kakao", alt="Warga memetik kakao")
    ArticleFactory(village=taan, photo=photo)
    return photo


def test_an_editor_cannot_rewrite_the_caption_of_a_live_articles_photo(client, taan_editor, taan, live_photo):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(photo=live_photo.pk, photo_caption="Keterangan palsu", photo_alt="Palsu"), HTTP_HOST=BASE)
    assert response.status_code == 400
    assert "sudah terbit" in response.content.decode()
    live_photo.refresh_from_db()
    assert (live_photo.caption, live_photo.alt) == ("Panen kakao", "Warga memetik kakao")


def test_an_editor_may_reuse_a_live_photo_as_it_is(client, taan_editor, taan, live_photo):
    client.force_login(taan_editor)
    response = client.post(write_url(taan), story(photo=live_photo.pk, photo_caption="Panen kakao", photo_alt="Warga memetik kakao"), HTTP_HOST=BASE)
    assert response.status_code == 302
    assert Article.objects.get(status="draft").photo == live_photo


def test_an_editor_cannot_rewrite_a_live_gallery_photo(client, taan_editor, taan):
    photo = Photo.objects.create(village=taan, folder="villages/taan/photos/" + "cd34" * 8, width=1200, height=900, widths=[1200], caption="Galeri")
    ArticleFactory(village=taan).gallery.add(photo)
    client.force_login(taan_editor)
    client.post(write_url(taan), story(photo=photo.pk, photo_caption="Diganti"), HTTP_HOST=BASE)
    photo.refresh_from_db()
    assert photo.caption == "Galeri"


def test_a_publisher_may_correct_a_live_photos_caption(client, taan_publisher, taan, live_photo):
    client.force_login(taan_publisher)
    client.post(write_url(taan), story(photo=live_photo.pk, photo_caption="Panen kakao di Dusun Salu"), HTTP_HOST=BASE)
    live_photo.refresh_from_db()
    assert live_photo.caption == "Panen kakao di Dusun Salu"
