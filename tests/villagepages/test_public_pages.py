"""A village's own pages on its site: what is public is PageQuerySet.on_site(),
read by the page view, the menu, the footer and the sitemap; another
village's host never shows them."""

import pytest

from tests.conftest import host
from tests.factories import VillageFactory
from villagepages.models import Page


def _get(client, path, site="taan"):
    return client.get(path, HTTP_HOST=host(site))


def _page(village, slug="sejarah", **fields):
    page = Page.objects.get(village=village, slug=slug)
    for name, value in {"body": "<p>Kampung dibuka para tetua.</p>", "status": "published", **fields}.items():
        setattr(page, name, value)
    page.save()
    return page


def test_a_published_page_is_shown_at_its_address(client, taan):
    _page(taan)
    response = _get(client, "/halaman/sejarah/")
    assert response.status_code == 200
    assert "Kampung dibuka para tetua." in response.content.decode()


@pytest.mark.parametrize("fields", [{"status": "draft"}, {"status": "review"}, {"is_shown": False},
                                    {"deleted_at": "2026-11-01T00:00:00Z"}],
                         ids=["draft", "in-review", "hidden", "in-the-trash"])
def test_a_page_readers_may_not_see_is_not_found(client, taan, fields):
    _page(taan, **fields)
    assert _get(client, "/halaman/sejarah/").status_code == 404


def test_another_villages_host_does_not_show_the_page(client, taan, bela):
    _page(taan, body="<p>Hanya untuk Taan.</p>")
    Page.objects.filter(village=bela).delete()
    response = _get(client, "/halaman/sejarah/", "bela")
    assert response.status_code == 404
    assert "Hanya untuk Taan." not in response.content.decode()


def test_a_page_of_the_same_slug_shows_each_villages_own_text(client, taan, bela):
    _page(taan, body="<p>Sejarah Taan.</p>")
    _page(bela, body="<p>Sejarah Bela.</p>")
    assert "Sejarah Bela." in _get(client, "/halaman/sejarah/", "bela").content.decode()
    assert "Sejarah Bela." not in _get(client, "/halaman/sejarah/", "taan").content.decode()


def test_an_inactive_villages_pages_are_not_public(taan):
    page = _page(taan)
    taan.is_active = False
    taan.save()
    assert not Page.objects.on_site(taan).exists()
    page.refresh_from_db()
    assert not page.is_public


def test_is_public_and_on_site_agree(taan):
    for status in Page.Status:
        for shown in (True, False):
            for deleted_at in (None, "2026-11-01T00:00:00Z"):
                page = _page(taan, status=status, is_shown=shown)
                Page.objects.filter(pk=page.pk).update(deleted_at=deleted_at)
                page.refresh_from_db()
                assert page.is_public == Page.objects.on_site(taan).filter(pk=page.pk).exists(), (status, shown, deleted_at)


def test_the_body_is_sanitised_when_saved(taan):
    page = _page(taan, body='<p onclick="x()">Halo<script>alert(1)</script></p><iframe src="https://evil.test/"></iframe>')
    assert page.body == "<p>Halo</p>"


def test_the_menu_and_the_footer_list_public_pages_in_the_kims_order(client, taan):
    _page(taan, "kontak")
    _page(taan, "sejarah")
    _page(taan, "profil", is_shown=False)
    html = _get(client, "/").content.decode()
    nav = html[html.index('aria-label="Menu utama"'):html.index("</nav>", html.index('aria-label="Menu utama"'))]
    assert nav.index("/halaman/sejarah/") < nav.index("/halaman/kontak/")
    assert "/halaman/profil/" not in html
    footer = html[html.index('aria-label="Halaman desa"'):]
    assert "/halaman/sejarah/" in footer and "/halaman/kontak/" in footer and "/tentang/" in footer


def test_the_menu_has_four_entries_however_many_topics_and_pages(client, taan):
    from tests.factories import TopicFactory

    TopicFactory.create_batch(12)
    for slug in ("profil", "sejarah", "visi-misi", "kontak"):
        _page(taan, slug)
    html = _get(client, "/").content.decode()
    start = html.index('aria-label="Menu utama"')
    nav = html[start:html.index("</nav>", start)]
    top_level = nav.count("<summary>") + nav.count('<a href="/">') + nav.count("/tentang/")
    assert top_level == 4
    assert "Tentang KIM" in nav


def test_the_village_sitemap_lists_its_public_pages_only(client, taan, bela):
    _page(taan, "sejarah")
    _page(taan, "kontak", status="draft")
    _page(bela, "visi-misi")
    sitemap = _get(client, "/sitemap.xml").content.decode()
    assert "/halaman/sejarah/" in sitemap
    assert "/halaman/kontak/" not in sitemap
    assert "/halaman/visi-misi/" not in sitemap


def test_the_district_sitemap_names_no_village_page(client, taan):
    _page(taan)
    assert "/halaman/" not in _get(client, "/sitemap.xml", "").content.decode()


def test_a_village_without_public_pages_lists_only_tentang_kim_under_profil(client, taan):
    html = _get(client, "/").content.decode()
    assert "/halaman/" not in html
    assert "<summary>Profil</summary>" in html and "Tentang KIM" in html


def test_a_village_made_later_gets_no_pages_of_another(taan):
    other = VillageFactory()
    assert not Page.objects.on_site(other).exists()
