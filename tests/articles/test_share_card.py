"""Every article shares with a picture: its lead photo, else a card drawn
from the village's look (articles/identity.py), made on its first request,
kept in the media, named by the article's and the look's versions."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image

from articles import identity
from articles.models import Article
from tests.conftest import host
from tests.factories import ArticleFactory
from villages.models import Village

CARD = re.compile(r"http://taan\.localhost(/berita/tanpa-foto/kartu/(\d+-[0-9a-f]{16})\.jpg)")


@pytest.fixture
def article(taan):
    return ArticleFactory(village=taan, slug="tanpa-foto", title="Gotong royong membersihkan saluran air desa", photo=None)


def _page(client, article):
    return client.get(article.get_absolute_url(), HTTP_HOST=host(article.village.slug)).content.decode()


def _og_image(client, article):
    found = re.search(r'<meta property="og:image" content="([^"]+)"', _page(client, article))
    assert found, "no og:image"
    return found.group(1)


def _card(client, path):
    response = client.get(path, HTTP_HOST=host("taan"))
    return response, b"".join(response.streaming_content) if response.streaming else response.content


def test_an_article_without_a_lead_photo_names_its_card_as_og_image(client, article):
    page = _page(client, article)
    assert CARD.fullmatch(_og_image(client, article))
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_the_card_is_a_1200_by_630_jpeg_with_the_villages_colour(client, article):
    Village.objects.filter(pk=article.village_id).update(accent="#6b3fa0")
    path = CARD.fullmatch(_og_image(client, article)).group(1)
    response, body = _card(client, path)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(body))
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    assert all(abs(a - b) <= 8 for a, b in zip(image.getpixel((8, 300)), (0x6B, 0x3F, 0xA0), strict=True))


def test_the_card_is_made_once_kept_in_the_media_and_reused(client, article):
    path = CARD.fullmatch(_og_image(client, article)).group(1)
    _, first = _card(client, path)
    stored = identity.card_path(article)
    assert default_storage.exists(stored)
    with default_storage.open(stored, "wb") as f:  # a second request reads the file, it draws nothing
        f.write(b"kept")
    _, again = _card(client, path)
    assert first != b"kept" and again == b"kept"


def test_the_card_is_cached_for_a_year_sets_no_cookie_and_stays_out_of_the_page_cache(client, article):
    path = CARD.fullmatch(_og_image(client, article)).group(1)
    response, _ = _card(client, path)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert not response.cookies
    assert "X-Cache" not in response


def test_a_changed_article_gets_a_new_card_and_the_old_link_leads_to_it(client, article):
    old = CARD.fullmatch(_og_image(client, article)).group(1)
    Article.objects.filter(pk=article.pk).update(title="Judul yang baru")
    article.refresh_from_db()
    new = CARD.fullmatch(_og_image(client, article)).group(1)
    assert new != old
    response, _ = _card(client, old)
    assert response.status_code == 302 and response["Location"] == new


def test_a_change_of_the_villages_look_gives_every_card_a_new_name(client, article, taan_publisher):
    old = _og_image(client, article)
    client.force_login(taan_publisher)
    client.post("/redaksi/taan/identitas/", {"accent": "#1d4e89"}, HTTP_HOST=host())
    client.logout()
    assert _og_image(client, article) != old


def test_only_the_newest_version_of_a_card_is_kept(client, article):
    _card(client, CARD.fullmatch(_og_image(client, article)).group(1))
    Article.objects.filter(pk=article.pk).update(title="Judul yang baru")
    article.refresh_from_db()
    _card(client, CARD.fullmatch(_og_image(client, article)).group(1))
    _, files = default_storage.listdir(f"villages/taan/cards/{article.pk}")
    assert files == [identity.card_path(article).rsplit("/", 1)[1]]


def test_an_unpublished_articles_card_is_not_found(client, taan):
    draft = ArticleFactory(village=taan, slug="tanpa-foto", status="draft", published_at=None, photo=None)
    response, _ = _card(client, f"/berita/tanpa-foto/kartu/{identity.card_version(draft)}.jpg")
    assert response.status_code == 404


def test_another_villages_host_does_not_serve_the_card(client, article, bela):
    path = CARD.fullmatch(_og_image(client, article)).group(1)
    assert client.get(path, HTTP_HOST=host("bela")).status_code == 404


def test_a_long_title_still_fits_the_card():
    from types import SimpleNamespace

    village = Village(slug="taan", name="Desa Taan", kim_name="KIM Taan Bersatu")
    long = SimpleNamespace(village=village, title="Sangat panjang sekali " * 20)
    image = Image.open(io.BytesIO(identity.draw_card(long)))
    assert image.size == (1200, 630)


# Old cards leave the disk -------------------------------------------------------


def _on_disk(article_pk, slug="taan"):
    """The card files of one article, as they are on disk under MEDIA_ROOT."""
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "villages" / slug / "cards" / str(article_pk)).glob("*"))


def _make_card(client, article):
    _card(client, CARD.fullmatch(_og_image(client, article)).group(1))
    assert _on_disk(article.pk) == [identity.card_path(article).rsplit("/", 1)[1]]


def test_an_article_deleted_for_good_leaves_no_card_on_disk(client, article, django_capture_on_commit_callbacks):
    _make_card(client, article)
    pk = article.pk
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert _on_disk(pk) == []


def test_an_article_deleted_for_good_leaves_no_empty_folder_for_its_cards(client, article, django_capture_on_commit_callbacks):
    _make_card(client, article)
    folder = Path(settings.MEDIA_ROOT) / identity.cards_folder("taan", article.pk)
    assert folder.is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not folder.exists()


def test_a_new_title_removes_the_old_card_from_disk_before_anyone_asks_for_the_new_one(
        client, article, django_capture_on_commit_callbacks):
    _make_card(client, article)
    article.title = "Judul yang baru"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert _on_disk(article.pk) == []


def test_saving_an_article_without_changing_what_its_card_shows_keeps_the_card(
        client, article, django_capture_on_commit_callbacks):
    _make_card(client, article)
    article.excerpt = "Ringkasan lain"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert _on_disk(article.pk) == [identity.card_path(article).rsplit("/", 1)[1]]


def test_a_new_village_colour_removes_every_old_card_of_the_village_from_disk(
        client, article, taan, django_capture_on_commit_callbacks):
    other = ArticleFactory(village=taan, slug="tanpa-foto-lagi", title="Posyandu bulan ini", photo=None)
    for each in (article, other):
        _card(client, re.search(r'og:image" content="http://taan\.localhost([^"]+)"', _page(client, each)).group(1))
    assert _on_disk(article.pk) and _on_disk(other.pk)
    with django_capture_on_commit_callbacks(execute=True):
        identity.save(taan, {"accent": "#1d4e89"})
    assert _on_disk(article.pk) == [] and _on_disk(other.pk) == []


def test_a_village_change_that_the_card_does_not_show_keeps_it(client, article, taan, django_capture_on_commit_callbacks):
    _make_card(client, article)
    with django_capture_on_commit_callbacks(execute=True):
        identity.save(taan, {"opening_hours": "Senin–Jumat 08.00–15.00"})
    assert _on_disk(article.pk) == [identity.card_path(article).rsplit("/", 1)[1]]


def test_a_renamed_subdomain_leaves_no_card_under_the_old_name(client, article, taan, django_capture_on_commit_callbacks):
    _make_card(client, article)
    taan.slug = "taan-baru"
    with django_capture_on_commit_callbacks(execute=True):
        taan.save()
    assert _on_disk(article.pk, "taan") == []


def test_the_card_of_another_article_of_the_village_is_left_alone(client, article, taan, django_capture_on_commit_callbacks):
    _make_card(client, article)
    other = ArticleFactory(village=taan, slug="lain", title="Lain", photo=None)
    other.title = "Lain sekali"
    with django_capture_on_commit_callbacks(execute=True):
        other.save()
        other.delete()
    assert _on_disk(article.pk) == [identity.card_path(article).rsplit("/", 1)[1]]
