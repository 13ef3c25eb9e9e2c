"""The newsroom home shows the KIM its own readers of the last seven days:
how many, the most read articles, where they came from; never another
village's."""

import datetime

import pytest
from django.utils import timezone

from readership.models import DailyPageReads, DailyReads
from tests.conftest import host


def day(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def reads(taan, bela, taan_article, bela_article):
    DailyReads.objects.create(village=taan, day=day(0), reads=4, whatsapp=3, direct=1)
    DailyReads.objects.create(village=taan, day=day(6), reads=10, facebook=10, bots=2)
    DailyReads.objects.create(village=taan, day=day(7), reads=100)  # the week before
    DailyReads.objects.create(village=bela, day=day(0), reads=999)
    DailyPageReads.objects.create(village=taan, day=day(0), path="/berita/panen-kakao/", article=taan_article, reads=4)
    DailyPageReads.objects.create(village=bela, day=day(0), path="/berita/rahasia-bela/", article=bela_article, reads=999)


def _home(client, user, slug="taan"):
    client.force_login(user)
    return client.get(f"/redaksi/{slug}/", HTTP_HOST=host())


def test_the_home_shows_this_weeks_readers_and_the_week_before(client, taan_editor, reads):
    readers = _home(client, taan_editor).context["readers"]
    assert (readers["reads"], readers["before"]) == (14, 100)


def test_the_home_shows_the_most_read_articles_and_where_readers_came_from(client, taan_editor, reads, taan_article):
    response = _home(client, taan_editor)
    readers = response.context["readers"]
    assert readers["top"] == [(taan_article, 4)]
    assert dict(readers["sources"])["WhatsApp"] == 3 and dict(readers["sources"])["Facebook"] == 10
    page = response.content.decode()
    assert "Panen kakao di Taan" in page and "4 kali dibaca" in page


def test_the_home_never_shows_another_villages_readers(client, taan_publisher, reads):
    page = _home(client, taan_publisher).content.decode()
    assert "<strong>999</strong>" not in page and "Rahasia dapur Bela" not in page
    assert "<strong>14</strong>" in page


def test_another_villages_member_cannot_see_them(client, bela_editor, reads):
    assert _home(client, bela_editor).status_code == 404


def test_district_staff_see_a_villages_readers(client, district_staff, reads):
    assert _home(client, district_staff, "bela").context["readers"]["reads"] == 999


def test_a_village_without_readers_yet_says_so_plainly(client, taan_editor):
    page = _home(client, taan_editor).content.decode()
    assert "Pembaca 7 hari terakhir" in page and "<strong>0</strong> kali" in page
