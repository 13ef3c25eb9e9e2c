"""Whatever arrives at the sign-in and account pages – any text in any
field, any `next`, any path, other methods – the answer is a page, a
redirect or a 4xx, never a 500."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.signin import PENDING
from tests.accounts.conftest import code, sign_in
from tests.conftest import host

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
NEW_PAGES = ["/masuk/", "/masuk/kode/", "/keluar/", "/akun/", "/akun/dua-langkah/", "/akun/dua-langkah/matikan/",
             "/akun/sandi/MQ/x/", "/akun/sandi/selesai/"]


def _ok(response, allowed=(200, 302, 400, 404, 405, 429)):
    assert response.status_code in allowed, response.status_code


@FUZZ
@given(username=text, password=text, next_url=text)
def test_any_sign_in_form_is_answered_without_a_server_error(client, taan_editor, username, password, next_url):
    response = client.post("/masuk/", {"username": username, "password": password, "next": next_url}, HTTP_HOST=host())
    _ok(response, (400, 429))


@FUZZ
@given(next_url=text)
def test_any_next_is_answered_without_a_server_error(client, db, next_url):
    _ok(client.get("/masuk/", {"next": next_url}, HTTP_HOST=host()), (200,))
    _ok(client.get("/admin/login/", {"next": next_url}, HTTP_HOST=host()), (302,))


@FUZZ
@given(typed=text)
def test_any_code_is_answered_without_a_server_error(client, device, typed):
    if PENDING not in client.session:
        sign_in(client, "distrik")
    _ok(client.post("/masuk/kode/", {"code": typed}, HTTP_HOST=host()), (302, 400, 429))


@FUZZ
@given(typed=text)
def test_any_code_on_the_two_factor_pages_is_answered_without_a_server_error(client, district_staff, typed):
    client.force_login(district_staff)
    _ok(client.post("/akun/dua-langkah/", {"code": typed}, HTTP_HOST=host()), (302, 400))
    _ok(client.post("/akun/dua-langkah/matikan/", {"code": typed}, HTTP_HOST=host()), (302,))


@FUZZ
@given(uid=text, token=text)
def test_any_password_link_is_answered_without_a_server_error(client, taan_editor, uid, token):
    path = f"/akun/sandi/{quote(uid, safe='')}/{quote(token, safe='')}/"
    _ok(client.get(path, HTTP_HOST=host()), (302, 404))
    _ok(client.post(path, {"new_password1": token, "new_password2": uid}, HTTP_HOST=host()), (302, 404))


@pytest.mark.parametrize("path", NEW_PAGES)
@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, taan_editor, path, method):
    client.force_login(taan_editor)
    response = getattr(client, method)(path, HTTP_HOST=host())
    assert 400 <= response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize("path", NEW_PAGES)
@pytest.mark.parametrize("raw", [b"username=%ff%fe&password=%00", b"code=\xff\xfe", b"next=" + b"9" * 5000, b"\x00\x01"])
def test_broken_bodies_are_answered_without_a_server_error(client, taan_editor, path, raw):
    response = client.generic("POST", path, raw, content_type="application/x-www-form-urlencoded", HTTP_HOST=host())
    assert response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize("pending", [
    "bukan-kamus", {}, {"user": "abc", "until": 9e12}, {"user": 99999, "until": 9e12, "backend": "x"},
    {"user": 1, "until": "besok"}, {"user": None}, {"user": 1, "until": 9e12},
    {"user": 1, "until": 9e12, "backend": "django.contrib.auth.backends.RemoteUserBackend"},
])
def test_a_strange_pending_sign_in_in_the_session_goes_back_to_step_one(client, device, pending):
    session = client.session
    session[PENDING] = pending
    session.save()
    response = client.post("/masuk/kode/", {"code": code(device.key)}, HTTP_HOST=host())
    assert response["Location"] == "/masuk/"
    assert "_auth_user_id" not in client.session
