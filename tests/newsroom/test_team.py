"""A KIM's team, run by its publisher in the newsroom: see who is in it,
invite someone (a new account with a one-time password link, as the
district's onboarding does), change a role, remove someone. Never another
village's people, never district staff, never a team without a publisher."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tests.conftest import host
from tests.factories import MembershipFactory, UserFactory
from villages.models import AuditEntry, Membership, User

BASE = host()


def _team(slug="taan"):
    return f"/redaksi/{slug}/tim/"


def _get(client, path):
    return client.get(path, HTTP_HOST=BASE)


def _post(client, path, data=None):
    return client.post(path, data or {}, HTTP_HOST=BASE)


def _invite(client, slug="taan", **fields):
    data = {"name": "Nur Aisyah", "email": "nur@uji.test", "whatsapp": "0812 4455 6677", "role": "editor", **fields}
    return _post(client, _team(slug) + "undang/", data)


def _membership(user, village):
    return Membership.objects.get(user=user, village=village)


@pytest.fixture
def publisher(client, taan_publisher):
    client.force_login(taan_publisher)
    return client


@pytest.fixture
def second_publisher(taan):
    user = UserFactory(username="penerbit-dua", first_name="Rahmat")
    MembershipFactory(user=user, village=taan, role="publisher")
    return user


# Seeing the team


def test_a_publisher_sees_every_member_and_their_role(publisher, taan_editor, taan_publisher, bela_editor):
    body = _get(publisher, _team()).content.decode()
    assert "editor-taan" in body and "penerbit-taan" in body
    assert "editor-bela" not in body
    members = _get(publisher, _team()).context["members"]
    assert [(m.user.username, m.role) for m in members] == [("penerbit-taan", "publisher"), ("editor-taan", "editor")]


def test_the_team_tab_shows_only_to_those_who_may_run_the_team(client, taan_editor, taan_publisher):
    client.force_login(taan_publisher)
    assert 'href="/redaksi/taan/tim/"' in _get(client, "/redaksi/taan/").content.decode()
    client.force_login(taan_editor)
    assert 'href="/redaksi/taan/tim/"' not in _get(client, "/redaksi/taan/").content.decode()


# Who may not


def test_an_editor_may_open_no_team_screen_nor_change_anything(client, taan_editor, taan_publisher):
    client.force_login(taan_editor)
    target = _membership(taan_publisher, taan_publisher.memberships.get().village)
    for path in (_team(), _team() + "undang/", f"{_team()}{target.pk}/", f"{_team()}{target.pk}/keluarkan/"):
        assert _get(client, path).status_code == 403, path
    assert _invite(client).status_code == 403
    assert _post(client, f"{_team()}{target.pk}/", {"role": "editor"}).status_code == 403
    assert _post(client, f"{_team()}{target.pk}/keluarkan/").status_code == 403
    target.refresh_from_db()
    assert target.role == "publisher"
    assert not User.objects.filter(email="nur@uji.test").exists()
    own = _membership(taan_editor, target.village)
    _post(client, f"{_team()}{own.pk}/", {"role": "publisher"})
    own.refresh_from_db()
    assert own.role == "editor"


def test_another_villages_publisher_finds_no_team_here(client, bela_publisher, taan_editor, taan):
    client.force_login(bela_publisher)
    member = _membership(taan_editor, taan)
    for path in (_team(), _team() + "undang/", f"{_team()}{member.pk}/", f"{_team()}{member.pk}/keluarkan/"):
        assert _get(client, path).status_code == 404, path
    assert _invite(client).status_code == 404
    assert not Membership.objects.filter(village=taan, user__email="nur@uji.test").exists()


def test_another_villages_publisher_cannot_reach_this_villages_members_through_their_own(
    client, bela_publisher, taan_editor, taan
):
    client.force_login(bela_publisher)
    member = _membership(taan_editor, taan)
    assert _get(client, f"{_team('bela')}{member.pk}/").status_code == 404
    assert _post(client, f"{_team('bela')}{member.pk}/", {"role": "publisher"}).status_code == 404
    assert _post(client, f"{_team('bela')}{member.pk}/keluarkan/").status_code == 404
    member.refresh_from_db()
    assert member.role == "editor"


def test_a_publisher_cannot_bring_another_villages_member_over_by_id(publisher, bela_editor):
    """The invite form takes a name and contact, never an account or membership id."""
    _invite(publisher, user=bela_editor.pk, membership=bela_editor.memberships.get().pk, email="")
    assert not bela_editor.memberships.filter(village__slug="taan").exists()


def test_the_rules_refuse_a_publisher_acting_in_another_village(taan_publisher, bela, bela_editor):
    with pytest.raises(PermissionDenied):
        Membership.add(taan_publisher, bela, UserFactory(), "editor")
    with pytest.raises(PermissionDenied):
        _membership(bela_editor, bela).remove(taan_publisher)


def test_a_publisher_cannot_change_or_remove_district_staff(publisher, taan, district_staff):
    staff_place = MembershipFactory(user=district_staff, village=taan, role="publisher")
    assert _get(publisher, f"{_team()}{staff_place.pk}/").status_code == 403
    assert _post(publisher, f"{_team()}{staff_place.pk}/", {"role": "editor"}).status_code == 403
    assert _post(publisher, f"{_team()}{staff_place.pk}/keluarkan/").status_code == 403
    staff_place.refresh_from_db()
    assert staff_place.role == "publisher"


def test_a_publisher_cannot_change_or_remove_a_superuser(publisher, taan):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    place = MembershipFactory(user=root, village=taan, role="editor")
    assert _post(publisher, f"{_team()}{place.pk}/", {"role": "publisher"}).status_code == 403
    assert _post(publisher, f"{_team()}{place.pk}/keluarkan/").status_code == 403
    assert Membership.objects.filter(pk=place.pk, role="editor").exists()


def test_a_publisher_cannot_invite_district_staff_into_the_team(publisher, taan, district_staff):
    district_staff.email = "staf@diskominfo.test"
    district_staff.save()
    response = _invite(publisher, email="staf@diskominfo.test", role="publisher")
    assert response.status_code == 400
    assert "staf distrik" in response.content.decode()
    assert not Membership.objects.filter(user=district_staff).exists()


def test_a_publisher_cannot_make_anyone_staff(publisher, taan, taan_editor):
    member = _membership(taan_editor, taan)
    response = _post(publisher, f"{_team()}{member.pk}/", {"role": "district", "is_district_staff": "on", "is_staff": "on"})
    assert response.status_code == 400
    _invite(publisher, email="baru@uji.test", is_district_staff="on", is_staff="on", is_superuser="on")
    for user in (taan_editor, User.objects.get(email="baru@uji.test")):
        user.refresh_from_db()
        assert not (user.is_district_staff or user.is_staff or user.is_superuser)


def test_a_publisher_still_cannot_use_the_admins_membership_screens(publisher, taan):
    newcomer = UserFactory(username="pendatang")
    _post(publisher, "/admin/villages/membership/add/", {"user": newcomer.pk, "village": taan.pk, "role": "editor"})
    assert not newcomer.memberships.exists()


# Inviting


def test_inviting_someone_new_makes_an_account_without_a_password_in_this_team(publisher, taan):
    assert _invite(publisher).status_code == 200
    person = User.objects.get(email="nur@uji.test")
    assert (person.first_name, person.last_name, person.has_usable_password()) == ("Nur", "Aisyah", False)
    assert (person.whatsapp, _membership(person, taan).role) == ("6281244556677", "editor")


def _link_path(response):
    return re.search(r">http://localhost(/akun/sandi/[^<]+)</textarea>", response.content.decode()).group(1)


def test_the_new_person_gets_the_one_time_link_by_email_and_a_whatsapp_message(publisher):
    response = _invite(publisher)
    path = _link_path(response)
    assert mail.outbox[0].to == ["nur@uji.test"]
    assert path in mail.outbox[0].body and "KIM Taan Bersatu" in mail.outbox[0].body
    assert 'href="https://wa.me/6281244556677?text=' in response.content.decode()


def test_the_invited_person_sets_a_password_and_lands_in_this_newsroom(publisher, client):
    path = _link_path(_invite(publisher, role="publisher"))
    client.logout()
    response = _get(client, path)
    form_path = response["Location"] if response.status_code == 302 else path
    _post(client, form_path, {"new_password1": "Kakao-Mamuju-2026", "new_password2": "Kakao-Mamuju-2026"})
    username = User.objects.get(email="nur@uji.test").username
    client.post("/masuk/", {"username": username, "password": "Kakao-Mamuju-2026"}, HTTP_HOST=BASE)
    assert _get(client, "/redaksi/taan/").status_code == 200
    assert _get(client, _team()).status_code == 200  # invited as publisher


def test_someone_with_an_account_joins_with_it_and_no_password_link_is_made(publisher, taan, bela_editor):
    bela_editor.email = "andi@uji.test"
    bela_editor.save()
    response = _invite(publisher, email="ANDI@uji.test", name="Nama Lain")
    assert response.status_code == 200
    assert "/akun/sandi/" not in response.content.decode()
    assert "/akun/sandi/" not in mail.outbox[0].body and "/masuk/" in mail.outbox[0].body
    assert _membership(bela_editor, taan).role == "editor"
    assert bela_editor.memberships.count() == 2
    bela_editor.refresh_from_db()
    assert bela_editor.check_password("rahasia-uji-123") and bela_editor.first_name == "Andi"


def test_inviting_a_member_again_is_refused_and_keeps_what_was_typed(publisher, taan_editor):
    taan_editor.email = "editor@uji.test"
    taan_editor.save()
    response = _invite(publisher, email="editor@uji.test", name="Editor Lagi")
    assert response.status_code == 400
    assert "sudah anggota tim ini" in response.content.decode()
    assert 'value="Editor Lagi"' in response.content.decode()


def test_an_invitation_needs_an_email_or_a_whatsapp_number(publisher):
    response = _invite(publisher, email="", whatsapp="")
    assert response.status_code == 400
    assert "Isi email atau nomor WhatsApp" in response.content.decode()


def test_a_number_not_understood_is_named_as_such_not_as_missing(publisher):
    response = _invite(publisher, email="", whatsapp="12345")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nomor WhatsApp tidak dikenali" in body and "Isi email atau nomor WhatsApp" not in body


@pytest.mark.parametrize("written", ["0812 4455 6677", "+62 812-4455-6677", "\u202a+62 812\u20114455\u00a06677\u202c"])
def test_the_invite_takes_numbers_as_people_write_them(publisher, written):
    assert _invite(publisher, email="", whatsapp=written).status_code == 200
    assert User.objects.get(first_name="Nur").whatsapp == "6281244556677"


# Changing roles


def test_a_publisher_makes_an_editor_a_publisher(publisher, taan, taan_editor):
    member = _membership(taan_editor, taan)
    response = _post(publisher, f"{_team()}{member.pk}/", {"role": "publisher"})
    assert (response.status_code, response["Location"]) == (302, _team())
    member.refresh_from_db()
    assert member.role == "publisher"


def test_the_last_publisher_cannot_step_down(publisher, taan, taan_publisher):
    own = _membership(taan_publisher, taan)
    response = _post(publisher, f"{_team()}{own.pk}/", {"role": "editor"})
    assert response.status_code == 400
    assert "setidaknya satu penerbit" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "publisher"


def test_a_publisher_may_step_down_while_another_publisher_remains(publisher, taan, taan_publisher, second_publisher):
    own = _membership(taan_publisher, taan)
    response = _post(publisher, f"{_team()}{own.pk}/", {"role": "editor"})
    assert response["Location"] == "/redaksi/taan/"
    own.refresh_from_db()
    assert own.role == "editor"
    assert _get(publisher, _team()).status_code == 403


# Removing


def test_removing_is_asked_once_more_first(publisher, taan, taan_editor):
    member = _membership(taan_editor, taan)
    response = _get(publisher, f"{_team()}{member.pk}/keluarkan/")
    assert response.status_code == 200 and "Ya, keluarkan" in response.content.decode()
    assert Membership.objects.filter(pk=member.pk).exists()


def test_removing_a_member_ends_only_this_membership_never_the_account(publisher, taan, bela, taan_editor):
    MembershipFactory(user=taan_editor, village=bela)
    member = _membership(taan_editor, taan)
    response = _post(publisher, f"{_team()}{member.pk}/keluarkan/")
    assert (response.status_code, response["Location"]) == (302, _team())
    taan_editor.refresh_from_db()
    assert taan_editor.is_active and taan_editor.check_password("rahasia-uji-123")
    assert list(taan_editor.memberships.values_list("village__slug", flat=True)) == ["bela"]


def test_a_removed_member_can_no_longer_open_the_newsroom(publisher, client, taan, taan_editor):
    _post(publisher, f"{_team()}{_membership(taan_editor, taan).pk}/keluarkan/")
    client.force_login(taan_editor)
    assert _get(client, "/redaksi/taan/").status_code == 404
    assert User.objects.filter(pk=taan_editor.pk).exists()


def test_the_last_publisher_cannot_leave(publisher, taan, taan_publisher):
    own = _membership(taan_publisher, taan)
    response = _post(publisher, f"{_team()}{own.pk}/keluarkan/")
    assert response.status_code == 400
    assert "setidaknya satu penerbit" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_publisher_may_leave_while_another_publisher_remains(publisher, taan, taan_publisher, second_publisher):
    response = _post(publisher, f"{_team()}{_membership(taan_publisher, taan).pk}/keluarkan/")
    assert response["Location"] == "/redaksi/"
    assert not taan_publisher.memberships.exists()
    assert User.objects.filter(pk=taan_publisher.pk, is_active=True).exists()


def test_a_deactivated_publisher_does_not_count_as_the_one_that_remains(publisher, taan, taan_publisher, second_publisher):
    User.objects.filter(pk=second_publisher.pk).update(is_active=False)
    assert _post(publisher, f"{_team()}{_membership(taan_publisher, taan).pk}/keluarkan/").status_code == 400


# District staff, and the log


def test_district_staff_run_any_team_from_the_newsroom(client, district_staff, taan, taan_editor):
    client.force_login(district_staff)
    assert _invite(client).status_code == 200
    member = _membership(taan_editor, taan)
    _post(client, f"{_team()}{member.pk}/", {"role": "publisher"})
    member.refresh_from_db()
    assert member.role == "publisher"


def test_every_change_to_the_team_is_in_the_audit_log(publisher, taan, taan_publisher, taan_editor):
    _invite(publisher)
    member = _membership(taan_editor, taan)
    _post(publisher, f"{_team()}{member.pk}/", {"role": "publisher"})
    _post(publisher, f"{_team()}{member.pk}/keluarkan/")
    entries = AuditEntry.objects.order_by("id")
    assert [(e.action, e.actor, e.village, e.subject) for e in entries] == [
        ("member_added", taan_publisher, taan, User.objects.get(email="nur@uji.test").username),
        ("member_role_changed", taan_publisher, taan, "editor-taan"),
        ("member_removed", taan_publisher, taan, "editor-taan"),
    ]
    assert "editor → penerbit" in entries[1].reason
    assert "Menambah anggota tim" in _get(publisher, _team()).content.decode()
