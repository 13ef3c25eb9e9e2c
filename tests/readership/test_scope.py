"""A village's counts are its own: a beacon counts only pages of the host it
is sent to, with the token that page carries."""

from readership.counter import page_token
from readership.models import DailyPageReads, DailyReads
from tests.conftest import host
from tests.readership.conftest import beacon_of, read, reads_of, send_beacon


def test_another_villages_article_sent_to_this_host_is_refused(client, taan, bela_article):
    page = client.get("/berita/rahasia-bela/", HTTP_HOST=host("bela"))
    path, token = beacon_of(page)
    assert send_beacon(client, "taan", path, token).status_code == 400
    assert reads_of(taan) == ({}, None)


def test_a_made_up_path_is_refused(client, taan):
    assert send_beacon(client, "taan", "/berita/tidak-pernah-ada/", "0" * 24).status_code == 400
    assert send_beacon(client, "taan", "/berita/tidak-pernah-ada/", "").status_code == 400
    assert DailyPageReads.objects.count() == 0


def test_a_token_proves_one_path_only(client, taan_article):
    token = page_token("taan", "/berita/panen-kakao/")
    assert send_beacon(client, "taan", "/berita/panen-kakao/?x", token).status_code == 400
    assert send_beacon(client, "taan", "/", token).status_code == 400


def test_each_village_counts_only_its_own_reads(client, taan_article, bela_article):
    read(client, "/berita/panen-kakao/")
    read(client, "/berita/panen-kakao/")
    read(client, "/berita/rahasia-bela/", site="bela")
    assert reads_of(taan_article.village)[0] == {"/berita/panen-kakao/": 2}
    assert reads_of(bela_article.village)[0] == {"/berita/rahasia-bela/": 1}
    assert DailyReads.objects.get(village=bela_article.village).reads == 1
