"""The form lives on a village host: no response there sets a cookie, the
form page is cached whole like every village page, and no answer to a send
is ever stored by the page cache or anything in between."""

import pytest

from tests.conftest import host
from tests.tips.helpers import FORM, send


def _no_cookie(response):
    assert not response.cookies, response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("path", [FORM, "/kirim-kabar/token/", "/kirim-kabar/terkirim/"])
def test_the_forms_pages_set_no_cookie(client, taan, path):
    _no_cookie(client.get(path, HTTP_HOST=host("taan")))


@pytest.mark.parametrize("overrides", [{}, {"message": "x"}, {"token": None}, {"situs_web": "spam"}])
def test_a_send_accepted_or_refused_sets_no_cookie(client, taan, overrides):
    _no_cookie(send(client, taan, **overrides))


def test_a_send_ignores_a_session_cookie_sent_to_the_village_host(admin_client, taan):
    _no_cookie(send(admin_client, taan))


def test_the_form_page_is_served_from_the_page_cache_and_carries_no_token(client, taan):
    first = client.get(FORM, HTTP_HOST=host("taan"))
    second = client.get(FORM, HTTP_HOST=host("taan"))
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert 'name="token" value=""' in second.content.decode()


def test_the_token_is_never_stored_by_the_page_cache(client, taan):
    first = client.get("/kirim-kabar/token/", HTTP_HOST=host("taan"))
    second = client.get("/kirim-kabar/token/", HTTP_HOST=host("taan"))
    assert second.get("X-Cache") != "hit"
    assert "no-store" in second["Cache-Control"]
    assert first.json()["token"] and second.json()["token"]


def test_an_answer_to_a_send_is_never_stored(client, taan):
    client.get(FORM, HTTP_HOST=host("taan"))
    refused = send(client, taan, message="x", sender_name="Rahasia Pengirim")
    assert refused.status_code == 400
    assert "no-store" in refused["Cache-Control"] and "private" in refused["Cache-Control"]
    assert refused.get("X-Cache") is None
    again = client.get(FORM, HTTP_HOST=host("taan"))
    assert again["X-Cache"] == "hit"
    assert "Rahasia Pengirim" in refused.content.decode()
    assert "Rahasia Pengirim" not in again.content.decode()
