"""Signing in at /masuk/: the page, where each role lands, which `next` is
honoured, and the admin's login URL leading here."""

import pytest
from django.test import Client

from tests.accounts.conftest import sign_in, signed_in
from tests.conftest import host
from tests.factories import UserFactory


def _get(client, path):
    return client.get(path, HTTP_HOST=host())


def test_the_sign_in_page_is_ours_and_in_indonesian(client, db):
    response = _get(client, "/masuk/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Masuk ke Ruang Redaksi</h1>" in page
    assert '<label for="id_username">Nama pengguna</label>' in page
    assert '<label for="id_password">Kata sandi</label>' in page
    assert "Lupa kata sandi?" in page and "Hubungi ketua KIM atau staf distrik." in page
    assert "Django" not in page


def test_the_sign_in_button_is_full_width_and_the_toggle_needs_no_inline_script(client, db):
    page = _get(client, "/masuk/").content.decode()
    assert '<button type="submit" class="button primary big">Masuk</button>' in page
    assert '<script src="/static/accounts/show-password.js"></script>' in page
    assert "<script>" not in page and " on" + "click=" not in page


def test_a_refused_sign_in_keeps_the_username_and_says_why_in_indonesian(client, taan_editor):
    response = sign_in(client, "editor-taan", password="salah")
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="editor-taan"' in page
    assert "Nama pengguna atau kata sandi salah" in page
    assert "salah\"" not in page  # the password is never sent back


def test_an_empty_form_asks_for_both_fields_in_indonesian(client, db):
    page = client.post("/masuk/", {}, HTTP_HOST=host()).content.decode()
    assert "Isi nama pengguna Anda." in page and "Isi kata sandi Anda." in page


def test_an_inactive_account_is_refused(client, taan_editor):
    taan_editor.is_active = False
    taan_editor.save()
    assert sign_in(client, "editor-taan").status_code == 400
    assert signed_in(client) is None


@pytest.mark.parametrize("who,home", [
    ("taan_editor", "/redaksi/"),
    ("taan_publisher", "/redaksi/"),
    ("district_staff", "/admin/"),
])
def test_each_role_lands_on_its_home(client, request, who, home):
    user = request.getfixturevalue(who)
    response = sign_in(client, user.username)
    assert (response.status_code, response["Location"]) == (302, home)
    assert signed_in(client) == str(user.pk)


def test_superusers_land_in_the_admin(client, db):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    assert sign_in(client, "admin")["Location"] == "/admin/"


def test_nobody_lands_on_accounts_profile(client, taan_editor, settings):
    assert settings.LOGIN_REDIRECT_URL != "/accounts/profile/"
    assert sign_in(client, "editor-taan", next="https://jahat.example/")["Location"] == "/redaksi/"


def test_a_safe_next_is_honoured(client, taan_editor):
    assert sign_in(client, "editor-taan", next="/redaksi/taan/tulis/")["Location"] == "/redaksi/taan/tulis/"


@pytest.mark.parametrize("unsafe", [
    "https://jahat.example/masuk/",
    "//jahat.example/",
    "/\\jahat.example/",
    "\\\\jahat.example/",
    "javascript:alert(1)",
    "http://localhost.jahat.example/",
    "ftp://localhost/",
])
def test_a_next_leading_off_the_portal_is_ignored(client, district_staff, unsafe):
    response = client.post("/masuk/", {"username": "distrik", "password": "rahasia-uji-123", "next": unsafe}, HTTP_HOST=host())
    assert response["Location"] == "/admin/"


def test_the_form_carries_a_safe_next_and_drops_an_unsafe_one(client, db):
    assert 'name="next" value="/admin/meja/"' in _get(client, "/masuk/?next=/admin/meja/").content.decode()
    assert 'name="next"' not in _get(client, "/masuk/?next=//jahat.example/").content.decode()


def test_a_refused_sign_in_keeps_the_next(client, taan_editor):
    response = sign_in(client, "editor-taan", password="salah", next="/redaksi/taan/")
    assert 'name="next" value="/redaksi/taan/"' in response.content.decode()


def test_the_admins_login_url_leads_to_ours_with_its_next(client, db):
    response = _get(client, "/admin/login/?next=/admin/meja/")
    assert (response.status_code, response["Location"]) == (302, "/masuk/?next=%2Fadmin%2Fmeja%2F")
    assert _get(client, "/admin/login/")["Location"] == "/masuk/"


def test_an_anonymous_visit_to_the_admin_ends_on_our_sign_in(client, db):
    response = client.get("/admin/meja/", HTTP_HOST=host(), follow=True)
    assert response.redirect_chain[-1][0] == "/masuk/?next=%2Fadmin%2Fmeja%2F"
    assert "Masuk ke Ruang Redaksi" in response.content.decode()


def test_someone_already_signed_in_is_told_so_and_may_switch(client, taan_editor, bela_editor):
    client.force_login(taan_editor)
    page = _get(client, "/masuk/").content.decode()
    assert "Anda sudah masuk sebagai <strong>editor-taan</strong>" in page
    assert 'href="/redaksi/"' in page
    sign_in(client, "editor-bela")
    assert signed_in(client) == str(bela_editor.pk)


def test_signing_in_starts_a_new_session(client, taan_editor):
    _get(client, "/masuk/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, "editor-taan")
    assert client.session.session_key != before


def test_the_sign_in_page_is_never_cached(client, db):
    response = _get(client, "/masuk/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    again = _get(client, "/masuk/")  # the second anonymous visit is built again, with its own CSRF token
    assert again.get("X-Cache") != "hit"


def test_signing_in_needs_the_forms_csrf_token(taan_editor):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/masuk/", {"username": "editor-taan", "password": "rahasia-uji-123"}, HTTP_HOST=host())
    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session
