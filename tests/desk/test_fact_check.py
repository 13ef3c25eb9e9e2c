"""The district's fact-check desk: hoax reports passed on by the KIMs,
the same rumour from several villages together, with who sent each."""

import pytest

from tests.conftest import host
from tests.factories import VillageFactory
from tips.models import Tip

CHAIN = ("PENGUMUMAN RESMI: Pemerintah membagikan bantuan tunai Rp 3.500.000 untuk setiap kepala keluarga "
         "penerima BLT tahap akhir. Segera isi data KTP dan nomor rekening Anda sebelum hari Jumat.")


def _passed(village, message, by, **fields):
    tip = Tip.objects.create(village=village, kind="hoaks", message=message, **fields)
    tip.pass_to_district(by)
    return tip


@pytest.fixture
def reports(taan, bela, district_staff):
    third = VillageFactory(slug="kalukku", name="Desa Kalukku")
    return [
        _passed(taan, CHAIN, district_staff, sender_name="Ibu Hasna Pelapor", sender_phone="6281390012345"),
        _passed(bela, "Ini beredar di grup, benar?\n" + CHAIN, district_staff),
        _passed(third, "Vaksin campak untuk anak sekolah katanya mengandung bahan berbahaya, orang tua diminta menolak.",
                district_staff),
    ]


def test_the_same_rumour_from_two_villages_is_shown_together_first(client, district_staff, reports):
    client.force_login(district_staff)
    response = client.get("/admin/meja/cek-fakta/", HTTP_HOST=host())
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 laporan dari 2 desa: Desa Bela, Desa Taan" in page
    assert page.index("2 laporan dari 2 desa") < page.index("Vaksin campak")
    assert "Ibu Hasna Pelapor" in page and "6281390012345" in page


def test_messages_not_passed_on_stay_in_the_village(client, district_staff, taan):
    Tip.objects.create(village=taan, kind="hoaks", message="Belum diteruskan oleh penerbit KIM.")
    client.force_login(district_staff)
    assert "Belum diteruskan" not in client.get("/admin/meja/cek-fakta/", HTTP_HOST=host()).content.decode()


@pytest.mark.parametrize("who", ["taan_publisher", "taan_editor"])
def test_village_members_cannot_open_the_fact_check_desk(client, request, who, reports):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/meja/cek-fakta/", HTTP_HOST=host())
    assert response.status_code in (302, 403)
    assert b"Ibu Hasna Pelapor" not in response.content


def test_anonymous_visitors_are_sent_to_sign_in(client, reports):
    response = client.get("/admin/meja/cek-fakta/", HTTP_HOST=host())
    assert response.status_code == 302
