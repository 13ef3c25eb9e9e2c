"""Adding a village KIM is one step for district staff; the first editor
sets their own password through a one-time, expiring link."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.conftest import host
from tests.factories import KecamatanFactory, UserFactory
from villages.models import AuditEntry, Membership, User, Village

ADMIN = host()
NEW = "/admin/meja/desa-baru/"


@pytest.fixture
def staff_client(client, district_staff):
    client.force_login(district_staff)
    return client


def _add(client, **overrides):
    data = {
        "name": "Desa Karampuang",
        "kim_name": "KIM Karampuang Bahari",
        "slug": "karampuang",
        "kecamatan": KecamatanFactory(name="Mamuju", slug="mamuju").pk,
        "editor_name": "Siti Rahma",
        "editor_email": "siti@example.id",
        "editor_whatsapp": "081234567890",
        "editor_role": "publisher",
        **overrides,
    }
    return client.post(NEW, data, HTTP_HOST=ADMIN)


def _link_path(response):
    return re.search(r'value="http://localhost(/akun/sandi/[^"]+)"', response.content.decode()).group(1)


def test_one_step_creates_the_village_its_editor_and_the_membership(staff_client):
    assert _add(staff_client).status_code == 200
    village = Village.objects.get(slug="karampuang")
    editor = User.objects.get(email="siti@example.id")
    assert (editor.first_name, editor.last_name, editor.has_usable_password()) == ("Siti", "Rahma", False)
    assert Membership.objects.get(user=editor).village == village
    assert Membership.objects.get(user=editor).role == "publisher"


def test_the_new_village_site_is_live_at_once(staff_client, client):
    _add(staff_client)
    assert client.get("/", HTTP_HOST=host("karampuang")).status_code == 200


def test_the_editor_is_emailed_the_same_link_staff_see(staff_client):
    response = _add(staff_client)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.id"]
    assert _link_path(response) in mail.outbox[0].body


def test_staff_get_a_whatsapp_link_carrying_the_password_link(staff_client):
    body = _add(staff_client).content.decode()
    assert 'href="https://wa.me/6281234567890?text=' in body


def test_adding_a_village_is_kept_in_the_audit_log(staff_client, district_staff):
    _add(staff_client)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.subject) == (district_staff, "village_added", "Desa Karampuang")


def _set_password(client, path, password="Kakao-Mamuju-2026"):
    response = client.get(path, HTTP_HOST=ADMIN)
    # Django swaps the token for a session marker and redirects to the form.
    form_path = response["Location"] if response.status_code == 302 else path
    return client.post(form_path, {"new_password1": password, "new_password2": password}, HTTP_HOST=ADMIN)


def test_the_link_lets_the_editor_set_a_password_and_log_in(staff_client, client):
    path = _link_path(_add(staff_client))
    staff_client.logout()
    assert _set_password(client, path).status_code == 302
    username = User.objects.get(email="siti@example.id").username
    response = client.post("/masuk/", {"username": username, "password": "Kakao-Mamuju-2026"}, HTTP_HOST=ADMIN)
    assert (response.status_code, response["Location"]) == (302, "/redaksi/")
    assert client.get("/redaksi/", HTTP_HOST=ADMIN, follow=True).status_code == 200


def test_the_link_works_only_once(staff_client, client):
    path = _link_path(_add(staff_client))
    staff_client.logout()
    _set_password(client, path)
    client.logout()
    response = _set_password(client, path, "Jahat-Sekali-2026")
    assert response.status_code == 404
    assert not response.context["validlink"]
    editor = User.objects.get(email="siti@example.id")
    assert editor.check_password("Kakao-Mamuju-2026")


def test_an_expired_link_is_refused(client, db):
    editor = UserFactory()
    editor.set_unusable_password()
    editor.save()
    four_days_ago = default_token_generator._num_seconds(datetime.datetime.now() - datetime.timedelta(days=4))
    token = default_token_generator._make_token_with_timestamp(editor, four_days_ago, default_token_generator.secret)
    response = client.get(f"/akun/sandi/{urlsafe_base64_encode(force_bytes(editor.pk))}/{token}/", HTTP_HOST=ADMIN)
    assert response.status_code == 404
    assert not response.context["validlink"]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"slug": "taan"}, "slug"),
        ({"slug": "admin"}, "slug"),
        ({"slug": "Desa Baru!"}, "slug"),
        ({"editor_email": "", "editor_whatsapp": ""}, None),
        ({"editor_whatsapp": "nomor saya"}, "editor_whatsapp"),
        ({"editor_email": "bukan-email"}, "editor_email"),
    ],
    ids=["slug-taken", "slug-reserved", "slug-invalid", "no-contact", "bad-whatsapp", "bad-email"],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_created(staff_client, taan, overrides, field):
    response = _add(staff_client, **overrides)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert (field or "__all__") in errors
    assert not Village.objects.filter(name="Desa Karampuang").exists()
    assert not User.objects.filter(first_name="Siti").exists()
    assert 'value="KIM Karampuang Bahari"' in response.content.decode()


def test_an_email_already_in_use_is_refused(staff_client):
    UserFactory(email="siti@example.id")
    response = _add(staff_client)
    assert response.status_code == 400
    assert "sudah dipakai" in response.content.decode()


def test_deactivating_a_village_hides_its_site_and_keeps_its_data(staff_client, client, taan, taan_article):
    response = staff_client.post(
        f"/admin/villages/village/{taan.pk}/change/",
        {
            "name": taan.name, "kim_name": taan.kim_name, "slug": taan.slug, "kecamatan": taan.kecamatan_id,
            "is_active": "", "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
        },
        HTTP_HOST=ADMIN,
    )
    assert response.status_code == 302
    assert client.get("/", HTTP_HOST=host("taan")).status_code == 404
    assert "panen-kakao" not in client.get("/", HTTP_HOST=ADMIN).content.decode()
    assert Village.objects.filter(slug="taan", is_active=False).exists()
    assert taan.articles.count() == 1
    assert AuditEntry.objects.get().action == "village_deactivated"


@pytest.mark.parametrize(
    "written",
    ["0812 4455 6677", "+62 812-4455-6677", "62 812 4455 6677", "+62 (0)812 4455 6677", "\u202a+62 812\u20114455\u00a06677\u202c"],
    ids=["local", "international", "no-plus", "with-trunk-zero", "pasted-from-whatsapp"],
)
def test_the_editors_number_is_taken_as_people_write_it_and_stored_one_way(staff_client, written):
    response = _add(staff_client, editor_email="", editor_whatsapp=written)
    assert response.status_code == 200, response.context["form"].errors
    assert User.objects.get(first_name="Siti").whatsapp == "6281244556677"
    assert 'href="https://wa.me/6281244556677?text=' in response.content.decode()


def test_a_number_not_understood_is_named_as_such_not_as_missing(staff_client):
    body = _add(staff_client, editor_email="", editor_whatsapp="0812 44").content.decode()
    assert "Nomor WhatsApp tidak dikenali" in body
    assert "Isi email atau nomor WhatsApp" not in body


def test_the_subdomain_help_names_the_real_address(staff_client):
    body = staff_client.get(NEW, HTTP_HOST=ADMIN).content.decode()
    assert "Alamat situs desa: subdomain.localhost, misalnya taan untuk taan.localhost." in body
    assert 'id="id_slug_helptext"' in body
    assert "<subdomain>" not in body
