"""Search on each village site and across the district."""

import pytest

from tests.conftest import host
from tests.factories import ArticleFactory
from tests.html_safety import active_content


@pytest.fixture
def news(taan, bela):
    return [
        ArticleFactory(village=taan, slug="posyandu", title="Posyandu Taan ramai", body="<p>Kader posyandu menimbang balita.</p>"),
        ArticleFactory(village=taan, slug="kakao", title="Panen kakao", body="<p>Petani memanen kakao di kebun.</p>"),
        ArticleFactory(village=bela, slug="posyandu-bela", title="Posyandu Bela", body="<p>Balita ditimbang di Bela.</p>"),
        ArticleFactory(village=taan, slug="draf", title="Posyandu rahasia", status="draft"),
    ]


def _search(client, site, q, **extra):
    response = client.get("/cari/", {"q": q, **extra}, HTTP_HOST=host(site))
    assert response.status_code == 200
    return response.content.decode()


def test_village_search_finds_its_own_published_news_only(client, news):
    page = _search(client, "taan", "posyandu")
    assert "<mark>Posyandu</mark> Taan ramai" in page
    assert "Posyandu Bela" not in page and "rahasia" not in page
    assert "1 berita ditemukan" in page


def test_district_search_covers_every_village(client, news):
    page = _search(client, "", "posyandu")
    assert "2 berita ditemukan" in page
    assert 'href="http://bela.localhost/berita/posyandu-bela/"' in page


def test_every_word_must_match(client, news):
    assert "Tidak ada berita" in _search(client, "taan", "posyandu kakao")
    assert "1 berita ditemukan" in _search(client, "taan", "kakao kebun")


def test_search_is_case_insensitive_and_highlights_the_body(client, news):
    page = _search(client, "taan", "BALITA")
    assert "menimbang <mark>balita</mark>" in page


def test_indonesian_words_are_not_stemmed_into_surprises(client, news):
    # "panen" must not match "memanen" through a stemmer built for English.
    page = _search(client, "taan", "memanen")
    assert "1 berita ditemukan" in page and "Panen kakao" in page


@pytest.mark.parametrize("q", ["", "   ", "<script>alert(1)</script>", "' OR 1=1 --", "a" * 5000, "kakao " * 50, "%00", "\\", "&amp;"])
def test_odd_queries_never_fail_and_are_escaped(client, news, q):
    for site in ("taan", ""):
        page = _search(client, site, q)
        assert active_content(page) == []
        assert "<script>alert(1)</script>" not in page


def test_results_are_paginated_keeping_the_query(client, taan, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        ArticleFactory(village=taan, title=f"Gotong royong {n}")
    page = _search(client, "taan", "gotong")
    assert "5 berita ditemukan" in page and "Halaman 1 dari 3" in page
    assert 'href="?q=gotong&amp;page=2"' in page
    assert "Halaman 3 dari 3" in _search(client, "taan", "gotong", page=3)


@pytest.mark.parametrize("site", ["taan", ""])
def test_a_nul_or_control_character_in_the_query_parts_words_instead_of_failing(client, news, site):
    # PostgreSQL refuses NUL in any text parameter; the fuzzer found it.
    page = _search(client, site, "posyandu\x00\x07taan")
    assert "<mark>Posyandu</mark> <mark>Taan</mark> ramai" in page
