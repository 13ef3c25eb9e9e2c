"""Every village starts with the pages a village site needs, as drafts
with a hint for the writer: nothing shows until the KIM publishes."""

from django.test import Client

from tests.conftest import host
from tests.factories import KecamatanFactory, UserFactory, VillageFactory
from villagepages.models import Page
from villagepages.starters import STARTERS, create_starter_pages
from villages.models import Village


def test_a_new_village_gets_the_starter_pages_as_drafts_in_order(db):
    village = VillageFactory()
    pages = list(Page.objects.for_village(village).in_menu_order())
    assert [page.slug for page in pages] == [slug for slug, _, _ in STARTERS]
    assert {page.status for page in pages} == {"draft"}
    assert not Page.objects.on_site(village).exists()


def test_creating_starter_pages_again_adds_only_what_is_missing(db):
    village = VillageFactory()
    Page.objects.filter(village=village, slug="kontak").delete()
    Page.objects.filter(village=village, slug="sejarah").update(title="Sejarah kami")
    create_starter_pages(village)
    create_starter_pages(village)
    assert Page.objects.for_village(village).count() == len(STARTERS)
    assert Page.objects.get(village=village, slug="sejarah").title == "Sejarah kami"
    assert Page.objects.get(village=village, slug="kontak").position == len(STARTERS) - 1


def test_a_village_onboarded_at_the_district_desk_gets_its_pages(client, db):
    staff = UserFactory(username="distrik", is_district_staff=True)
    kecamatan = KecamatanFactory()
    client.force_login(staff)
    client.post("/admin/meja/desa-baru/", {
        "name": "Desa Baru", "kim_name": "KIM Baru", "slug": "desa-baru", "kecamatan": kecamatan.pk,
        "editor_name": "Sari", "editor_email": "sari@baru.test", "editor_role": "publisher",
    }, HTTP_HOST=host())
    village = Village.objects.get(slug="desa-baru")
    assert Page.objects.for_village(village).count() == len(STARTERS)


def test_the_newsroom_shows_the_writer_what_a_starter_page_is_for(db):
    village = VillageFactory()
    publisher = UserFactory()
    village.memberships.create(user=publisher, role="publisher")
    client = Client()
    client.force_login(publisher)
    page = Page.objects.get(village=village, slug="perangkat-desa")
    html = client.get(f"/redaksi/{village.slug}/halaman/{page.pk}/", HTTP_HOST=host()).content.decode()
    assert "Jangan cantumkan NIK" in html
