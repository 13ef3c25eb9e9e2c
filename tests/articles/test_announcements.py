"""District announcements: pinned on exactly the village sites they target,
during their window only, sanitised like articles."""

import datetime
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.html import plain_paragraphs
from articles.models import Announcement
from harness import images
from tests.conftest import host
from tests.factories import AnnouncementFactory, KecamatanFactory, VillageFactory

ADMIN = host()


def _shown(client, site, title):
    return title in client.get("/", HTTP_HOST=host(site)).content.decode()


@pytest.fixture
def mamuju():
    return KecamatanFactory(name="Mamuju", slug="mamuju")


@pytest.fixture
def sites(taan, bela, mamuju):
    """Taan in Kecamatan Mamuju, Bela and Kopi elsewhere."""
    taan.kecamatan = mamuju
    taan.save()
    return {"taan": taan, "bela": bela, "kopi": VillageFactory(slug="kopi")}


def test_announcement_for_all_villages_shows_on_every_village_site_and_the_portal(client, sites):
    AnnouncementFactory(title="Vaksinasi gratis")
    assert all(_shown(client, site, "Vaksinasi gratis") for site in ["taan", "bela", "kopi", ""])


def test_announcement_for_a_kecamatan_shows_only_on_its_villages(client, sites, mamuju):
    AnnouncementFactory(title="Musrenbang Mamuju", audience="kecamatan", kecamatans=[mamuju])
    assert [site for site in ["taan", "bela", "kopi"] if _shown(client, site, "Musrenbang Mamuju")] == ["taan"]


def test_announcement_for_chosen_villages_shows_only_on_them(client, sites):
    AnnouncementFactory(title="Bantuan perahu", audience="villages", villages=[sites["bela"], sites["kopi"]])
    assert [site for site in ["taan", "bela", "kopi"] if _shown(client, site, "Bantuan perahu")] == ["bela", "kopi"]


def test_district_portal_shows_every_current_announcement(client, sites, mamuju):
    AnnouncementFactory(title="Musrenbang Mamuju", audience="kecamatan", kecamatans=[mamuju])
    assert _shown(client, "", "Musrenbang Mamuju")


def test_announcement_is_marked_as_from_the_district(client, sites):
    AnnouncementFactory(title="Vaksinasi gratis")
    body = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert "Pengumuman dari Diskominfosandi Kabupaten Mamuju" in body


@pytest.mark.parametrize(
    "starts,ends",
    [(1, 3), (-3, -1)],
    ids=["not-yet-started", "already-ended"],
)
def test_announcement_outside_its_window_is_not_shown(client, sites, starts, ends):
    now = timezone.now()
    AnnouncementFactory(
        title="Di luar jadwal", starts_at=now + datetime.timedelta(days=starts), ends_at=now + datetime.timedelta(days=ends)
    )
    assert not _shown(client, "taan", "Di luar jadwal")
    assert not _shown(client, "", "Di luar jadwal")


def test_announcement_drops_off_by_itself_when_its_window_ends(client, sites):
    # No save happens when the window closes: the cached page must expire then.
    ends_at = timezone.now() + datetime.timedelta(seconds=2)
    AnnouncementFactory(title="Segera berakhir", ends_at=ends_at)
    assert _shown(client, "taan", "Segera berakhir")
    assert _shown(client, "taan", "Segera berakhir")  # now from the cache
    time.sleep(max(0, (ends_at - timezone.now()).total_seconds()) + 0.1)
    assert not _shown(client, "taan", "Segera berakhir")


def test_announcement_page_is_not_found_on_a_village_it_does_not_target(client, sites):
    announcement = AnnouncementFactory(audience="villages", villages=[sites["bela"]])
    path = announcement.get_absolute_url()
    assert client.get(path, HTTP_HOST=host("bela")).status_code == 200
    assert client.get(path, HTTP_HOST=host("taan")).status_code == 404


def test_announcement_page_shows_the_sanitised_body(client, sites):
    announcement = AnnouncementFactory(body='<p>Daftar di kantor desa.</p><script>alert(1)</script><img src=x onerror="alert(2)">')
    body = client.get(announcement.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert "Daftar di kantor desa." in body
    assert "alert(" not in body


def _admin_post(client, **overrides):
    now = timezone.localtime()
    data = {
        "title": "Pendaftaran bantuan bibit",
        "body": "<p>Silakan mendaftar.</p>",
        "starts_at_0": now.strftime("%d/%m/%Y"),
        "starts_at_1": "00:00:00",
        "ends_at_0": (now + datetime.timedelta(days=10)).strftime("%d/%m/%Y"),
        "ends_at_1": "00:00:00",
        "audience": "all",
        **overrides,
    }
    return client.post("/admin/articles/announcement/add/", data, HTTP_HOST=ADMIN)


def test_staff_publish_an_announcement_through_the_admin(client, district_staff, sites):
    client.force_login(district_staff)
    response = _admin_post(client, audience="villages", villages=[sites["taan"].pk])
    assert response.status_code == 302
    announcement = Announcement.objects.get()
    assert list(announcement.villages.all()) == [sites["taan"]]
    assert announcement.created_by == district_staff


def test_an_announcement_ending_before_it_starts_is_refused(client, district_staff, sites):
    client.force_login(district_staff)
    response = _admin_post(client, ends_at_0="01/01/2020")
    assert response.status_code == 400
    assert "Waktu selesai harus setelah waktu mulai." in response.content.decode()
    assert not Announcement.objects.exists()


def test_a_kecamatan_announcement_needs_a_kecamatan(client, district_staff, sites):
    client.force_login(district_staff)
    response = _admin_post(client, audience="kecamatan")
    assert response.status_code == 400
    assert "Pilih setidaknya satu kecamatan." in response.content.decode()


def test_a_pdf_attachment_is_kept_and_linked_from_the_district_host(client, district_staff, sites, settings):
    client.force_login(district_staff)
    pdf = SimpleUploadedFile("Jadwal Posyandu.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert _admin_post(client, attachment=pdf).status_code == 302
    announcement = Announcement.objects.get()
    assert announcement.attachment.name.endswith("/jadwal-posyandu.pdf")
    client.logout()
    page = client.get(announcement.get_absolute_url(), HTTP_HOST=host("taan")).content.decode()
    assert f'href="http://localhost{announcement.attachment.url}"' in page
    assert client.get(announcement.attachment.url, HTTP_HOST=ADMIN).status_code == 200


@pytest.mark.parametrize(
    "name,data",
    [("surat.pdf", b"<html><script>alert(1)</script>"), ("foto.png", images.phone_jpeg()), ("program.exe", b"MZ\x90\x00")],
    ids=["html-posing-as-pdf", "jpeg-named-png", "executable"],
)
def test_a_false_attachment_is_refused_and_nothing_is_saved(client, district_staff, sites, name, data):
    client.force_login(district_staff)
    response = _admin_post(client, attachment=SimpleUploadedFile(name, data))
    assert response.status_code == 400
    assert "Lampiran" in response.content.decode()
    assert not Announcement.objects.exists()


def test_home_page_query_count_does_not_grow_with_announcements(client, sites, django_assert_num_queries):
    AnnouncementFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/", HTTP_HOST=host("taan"))
    AnnouncementFactory.create_batch(4, audience="villages", villages=[sites["taan"], sites["bela"]])
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/", HTTP_HOST=host("taan"))


def test_an_announcements_paragraphs_stay_apart_on_the_village_home(client, sites):
    AnnouncementFactory(
        title="Internet desa",
        body="<p>Menara baru memperluas jaringan.</p><p>Warga diminta menjaga kabel.</p>"
             "<ul><li>Waktu: 08.00 WITA</li><li>Tempat: balai desa</li></ul>",
    )
    body = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert "jaringan.Warga" not in body and "WITATempat" not in body
    for paragraph in ("Menara baru memperluas jaringan.", "Warga diminta menjaga kabel.", "Waktu: 08.00 WITA", "Tempat: balai desa"):
        assert f"<p>{paragraph}</p>" in body


def test_announcements_after_the_first_are_folded_to_one_line(client, sites):
    now = timezone.now()
    for n, title in enumerate(["Ketiga", "Kedua", "Pertama"]):
        AnnouncementFactory(title=title, starts_at=now - datetime.timedelta(hours=3 - n))
    body = client.get("/", HTTP_HOST=host("taan")).content.decode()
    section = body[body.index('class="announcements"'):body.index("Berita terbaru")]
    assert section.count("<details") == 2
    assert section.index("Pertama") < section.index("<details")
    assert re.search(r"<summary><h3>Kedua</h3></summary>", section)


def test_a_long_announcement_is_cut_after_so_many_words_keeping_its_paragraphs():
    assert plain_paragraphs("<p>satu dua tiga</p><p>empat lima enam</p>", words=4) == ["satu dua tiga", "empat…"]
    assert plain_paragraphs("<p>satu dua</p><p>tiga empat</p><p>lima</p>", words=4) == ["satu dua", "tiga empat…"]
    assert plain_paragraphs("<p>satu</p><p> </p><p>dua</p>", words=4) == ["satu", "dua"]


def test_a_folded_announcement_still_escapes_what_its_text_says(client, sites):
    now = timezone.now()
    AnnouncementFactory(title="Lama", starts_at=now - datetime.timedelta(days=2), body="<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    AnnouncementFactory(title="Baru", starts_at=now - datetime.timedelta(hours=1))
    body = client.get("/", HTTP_HOST=host("taan")).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body
