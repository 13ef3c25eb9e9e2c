"""The new volunteer's one-time link from onboarding: our own pages, in
Indonesian; a used or expired link says what to do; after it, the way in."""

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.test import RequestFactory
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.passwords import password_link
from tests.accounts.conftest import sign_in, signed_in
from tests.conftest import host
from tests.factories import UserFactory


def _link(user, token=None):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/akun/sandi/{uidb64}/{token or default_token_generator.make_token(user)}/"


def _open(client, link):
    """Opens the link as the phone does: Django keeps the token and redirects to the form."""
    response = client.get(link, HTTP_HOST=host())
    assert response.status_code == 302
    return response["Location"]


def _set(client, form, first="Kakao-Mamuju-2026", second=None):
    return client.post(form, {"new_password1": first, "new_password2": second or first}, HTTP_HOST=host())


def test_the_link_made_at_onboarding_names_our_page(taan_editor):
    request = RequestFactory().get("/", HTTP_HOST=host())
    assert password_link(request, taan_editor).startswith("http://localhost/akun/sandi/")


def test_the_form_is_ours_in_indonesian_and_names_the_username(client, taan_editor):
    response = client.get(_open(client, _link(taan_editor)), HTTP_HOST=host())
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="bar-name">KIM Portal</span>' in page
    assert "Buat kata sandi Anda" in page and "<strong>editor-taan</strong>" in page
    assert "Kata sandi baru" in page and "Ulangi kata sandi baru" in page
    assert "Django" not in page


def test_setting_the_password_leads_to_a_button_to_sign_in(client, taan_editor):
    response = _set(client, _open(client, _link(taan_editor)))
    assert response["Location"] == "/akun/sandi/selesai/"
    page = client.get(response["Location"], HTTP_HOST=host()).content.decode()
    assert "Kata sandi tersimpan" in page
    assert 'class="button primary big" href="/masuk/"' in page


def test_the_new_password_signs_the_volunteer_in(client, taan_editor):
    _set(client, _open(client, _link(taan_editor)))
    assert signed_in(client) is None  # setting it does not sign in
    response = sign_in(client, "editor-taan", password="Kakao-Mamuju-2026")
    assert response["Location"] == "/redaksi/"


def test_two_different_passwords_are_refused_in_indonesian(client, taan_editor):
    response = _set(client, _open(client, _link(taan_editor)), "Kakao-Mamuju-2026", "Kakao-Mamuju-2027")
    assert response.status_code == 400
    assert "Kedua kata sandi tidak sama" in response.content.decode()


def test_a_weak_password_is_refused_with_the_reason(client, taan_editor, settings):
    from kimportal import settings as configured

    settings.AUTH_PASSWORD_VALIDATORS = configured.AUTH_PASSWORD_VALIDATORS
    response = _set(client, _open(client, _link(taan_editor)), "12345678")
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    taan_editor.refresh_from_db()
    assert not taan_editor.check_password("12345678")


def test_a_used_link_explains_and_sends_to_the_district(client, taan_editor):
    link = _link(taan_editor)
    _set(client, _open(client, link))
    response = client.get(link, HTTP_HOST=host())
    page = response.content.decode()
    assert response.status_code == 404
    assert "Tautan ini tidak berlaku lagi" in page
    assert "Minta tautan baru kepada staf distrik" in page
    assert 'href="/masuk/"' in page


def test_an_expired_link_explains_too(client, db):
    editor = UserFactory()
    four_days_ago = default_token_generator._num_seconds(datetime.datetime.now() - datetime.timedelta(days=4))
    token = default_token_generator._make_token_with_timestamp(editor, four_days_ago, default_token_generator.secret)
    response = client.get(_link(editor, token), HTTP_HOST=host())
    assert response.status_code == 404
    assert "Tautan ini tidak berlaku lagi" in response.content.decode()


def test_a_link_cut_short_explains_too(client, taan_editor):
    link = _link(taan_editor)
    response = client.get(link[:-8] + "/", HTTP_HOST=host())
    assert response.status_code == 404
    assert "terpotong saat disalin" in response.content.decode()
