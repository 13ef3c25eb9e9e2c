"""manage.py check_domains, daily: a verified domain that now points
elsewhere stops being its village's address; real DNS (`localhost` points
at this machine, `.invalid` names never exist)."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from villages.models import AuditEntry


def _run():
    out = StringIO()
    call_command("check_domains", stdout=out)
    return out.getvalue()


def test_a_domain_pointing_elsewhere_now_returns_the_village_to_its_subdomain(taan, settings):
    settings.KIM_BASE_DOMAIN, settings.KIM_SERVER_ADDRESSES = "portal.test", ["203.0.113.7"]
    taan.domain, taan.domain_verified = "localhost", timezone.now()
    taan.save()
    text = _run()
    taan.refresh_from_db()
    assert taan.own_domain == "" and "tidak lagi dipakai" in text
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DOMAIN_UNVERIFIED)
    assert entry.actor is None and entry.actor_name == "server (manage.py check_domains)"


def test_a_domain_that_came_to_point_here_is_verified(taan, settings):
    settings.KIM_BASE_DOMAIN, settings.KIM_SERVER_ADDRESSES = "portal.test", ["127.0.0.1"]
    taan.domain = "localhost"
    taan.save()
    assert "kini aktif" in _run()
    taan.refresh_from_db()
    assert taan.own_domain == "localhost"


def test_a_domain_still_pointing_here_changes_nothing(taan, settings):
    settings.KIM_BASE_DOMAIN, settings.KIM_SERVER_ADDRESSES = "portal.test", ["127.0.0.1"]
    taan.domain, taan.domain_verified = "localhost", timezone.now()
    taan.save()
    _run()
    taan.refresh_from_db()
    assert taan.own_domain == "localhost" and not AuditEntry.objects.exists()


def test_a_name_gone_from_dns_is_no_longer_the_address(taan):
    taan.domain, taan.domain_verified = "taan.desa.invalid", timezone.now()
    taan.save()
    _run()
    taan.refresh_from_db()
    assert taan.own_domain == "" and taan.domain == "taan.desa.invalid"
