"""Signing out at /keluar/: a POST; it ends the session and tells the
browser to drop this portal's storage (drafts, half-sent photos), so the
next person on a shared phone finds none of it."""

from tests.accounts.conftest import sign_in, signed_in
from tests.conftest import host


def _get(client, path):
    return client.get(path, HTTP_HOST=host())


def _sign_out(client, path="/keluar/"):
    return client.post(path, HTTP_HOST=host())


def test_a_get_only_asks_with_a_button(client, taan_editor):
    sign_in(client, "editor-taan")
    response = _get(client, "/keluar/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" action="/keluar/">' in page and ">Keluar</button>" in page
    assert "akan dihapus dari perangkat ini" in page
    assert signed_in(client) == str(taan_editor.pk)


def test_signing_out_ends_the_session_and_clears_the_sites_storage(client, taan_editor):
    sign_in(client, "editor-taan")
    response = _sign_out(client)
    assert (response.status_code, response["Location"]) == (302, "/masuk/")
    assert response["Clear-Site-Data"] == '"storage"'
    assert signed_in(client) is None


def test_the_sign_in_page_then_says_so_in_indonesian(client, taan_editor):
    sign_in(client, "editor-taan")
    _sign_out(client)
    assert "Anda sudah keluar dari ruang redaksi." in _get(client, "/masuk/").content.decode()


def test_the_old_session_cookie_opens_nothing_after_signing_out(client, district_staff):
    sign_in(client, "distrik")
    cookie = client.cookies["sessionid"].value
    _sign_out(client)
    client.cookies["sessionid"] = cookie
    assert _get(client, "/admin/")["Location"].startswith("/admin/login/")


def test_the_admins_logout_button_goes_through_ours(client, district_staff):
    sign_in(client, "distrik")
    response = _sign_out(client, "/admin/logout/")
    assert response["Location"] == "/masuk/"
    assert response["Clear-Site-Data"] == '"storage"'
    assert signed_in(client) is None


def test_signing_out_without_a_session_still_clears_the_storage(client, db):
    response = _sign_out(client)
    assert response["Clear-Site-Data"] == '"storage"'


def test_the_account_pages_carry_a_sign_out_button(client, taan_editor):
    sign_in(client, "editor-taan")
    assert 'action="/keluar/"' in _get(client, "/akun/dua-langkah/").content.decode()


def test_signing_out_is_no_other_method(client, taan_editor):
    sign_in(client, "editor-taan")
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/keluar/", HTTP_HOST=host()).status_code == 405
    assert signed_in(client)
