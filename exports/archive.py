"""A village as a ZIP: everything it wrote, as JSON anyone can read, with
its photos' files and its WordPress export beside them.

    BACA.txt          what is where (in Indonesian)
    desa.json         the village and its KIM: names, look, contact, links
    topik.json        the district topics its articles use
    berita.json       every article out of the trash, all its fields
    halaman.json      its own pages (Profil desa, Sejarah…)
    foto.json         its photo library: sizes, descriptions, files
    alamat-lama.json  the old site's addresses that lead here
    wordpress.xml     the same site as a WordPress export (wxr.py)
    media/…           each photo's largest JPEG, at its path on the portal

A photo's file is at media/<its path under MEDIA_ROOT>, as its address on
the portal ends: bodies point there (media/villages/…/1600.jpg), and
`manage.py import_wordpress wordpress.xml --media-dir media` imports the
archive into a village with no download at all.

Written entry by entry: the JSON lists one row at a time, each photo's
file copied in chunks, so a village of thousands of articles and photos
never sits in memory. Photos are stored as they are (JPEG does not
compress again); the texts are deflated.
"""

import json
import shutil
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone

from exports import contents, wxr
from villages import hosts

FORMAT_VERSION = 1
README = """Ekspor situs {kim_name} ({name}) dari KIM Portal, {when}.

desa.json         identitas desa dan KIM: nama, tampilan, kontak, media sosial
topik.json        topik distrik yang dipakai berita desa ini
berita.json       semua berita (kecuali yang dibuang), dengan status, waktu terbit, penulis, foto, alamat lama
halaman.json      halaman desa (Profil desa, Sejarah, dan lainnya)
foto.json         pustaka foto: ukuran, teks alternatif, keterangan, berkasnya
alamat-lama.json  alamat situs lama yang dialihkan ke situs ini
wordpress.xml     situs yang sama sebagai ekspor WordPress (WXR): di WordPress, Alat → Impor → WordPress
media/            berkas foto (JPEG terbesar yang disimpan portal), di jalur yang sama dengan alamatnya di portal

Waktu ditulis dalam ISO 8601, UTC. Isi berita adalah HTML; foto di dalamnya menunjuk ke berkas di media/.
Tidak ikut: kata sandi, email dan nomor telepon anggota, pesan warga, angka pembaca, riwayat revisi.
"""


def _json_entry(archive, name, rows):
    """A JSON list written one row at a time (or one object, when `rows` is a dict)."""
    with archive.open(name, "w", force_zip64=True) as entry:
        if isinstance(rows, dict):
            entry.write(json.dumps(rows, ensure_ascii=False, indent=1).encode())
            return
        entry.write(b"[")
        for n, row in enumerate(rows):
            entry.write((",\n" if n else "\n").encode() + json.dumps(row, ensure_ascii=False).encode())
        entry.write(b"\n]\n")


def zip_path(name):
    """Where a stored file goes in the archive: media/<its name in storage>."""
    return f"media/{name}"


def _photo_path(photo):
    return zip_path(contents.original(photo))


def identity(village, files):
    data = {
        "format": "kim-portal-ekspor-desa", "versi": FORMAT_VERSION, "diekspor": contents.stamp(timezone.now()),
        "nama": village.name, "nama_kim": village.kim_name, "subdomain": village.slug,
        "alamat_situs": hosts.build_url(village.slug, "/"),
        "kecamatan": village.kecamatan.name, "slogan": village.tagline, "deskripsi": village.description,
        "warna": village.accent, "alamat_sekretariat": village.address, "jam_buka": village.opening_hours,
        "whatsapp": village.whatsapp, "email": village.email, "facebook": village.facebook,
        "instagram": village.instagram, "youtube": village.youtube, "tiktok": village.tiktok,
        "editor_boleh_menerbitkan": village.editors_may_publish, "dibuat": contents.stamp(village.created),
    }
    for key, image in (("logo", village.logo_image), ("sampul", village.cover_image)):
        data[key] = None
        if image is not None:
            name = f"{image.folder}/{max(image.widths)}.jpg"
            data[key] = zip_path(name)
            files.append(name)
    return data


def _articles(village, photos, writers, links):
    for article in contents.articles(village).iterator(chunk_size=contents.CHUNK):
        _, writer = writers.of(article)
        yield {
            "id": article.pk, "judul": article.title, "slug": article.slug, "ringkasan": article.excerpt,
            "isi": photos.rewrite(article.body, _photo_path), "status": article.status,
            "status_di_situs": article.effective_status.value if article.taken_down_at is None else "taken_down",
            "waktu_terbit": contents.stamp(article.published_at), "dibuat": contents.stamp(article.created),
            "diperbarui": contents.stamp(article.updated),
            "topik": article.topic.slug if article.topic else None, "penulis": writer,
            "nama_penulis_situs_lama": article.byline,
            "foto_utama": article.photo_id if article.photo_id in photos.by_id else None,
            "galeri": [p.pk for p in article.gallery.all() if p.pk in photos.by_id],
            "foto_di_isi": [p.pk for p in photos.in_body(article.body)],
            "catatan_penerbit": article.review_note,
            "diturunkan_distrik": contents.stamp(article.taken_down_at), "alasan_diturunkan": article.takedown_reason,
            "alamat": article.url(), "alamat_lama": links.get(article.pk, []),
        }


def _pages(village, photos):
    for page in contents.pages(village).iterator(chunk_size=contents.CHUNK):
        yield {
            "id": page.pk, "judul": page.title, "slug": page.slug, "isi": photos.rewrite(page.body, _photo_path),
            "status": page.status, "tampil_di_menu": page.is_shown, "urutan": page.position,
            "pertama_terbit": contents.stamp(page.published_at), "dibuat": contents.stamp(page.created),
            "diperbarui": contents.stamp(page.updated), "alamat": page.url(),
        }


def _photos(village, present):
    for photo in contents.library(village).iterator(chunk_size=contents.CHUNK):
        yield {
            "id": photo.pk, "berkas": _photo_path(photo) if photo.pk in present else None,
            "lebar": photo.width, "tinggi": photo.height, "teks_alternatif": photo.alt, "keterangan": photo.caption,
            "diunggah": contents.stamp(photo.created), "alamat": contents.photo_url(photo),
        }


def _copy(archive, name, arcname, moment):
    """A stored file into the archive, in chunks; False when it is missing."""
    try:
        source = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError):
        return False
    info = zipfile.ZipInfo(arcname, date_time=timezone.localtime(moment).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    with source, archive.open(info, "w", force_zip64=True) as entry:
        shutil.copyfileobj(source, entry, 1024 * 1024)
    return True


def write(village, out):
    """Write the village's ZIP to `out` (a binary file)."""
    photos, writers = contents.Photos(village), contents.Writers(village)
    links, link_rows = contents.old_links(village)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        when = timezone.localtime().strftime("%d-%m-%Y %H.%M WITA")
        archive.writestr("BACA.txt", README.format(kim_name=village.kim_name, name=village.name, when=when))
        identity_files = []
        _json_entry(archive, "desa.json", identity(village, identity_files))
        _json_entry(archive, "topik.json", (
            {"slug": t.slug, "nama": t.name, "deskripsi": t.description} for t in contents.topics(village)
        ))
        _json_entry(archive, "berita.json", _articles(village, photos, writers, links))
        _json_entry(archive, "halaman.json", _pages(village, photos))
        _json_entry(archive, "alamat-lama.json", link_rows)
        with archive.open("wordpress.xml", "w", force_zip64=True) as entry:
            wxr.write(village, entry)
        present = set()
        for photo in contents.library(village).only("id", "folder", "widths", "created").iterator(chunk_size=contents.CHUNK):
            if _copy(archive, contents.original(photo), _photo_path(photo), photo.created):
                present.add(photo.pk)
        for name in identity_files:
            _copy(archive, name, zip_path(name), village.created)
        _json_entry(archive, "foto.json", _photos(village, present))
