"""The desk's "Pembaca": reads per village and kecamatan over a chosen
period, the weekly chart, the most read articles, where readers came from,
bots left out, beside each KIM's quiet flag; and the same as CSV."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from readership.models import DailyPageReads, DailyReads
from tests.conftest import host
from tests.factories import ArticleFactory, KecamatanFactory, VillageFactory

ADMIN = host()


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


def day(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def reads(taan, bela, taan_article, bela_article):
    """Taan: 30 reads yesterday, 5 forty days ago; Bela: 7 reads yesterday; Kopi (Bela's kecamatan) none."""
    DailyReads.objects.create(village=taan, day=day(1), reads=30, whatsapp=12, facebook=3, search=2, other=1, direct=7, bots=9)
    DailyReads.objects.create(village=taan, day=day(40), reads=5, direct=5)
    DailyReads.objects.create(village=bela, day=day(1), reads=7, whatsapp=7, bots=1)
    DailyPageReads.objects.create(village=taan, day=day(1), path="/berita/panen-kakao/", article=taan_article, reads=20)
    DailyPageReads.objects.create(village=taan, day=day(1), path="/", reads=10)
    DailyPageReads.objects.create(village=bela, day=day(1), path="/berita/rahasia-bela/", article=bela_article, reads=7)
    VillageFactory(slug="kopi", name="Desa Kopi", kecamatan=bela.kecamatan)


def _page(client, **params):
    return client.get("/admin/meja/pembaca/", params, HTTP_HOST=ADMIN)


def test_reads_per_village_over_the_last_four_weeks(staff_client, reads):
    villages = {v.slug: v for v in _page(staff_client).context["villages"]}
    assert (villages["taan"].reads, villages["bela"].reads, villages["kopi"].reads) == (30, 7, 0)
    assert list(villages) == ["taan", "bela", "kopi"]  # the most read first


def test_a_chosen_period_counts_only_its_days(staff_client, reads):
    response = _page(staff_client, dari=day(45).isoformat(), sampai=day(35).isoformat())
    villages = {v.slug: v.reads for v in response.context["villages"]}
    assert villages["taan"] == 5 and villages["bela"] == 0


def test_reads_are_summed_per_kecamatan(staff_client, reads, taan, bela):
    rows = {row["name"]: row for row in _page(staff_client).context["kecamatan"]}
    assert rows[bela.kecamatan.name]["reads"] == 7 and rows[bela.kecamatan.name]["villages"] == 2
    assert rows[taan.kecamatan.name]["reads"] == 30


def test_quiet_kims_are_flagged_beside_their_reads(staff_client, reads, bela_article):
    type(bela_article).objects.filter(pk=bela_article.pk).update(published_at=timezone.now() - datetime.timedelta(days=40))
    # Both villages long past a new village's grace period.
    type(bela_article.village).objects.update(created=timezone.now() - datetime.timedelta(days=365))
    villages = {v.slug: v for v in _page(staff_client).context["villages"]}
    assert villages["bela"].quiet and villages["bela"].reads == 7
    assert not villages["taan"].quiet


def test_the_most_read_articles_come_first(staff_client, reads, taan_article, bela_article):
    assert _page(staff_client).context["top"] == [(taan_article, 20), (bela_article, 7)]


def test_the_source_split_and_the_bots_left_out(staff_client, reads):
    response = _page(staff_client)
    assert response.context["split"][0] == ("WhatsApp", 19, 59)  # of 32 arrivals
    assert response.context["within"] == 5  # 37 reads, 32 of them arrivals
    assert response.context["totals"]["bots"] == 10
    assert "10 diabaikan" in response.content.decode()


def test_the_weekly_chart_counts_reads(staff_client, reads):
    chart = _page(staff_client).context["chart"]
    assert chart.total == 42 and chart.unit == "bacaan"
    assert "<svg" in _page(staff_client).content.decode()


def test_a_period_ending_before_it_starts_is_refused(staff_client, reads):
    response = _page(staff_client, dari=day(1).isoformat(), sampai=day(5).isoformat())
    assert response.status_code == 400
    assert "Tanggal akhir harus sama dengan atau setelah tanggal awal." in response.content.decode()
    assert f'value="{day(1).isoformat()}"' in response.content.decode()  # what was typed stays


def test_a_period_longer_than_a_year_is_refused(staff_client, reads):
    assert _page(staff_client, dari="2020-01-01", sampai="2026-01-01").status_code == 400


def test_the_csv_has_a_row_per_village(staff_client, reads):
    response = staff_client.get("/admin/meja/pembaca.csv", HTTP_HOST=ADMIN)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    taan = next(row for row in rows if row["subdomain"] == "taan")
    assert (taan["dibaca"], taan["dari_whatsapp"], taan["langsung"], taan["bot_diabaikan"]) == ("30", "12", "7", "9")
    assert taan["dari_tanggal"] == day(27).isoformat() and taan["sampai_tanggal"] == day(0).isoformat()


def test_csv_cells_cannot_become_spreadsheet_formulas(staff_client, reads):
    VillageFactory(slug="rumus", name="=HYPERLINK(\"http://x\")", kecamatan=KecamatanFactory())
    body = staff_client.get("/admin/meja/pembaca.csv", HTTP_HOST=ADMIN).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_a_bad_date_in_the_csv_link_is_a_clear_400(staff_client, reads):
    response = staff_client.get("/admin/meja/pembaca.csv", {"dari": "kemarin"}, HTTP_HOST=ADMIN)
    assert response.status_code == 400 and "TTTT-BB-HH" in response.content.decode()


@pytest.mark.parametrize("who", ["taan_editor", "taan_publisher"])
def test_village_members_cannot_read_the_desks_readership(client, request, who, reads):
    client.force_login(request.getfixturevalue(who))
    for response in (_page(client), client.get("/admin/meja/pembaca.csv", HTTP_HOST=ADMIN)):
        assert response.status_code == 302 and "login" in response.url
