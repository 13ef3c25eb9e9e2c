"""District staff give a village its own domain at the desk: the DNS
records to set, "Periksa DNS" asking the real resolver, and the audit log.
DNS here is real: `localhost` is a name that points at this machine, and
`.invalid` names never exist (RFC 2606)."""

import pytest
from django.conf import settings as current
from django.utils import timezone

from tests.conftest import host
from villages import domains
from villages.models import AuditEntry

ADMIN = host()
LIST = "/admin/meja/domain/"


def _district():
    """The district host of the moment (portal_elsewhere moves it)."""
    return current.KIM_BASE_DOMAIN


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


@pytest.fixture
def portal_elsewhere(settings):
    """The portal on its own base domain, so that `localhost` can be a village's."""
    settings.KIM_BASE_DOMAIN = "portal.test"
    settings.KIM_SERVER_ADDRESSES = ["127.0.0.1"]


def _page(client, village):
    return client.get(f"{LIST}{village.slug}/", HTTP_HOST=_district())


def _check(client, village):
    return client.post(f"{LIST}{village.slug}/", {"action": "check"}, HTTP_HOST=_district(), follow=True)


def test_staff_add_a_domain_and_see_the_records_to_set(staff_client, taan, settings):
    settings.KIM_SERVER_ADDRESSES = ["203.0.113.7", "2001:db8::7"]
    response = staff_client.post(LIST, {"village": taan.pk, "domain": "https://Taan.Desa.ID/"}, HTTP_HOST=ADMIN)
    assert response.status_code == 302 and response["Location"] == f"{LIST}taan/"
    taan.refresh_from_db()
    assert (taan.domain, taan.domain_verified) == ("taan.desa.id", None)
    page = _page(staff_client, taan).content.decode()
    assert "<strong>A</strong>" in page and "<code>203.0.113.7</code>" in page
    assert "<strong>AAAA</strong>" in page and "<code>2001:db8::7</code>" in page
    assert "<code>taan.localhost.</code>" in page  # the CNAME's value
    assert "Periksa DNS" in page


def test_adding_a_domain_is_in_the_audit_log(staff_client, taan, district_staff):
    staff_client.post(LIST, {"village": taan.pk, "domain": "taan.desa.id"}, HTTP_HOST=ADMIN)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DOMAIN_SET)
    assert (entry.actor, entry.village, entry.reason) == (district_staff, taan, "taan.desa.id")


@pytest.mark.parametrize("typed, message", [
    ("bukan domain", "Tulis nama domain saja"),
    ("taan", "Tulis nama domain saja"),
    ("203.0.113.7", "Alamat IP"),
    ("bela.localhost", "sudah bagian dari portal"),
    ("localhost", "sudah bagian dari portal"),
    ("-taan.desa.id", "Tulis nama domain saja"),
    ("a" * 64 + ".desa.id", "Tulis nama domain saja"),
])
def test_a_wrong_name_is_refused_in_indonesian_and_kept(staff_client, taan, typed, message):
    response = staff_client.post(LIST, {"village": taan.pk, "domain": typed}, HTTP_HOST=ADMIN)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    assert f'value="{typed}"' in page
    taan.refresh_from_db()
    assert taan.domain is None


def test_a_domain_of_another_village_is_refused(staff_client, taan, bela):
    bela.domain = "taan.desa.id"
    bela.save()
    response = staff_client.post(LIST, {"village": taan.pk, "domain": "TAAN.desa.id"}, HTTP_HOST=ADMIN)
    assert response.status_code == 400 and "sudah dipakai Desa Bela" in response.content.decode()


def test_an_international_name_is_kept_in_its_ascii_form_and_shown_readable(staff_client, taan):
    staff_client.post(LIST, {"village": taan.pk, "domain": "Tààn.desa.id"}, HTTP_HOST=ADMIN)
    taan.refresh_from_db()
    assert taan.domain == "tààn.desa.id".encode("idna").decode() and taan.domain.startswith("xn--")
    assert "tààn.desa.id" in _page(staff_client, taan).content.decode()


def test_periksa_dns_verifies_a_domain_pointing_at_the_portal(staff_client, taan, portal_elsewhere):
    taan.domain = "localhost"
    taan.save()
    page = _check(staff_client, taan).content.decode()
    taan.refresh_from_db()
    assert taan.domain_verified is not None and taan.own_domain == "localhost"
    assert "localhost menunjuk ke server portal (127.0.0.1)" in page
    assert "Aktif, alamat utama" in page
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOMAIN_VERIFIED, village=taan).exists()


def test_periksa_dns_says_where_a_domain_points_instead(staff_client, taan, portal_elsewhere, settings):
    settings.KIM_SERVER_ADDRESSES = ["203.0.113.7"]
    taan.domain = "localhost"
    taan.save()
    page = _check(staff_client, taan).content.decode()
    taan.refresh_from_db()
    assert taan.domain_verified is None
    assert "localhost menunjuk ke 127.0.0.1, bukan ke server portal (203.0.113.7)" in page


def test_periksa_dns_says_a_name_is_not_in_dns_yet(staff_client, taan):
    taan.domain = "taan.desa.invalid"
    taan.save()
    page = _check(staff_client, taan).content.decode()
    taan.refresh_from_db()
    assert taan.domain_verified is None
    assert "taan.desa.invalid belum ada di DNS" in page


def test_a_domain_found_pointing_elsewhere_later_is_no_longer_canonical(staff_client, taan, portal_elsewhere, settings):
    taan.domain = "localhost"
    taan.save()
    _check(staff_client, taan)
    settings.KIM_SERVER_ADDRESSES = ["203.0.113.7"]
    _check(staff_client, taan)
    taan.refresh_from_db()
    assert taan.own_domain == "" and taan.url().endswith("://taan.portal.test/")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOMAIN_UNVERIFIED, village=taan).exists()


def test_dns_that_does_not_answer_changes_nothing(taan, district_staff):
    def silent(name):
        raise domains.NoAnswer("timeout")

    taan.domain, taan.domain_verified = "taan.desa.id", timezone.now()
    taan.save()
    result = taan.check_domain(district_staff, resolver=silent)
    taan.refresh_from_db()
    assert not result.points_here and taan.own_domain == "taan.desa.id"
    assert "DNS tidak menjawab" in taan.domain_check


def test_an_alias_of_the_villages_subdomain_points_at_the_portal(taan, district_staff, settings):
    settings.KIM_SERVER_ADDRESSES = ["203.0.113.7"]

    def alias(name):
        # What DNS answers for a CNAME to taan.<base>: the chain's end and its addresses.
        return domains.Answer(f"taan.{settings.KIM_BASE_DOMAIN}", frozenset({"203.0.113.7"}))

    taan.domain = "berita.taan.desa.id"
    taan.save()
    assert taan.check_domain(district_staff, resolver=alias).points_here


def test_a_domain_pointing_partly_elsewhere_is_not_verified(taan, district_staff, settings):
    settings.KIM_SERVER_ADDRESSES = ["203.0.113.7"]
    taan.domain = "taan.desa.id"
    taan.save()
    result = taan.check_domain(district_staff, resolver=lambda name: domains.Answer(name, frozenset({"203.0.113.7", "198.51.100.1"})))
    assert not result.points_here and "sebagian bukan server portal" in result.message


def test_removing_the_domain_returns_the_site_to_its_subdomain(staff_client, taan, portal_elsewhere):
    taan.domain = "localhost"
    taan.save()
    _check(staff_client, taan)
    response = staff_client.post(f"{LIST}taan/", {"action": "remove"}, HTTP_HOST=_district())
    assert response.status_code == 302
    taan.refresh_from_db()
    assert taan.domain is None and taan.url().endswith("://taan.portal.test/")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DOMAIN_REMOVED, reason="localhost").exists()


def test_changing_the_name_starts_unverified(staff_client, taan):
    taan.domain, taan.domain_verified = "taan.desa.id", timezone.now()
    taan.save()
    staff_client.post(f"{LIST}taan/", {"action": "save", "domain": "taan.id"}, HTTP_HOST=ADMIN)
    taan.refresh_from_db()
    assert (taan.domain, taan.domain_verified) == ("taan.id", None)


@pytest.mark.parametrize("who", ["anonymous", "taan_publisher", "taan_editor"])
def test_village_members_and_outsiders_cannot_touch_a_domain(client, taan, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    client.post(LIST, {"village": taan.pk, "domain": "taan.desa.id"}, HTTP_HOST=ADMIN)
    taan.domain = "taan.desa.id"
    taan.save()
    for action in ("check", "remove"):
        response = client.post(f"{LIST}taan/", {"action": action}, HTTP_HOST=ADMIN)
        assert response.status_code in (302, 403)
    taan.refresh_from_db()
    assert (taan.domain, taan.domain_verified) == ("taan.desa.id", None)
    assert not AuditEntry.objects.exists()
