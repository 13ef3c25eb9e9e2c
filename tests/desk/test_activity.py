"""The KIM activity dashboard: figures per village, the quiet ones first,
a weekly chart drawn on the server, and the same figures as CSV."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import host
from tests.factories import ArticleFactory, MembershipFactory, UserFactory, VillageFactory
from villages.models import Village

ADMIN = host()


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


@pytest.fixture
def activity(taan, bela):
    """Taan busy (articles 2, 20 and 60 days ago), Bela quiet (last one 40 days ago), Kopi never wrote."""
    writer = UserFactory()
    MembershipFactory(user=writer, village=taan)
    for n in (2, 20, 60):
        ArticleFactory(village=taan, published_at=days_ago(n), author=writer)
    ArticleFactory(village=bela, published_at=days_ago(40))
    ArticleFactory(village=taan, status="draft", published_at=None)  # drafts don't count
    kopi = VillageFactory(slug="kopi", name="Desa Kopi")
    Village.objects.update(created=days_ago(365))  # long past a new village's grace period
    return {"taan": taan, "bela": bela, "kopi": kopi}


def _rows(client, **params):
    return {v.slug: v for v in client.get("/admin/meja/aktivitas/", params, HTTP_HOST=ADMIN).context["villages"]}


def test_dashboard_counts_articles_of_the_last_30_and_90_days(staff_client, activity):
    taan = _rows(staff_client)["taan"]
    assert (taan.published_30, taan.published_90) == (2, 3)


def test_dashboard_shows_the_last_published_date_and_active_editors(staff_client, activity):
    taan = _rows(staff_client)["taan"]
    assert abs(taan.last_published - days_ago(2)) < datetime.timedelta(minutes=1)
    assert (taan.active_editors, taan.members) == (1, 1)


def test_villages_quiet_for_14_days_are_flagged(staff_client, activity):
    rows = _rows(staff_client)
    assert {slug for slug, v in rows.items() if v.quiet} == {"bela", "kopi"}


def test_the_quiet_threshold_is_configurable(staff_client, activity):
    rows = _rows(staff_client, sepi=60)
    assert {slug for slug, v in rows.items() if v.quiet} == {"kopi"}


def test_quiet_villages_come_first_longest_quiet_on_top(staff_client, activity):
    assert list(_rows(staff_client)) == ["kopi", "bela", "taan"]


def test_a_taken_down_article_does_not_count_as_activity(staff_client, district_staff, bela):
    Village.objects.filter(pk=bela.pk).update(created=days_ago(365))
    ArticleFactory(village=bela, published_at=days_ago(1)).take_down(district_staff, "Memuat data pribadi warga.")
    assert _rows(staff_client)["bela"].quiet


def test_inactive_villages_are_listed_last_and_never_quiet(staff_client, activity):
    Village.objects.filter(slug="kopi").update(is_active=False)
    rows = _rows(staff_client)
    assert list(rows)[-1] == "kopi" and not rows["kopi"].quiet


@pytest.mark.parametrize("value", ["abc", "0", "-3", "9999"])
def test_a_bad_quiet_threshold_gets_400_with_a_message(staff_client, value):
    response = staff_client.get("/admin/meja/aktivitas/", {"sepi": value}, HTTP_HOST=ADMIN)
    assert response.status_code == 400
    assert response.context["options"].errors["sepi"]


def test_the_chart_has_a_bar_per_week_with_its_count(staff_client, activity):
    body = staff_client.get("/admin/meja/aktivitas/", HTTP_HOST=ADMIN).content.decode()
    assert body.count("<rect ") == 52
    assert "4 berita terbit dalam 52 minggu terakhir" in body
    week = timezone.localdate(days_ago(2))
    monday = week - datetime.timedelta(days=week.weekday())
    assert f"<title>Minggu {monday.day} " in body


def test_the_village_page_charts_only_that_village(staff_client, activity):
    body = staff_client.get("/admin/meja/aktivitas/bela/", HTTP_HOST=ADMIN).content.decode()
    assert body.count("<rect ") == 52
    assert "1 berita terbit dalam 52 minggu terakhir" in body


def test_csv_export_has_the_same_figures(staff_client, activity):
    response = staff_client.get("/admin/meja/aktivitas.csv", HTTP_HOST=ADMIN)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [r["subdomain"] for r in rows] == ["kopi", "bela", "taan"]
    taan = rows[2]
    assert (taan["terbit_30_hari"], taan["terbit_90_hari"], taan["editor_aktif_90_hari"], taan["sepi_14_hari"]) == ("2", "3", "1", "tidak")


def test_csv_cells_cannot_smuggle_spreadsheet_formulas(staff_client, db):
    VillageFactory(slug="jahat", name='=HYPERLINK("http://evil.example","klik")')
    rows = list(csv.reader(io.StringIO(staff_client.get("/admin/meja/aktivitas.csv", HTTP_HOST=ADMIN).content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=")


def test_dashboard_query_count_does_not_grow_with_villages(staff_client, activity):
    with CaptureQueriesContext(connection) as few:
        staff_client.get("/admin/meja/aktivitas/", HTTP_HOST=ADMIN)
    for village in VillageFactory.create_batch(10):
        ArticleFactory.create_batch(3, village=village)
    with CaptureQueriesContext(connection) as many:
        staff_client.get("/admin/meja/aktivitas/", HTTP_HOST=ADMIN)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_new_village_is_not_called_quiet_in_its_grace_period(staff_client, activity):
    Village.objects.filter(slug="kopi").update(created=days_ago(29))
    rows = _rows(staff_client)
    assert not rows["kopi"].quiet and rows["kopi"].new
    assert "Baru" in staff_client.get("/admin/meja/aktivitas/", HTTP_HOST=ADMIN).content.decode()


def test_a_village_just_added_is_not_quiet(staff_client, db):
    VillageFactory(slug="baru")
    assert not _rows(staff_client)["baru"].quiet


def test_after_its_grace_period_a_silent_village_is_quiet(staff_client, activity):
    Village.objects.filter(slug="kopi").update(created=days_ago(31))
    assert _rows(staff_client)["kopi"].quiet


def test_the_grace_period_is_a_setting(staff_client, activity, settings):
    settings.KIM_NEW_VILLAGE_GRACE_DAYS = 400
    assert not any(v.quiet for v in _rows(staff_client).values())


def test_the_village_page_says_new_not_quiet(staff_client, db):
    VillageFactory(slug="baru")
    response = staff_client.get("/admin/meja/aktivitas/baru/", HTTP_HOST=ADMIN)
    assert not response.context["village"].quiet
    assert "Baru" in response.content.decode() and "Sepi" not in response.content.decode()
