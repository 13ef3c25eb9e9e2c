"""Export a village, import the export into an empty village with the
existing importer (imports/), and everything comes back: every article
with its status, date, topic, writer's name and text, every photo it
shows, from the ZIP's media folder without a download."""

import io

import pytest
from PIL import Image
from django.core.files.storage import default_storage

from articles.html import plain_text
from articles.models import Article, Photo
from imports import sources
from imports.importer import Options, import_export
from tests.exports.conftest import PANEN, unzip, zip_bytes
from tests.factories import VillageFactory


@pytest.fixture
def moved(site, taan, tmp_path):
    """Taan's ZIP unpacked, its wordpress.xml imported into a new, empty village."""
    folder = unzip(zip_bytes(taan), tmp_path / "ekspor")
    target = VillageFactory(slug="taan-baru")
    export = sources.read_wordpress((folder / "wordpress.xml").read_bytes())
    report = import_export(export, Options(village=target, media_dir=folder / "media", fetch=False))
    return target, report, folder


def _articles(village):
    return {a.title: a for a in Article.objects.alive().filter(village=village).select_related("topic", "photo")}


def _pixel(photo):
    with default_storage.open(f"{photo.folder}/{max(photo.widths)}.jpg") as f:
        return Image.open(io.BytesIO(f.read())).convert("RGB").resize((1, 1)).getpixel((0, 0))


def test_every_article_comes_back_with_its_status_date_slug_and_topic(moved, taan):
    target, report, _ = moved
    before, after = _articles(taan), _articles(target)
    assert set(after) == set(before) and report.created == len(before) == 7
    for title, old in before.items():
        new = after[title]
        expected_status = "withdrawn" if old.taken_down_at else old.status
        assert (new.status, new.published_at, new.slug, new.topic_id, new.excerpt) == (
            expected_status, old.published_at, old.slug, old.topic_id, old.excerpt), title


def test_every_writer_comes_back_as_the_name_on_the_article(moved, taan, site):
    target, _, _ = moved
    after = _articles(target)
    assert after[PANEN].byline == "Sari Wulandari" and after[PANEN].author is None
    assert after["Gotong royong membersihkan saluran"].byline == "Pak Rahman (situs lama)"
    assert after["Rencana musyawarah desa"].byline == "Andi Saputra"


def test_every_text_comes_back_with_its_emoji_figures_and_video(moved, taan):
    target, _, _ = moved
    before, after = _articles(taan), _articles(target)
    for title, old in before.items():
        assert plain_text(after[title].body) == plain_text(old.body), title
    body = after[PANEN].body
    assert "<figcaption>Biji kakao dijemur di halaman</figcaption>" in body
    assert '<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed>' in body


def test_every_photo_comes_back_from_the_zip_without_a_download(moved, taan, site):
    target, report, _ = moved
    assert report.missing == [] and report.photos_new == 2  # the lead photo and the body photo (shown twice)
    after = _articles(target)
    lead = after[PANEN].photo
    old_lead = site["lead_photo"]
    assert lead.village == target and (lead.width, lead.height) == (old_lead.width, old_lead.height)
    assert (lead.alt, lead.caption) == ("Kebun kakao Pak Rahman", "Kebun kakao di Dusun II 🌱")
    assert max(abs(a - b) for a, b in zip(_pixel(lead), _pixel(old_lead))) <= 3
    in_body = Photo.objects.filter(village=target).exclude(pk=lead.pk).get()
    assert (in_body.width, in_body.height, in_body.caption) == (800, 1000, "Biji kakao dijemur")
    assert in_body.url(1200) in after[PANEN].body and in_body.url(1200) in after["Usulan jalan tani ke kebun"].body
    assert max(abs(a - b) for a, b in zip(_pixel(in_body), _pixel(site["body_photo"]))) <= 3


def test_importing_the_same_export_again_updates_instead_of_duplicating(moved):
    target, _, folder = moved
    export = sources.read_wordpress((folder / "wordpress.xml").read_bytes())
    again = import_export(export, Options(village=target, media_dir=folder / "media", fetch=False))
    assert (again.created, again.updated, again.photos_new) == (0, 7, 0)
    assert Article.objects.filter(village=target).count() == 7
