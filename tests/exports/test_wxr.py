"""The WordPress export of a village: WordPress's own format, read by our
hardened parser, with what WordPress's importer reads, and nothing that is
not the village's to take."""

import datetime
import re

from defusedxml.ElementTree import fromstring

from imports import sources
from tests.exports.conftest import PANEN, SECRETS, YOUTUBE, wxr_bytes
from tests.factories import ArticleFactory

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
DC = "{http://purl.org/dc/elements/1.1/}creator"
# What WordPress's importer reads of every item (its WXR_Parser_SimpleXML).
ITEM_ELEMENTS = ["title", "link", "guid", DC, CONTENT, EXCERPT] + [
    WP + name for name in ("post_id", "post_date", "post_date_gmt", "comment_status", "ping_status", "post_name",
                           "status", "post_parent", "menu_order", "post_type", "post_password", "is_sticky")
]


def _channel(village):
    return fromstring(wxr_bytes(village), forbid_dtd=True, forbid_entities=True).find("channel")


def _items(village, kind=None):
    items = _channel(village).findall("item")
    return [i for i in items if kind is None or i.findtext(WP + "post_type") == kind]


def _by_title(village, kind="post"):
    return {item.findtext("title"): item for item in _items(village, kind)}


def test_the_export_is_read_by_the_importers_own_hardened_parser(site, taan):
    export = sources.read_wordpress(wxr_bytes(taan))
    assert export.kind == "wordpress" and export.title == "KIM Taan Bersatu"
    assert len(export.posts) == 7
    assert export.statuses() == {"published": 2, "scheduled": 1, "draft": 1, "review": 1, "withdrawn": 2}
    assert export.skipped == {"jenis “page” (hanya tulisan yang diimpor)": 2}


def test_it_is_wordpress_own_format_version_1_2_without_a_doctype(site, taan):
    data = wxr_bytes(taan)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8" ?>') and b"<!DOCTYPE" not in data
    head = data[:2000].decode()
    for prefix, uri in (("wp", "http://wordpress.org/export/1.2/"), ("excerpt", "http://wordpress.org/export/1.2/excerpt/"),
                        ("content", "http://purl.org/rss/1.0/modules/content/"), ("dc", "http://purl.org/dc/elements/1.1/")):
        assert f'xmlns:{prefix}="{uri}"' in head
    channel = _channel(taan)
    assert channel.findtext(WP + "wxr_version") == "1.2"
    assert channel.findtext(WP + "base_site_url") == "http://taan.localhost"


def test_every_item_has_every_element_wordpress_importer_reads(site, taan):
    items = _items(taan)
    assert {i.findtext(WP + "post_type") for i in items} == {"post", "page", "attachment"}
    for item in items:
        missing = [name for name in ITEM_ELEMENTS if item.find(name) is None]
        assert not missing, (item.findtext("title"), missing)
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", item.findtext(WP + "post_date"))
    ids = [item.findtext(WP + "post_id") for item in items]
    assert len(ids) == len(set(ids)) and all(i.isdigit() for i in ids)


def test_authors_and_categories_are_declared_with_display_names_only(site, taan):
    channel = _channel(taan)
    authors = {a.findtext(WP + "author_login"): a.findtext(WP + "author_display_name") for a in channel.findall(WP + "author")}
    assert authors == {"sari-wulandari": "Sari Wulandari", "andi-saputra": "Andi Saputra",
                       "pak-rahman-situs-lama": "Pak Rahman (situs lama)"}
    assert all(not a.findtext(WP + "author_email") for a in channel.findall(WP + "author"))
    categories = {c.findtext(WP + "category_nicename"): c.findtext(WP + "cat_name") for c in channel.findall(WP + "category")}
    assert categories == {"pertanian": "Pertanian", "kesehatan": "Kesehatan", "pemerintahan": "Pemerintahan"}
    panen = _by_title(taan)[PANEN]
    assert panen.findtext(DC) == "sari-wulandari"
    assert [(c.get("domain"), c.get("nicename"), c.text) for c in panen.findall("category")] == [("category", "pertanian", "Pertanian")]


def test_statuses_are_wordpress_ones_and_ours_are_kept_in_post_meta(site, taan):
    posts = _by_title(taan)

    def statuses(title):
        meta = {m.findtext(WP + "meta_key"): m.findtext(WP + "meta_value") for m in posts[title].findall(WP + "postmeta")}
        return posts[title].findtext(WP + "status"), meta["_kim_status"]

    assert statuses(PANEN) == ("publish", "published")
    assert statuses("Jadwal posyandu bulan depan") == ("future", "scheduled")
    assert statuses("Rencana musyawarah desa") == ("draft", "draft")
    assert statuses("Usulan jalan tani ke kebun") == ("pending", "review")
    assert statuses("Berita yang ditarik") == ("draft", "withdrawn")
    assert statuses("Berita yang diturunkan distrik") == ("draft", "withdrawn")


def test_dates_are_local_and_gmt_and_a_draft_has_none(site, taan):
    posts = _by_title(taan)
    panen = posts[PANEN]
    assert panen.findtext(WP + "post_date") == "2026-05-15 10:00:00"  # Sulawesi time
    assert panen.findtext(WP + "post_date_gmt") == "2026-05-15 02:00:00"
    assert panen.findtext("pubDate") == "Fri, 15 May 2026 02:00:00 +0000"
    draft = posts["Rencana musyawarah desa"]
    assert draft.findtext(WP + "post_date_gmt") == "0000-00-00 00:00:00"


def test_the_lead_photo_is_the_thumbnail_and_each_photo_an_attachment_on_our_media(site, taan):
    panen = _by_title(taan)[PANEN]
    meta = {m.findtext(WP + "meta_key"): m.findtext(WP + "meta_value") for m in panen.findall(WP + "postmeta")}
    attachments = {a.findtext(WP + "post_id"): a for a in _items(taan, "attachment")}
    lead = attachments[meta["_thumbnail_id"]]
    photo = site["lead_photo"]
    assert lead.findtext(WP + "attachment_url") == f"http://localhost/media/{photo.folder}/900.jpg"
    assert lead.findtext(WP + "status") == "inherit"
    assert lead.findtext(WP + "post_parent") == panen.findtext(WP + "post_id")
    assert lead.findtext(EXCERPT) == "Kebun kakao di Dusun II 🌱"
    alt = {m.findtext(WP + "meta_key"): m.findtext(WP + "meta_value") for m in lead.findall(WP + "postmeta")}
    assert alt == {"_wp_attachment_image_alt": "Kebun kakao Pak Rahman"}
    # The photos articles and pages show, each once; not the unused one.
    urls = sorted(a.findtext(WP + "attachment_url") for a in attachments.values())
    assert urls == sorted(f"http://localhost/media/{site[p].folder}/{max(site[p].widths)}.jpg"
                          for p in ("lead_photo", "body_photo", "page_photo"))


def test_a_body_photo_points_at_its_attachment_so_wordpress_swaps_in_its_copy(site, taan):
    body = _by_title(taan)[PANEN].findtext(CONTENT)
    photo = site["body_photo"]
    assert f'<img src="http://localhost/media/{photo.folder}/800.jpg" alt="Biji kakao dijemur">' in body
    assert "<figcaption>Biji kakao dijemur di halaman</figcaption>" in body
    assert "src=\"/media/" not in body


def test_a_youtube_video_becomes_wordpress_embed(site, taan):
    body = _by_title(taan)[PANEN].findtext(CONTENT)
    assert f"[embed]{YOUTUBE}[/embed]" in body and "<oembed" not in body


def test_indonesian_text_and_emoji_come_through_whole(site, taan):
    panen = _by_title(taan)[PANEN]
    assert panen.findtext("title") == PANEN
    assert "Hasilnya naik dua kali lipat! 🎉" in panen.findtext(CONTENT)


def test_text_with_the_end_of_a_cdata_section_stays_whole(site, taan):
    ArticleFactory(village=taan, title="Kode ]]> di judul", excerpt="Ringkasan ]]> tetap utuh", published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
    item = _by_title(taan)["Kode ]]> di judul"]
    assert item.findtext(EXCERPT) == "Ringkasan ]]> tetap utuh"


def test_pages_are_wordpress_pages_and_the_trash_stays_behind(site, taan):
    pages = _by_title(taan, "page")
    assert {t: p.findtext(WP + "status") for t, p in pages.items()} == {"Sejarah Desa Taan": "publish", "Visi dan misi": "draft"}
    assert "Berita di tempat sampah" not in _by_title(taan)


def test_nothing_of_another_village_nor_any_members_private_data_is_exported(site, taan, bela_things):
    data = wxr_bytes(taan).decode()
    for secret in SECRETS:
        assert secret not in data, secret
    assert bela_things.folder not in data
