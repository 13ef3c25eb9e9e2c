"""The ZIP of a village: JSON of everything it wrote, its photos' files
and its WordPress export, and nothing that is not the village's."""

import io
import json
import zipfile

from PIL import Image

from tests.exports.conftest import PANEN, SECRETS, zip_bytes


def _open(village):
    return zipfile.ZipFile(io.BytesIO(zip_bytes(village)))


def _json(archive, name):
    return json.loads(archive.read(name))


def test_the_zip_holds_the_village_its_topics_articles_pages_photos_and_the_wordpress_file(site, taan):
    archive = _open(taan)
    names = set(archive.namelist())
    assert {"BACA.txt", "desa.json", "topik.json", "berita.json", "halaman.json", "foto.json", "alamat-lama.json",
            "wordpress.xml"} <= names
    village = _json(archive, "desa.json")
    assert (village["nama"], village["nama_kim"], village["subdomain"], village["slogan"]) == (
        "Desa Taan", "KIM Taan Bersatu", "taan", "Kabar dari kebun kakao")
    assert {t["slug"] for t in _json(archive, "topik.json")} == {"pertanian", "kesehatan", "pemerintahan"}
    assert {p["judul"] for p in _json(archive, "halaman.json")} == {"Sejarah Desa Taan", "Visi dan misi"}
    assert archive.read("wordpress.xml").startswith(b'<?xml version="1.0" encoding="UTF-8" ?>')


def test_each_article_keeps_every_field_status_dates_byline_and_old_links(site, taan):
    articles = {a["judul"]: a for a in _json(_open(taan), "berita.json")}
    assert len(articles) == 7 and "Berita di tempat sampah" not in articles
    panen = articles[PANEN]
    assert (panen["status"], panen["slug"], panen["topik"], panen["penulis"]) == ("published", "panen-raya-kakao", "pertanian", "Sari Wulandari")
    assert panen["waktu_terbit"] == "2026-05-15T02:00:00+00:00"
    assert panen["foto_utama"] == site["lead_photo"].pk and panen["foto_di_isi"] == [site["body_photo"].pk]
    assert f'src="media/{site["body_photo"].folder}/800.jpg"' in panen["isi"]
    imported = articles["Gotong royong membersihkan saluran"]
    assert imported["nama_penulis_situs_lama"] == "Pak Rahman (situs lama)" and imported["alamat_lama"] == ["/2023/05/gotong-royong"]
    assert articles["Usulan jalan tani ke kebun"]["status"] == "review"
    taken = articles["Berita yang diturunkan distrik"]
    assert taken["status_di_situs"] == "taken_down" and taken["alasan_diturunkan"] == "Data pribadi warga."
    assert articles["Rencana musyawarah desa"]["waktu_terbit"] is None


def test_old_addresses_that_lead_elsewhere_come_along(site, taan):
    links = _json(_open(taan), "alamat-lama.json")
    assert {"alamat_lama": "/kategori/berita", "berita": None, "ke": "/topik/pertanian/"} in links


def test_each_photo_of_the_library_is_there_as_its_largest_jpeg_with_its_description(site, taan):
    archive = _open(taan)
    listed = {p["id"]: p for p in _json(archive, "foto.json")}
    assert set(listed) == {site[name].pk for name in ("lead_photo", "body_photo", "page_photo", "unused")}
    lead = listed[site["lead_photo"].pk]
    assert (lead["lebar"], lead["tinggi"], lead["teks_alternatif"], lead["keterangan"]) == (900, 600, "Kebun kakao Pak Rahman", "Kebun kakao di Dusun II 🌱")
    assert lead["berkas"] == f"media/{site['lead_photo'].folder}/900.jpg"
    image = Image.open(io.BytesIO(archive.read(lead["berkas"])))
    assert image.size == (900, 600) and image.format == "JPEG"
    assert archive.getinfo(lead["berkas"]).compress_type == zipfile.ZIP_STORED


def test_a_photo_missing_from_storage_is_listed_without_a_file(site, taan):
    from django.core.files.storage import default_storage

    photo = site["unused"]
    default_storage.delete(f"{photo.folder}/900.jpg")
    listed = {p["id"]: p for p in _json(_open(taan), "foto.json")}
    assert listed[photo.pk]["berkas"] is None


def test_nothing_of_another_village_nor_any_members_private_data_is_in_the_zip(site, taan, bela_things):
    archive = _open(taan)
    assert not any(bela_things.folder in name or "/bela/" in name for name in archive.namelist())
    for name in archive.namelist():
        if name.endswith((".json", ".xml", ".txt")):
            text = archive.read(name).decode()
            for secret in SECRETS:
                assert secret not in text, (name, secret)
