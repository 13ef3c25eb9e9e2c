"""A resident sends a message from the village site: no login, no cookie,
and nothing typed is ever lost to a refusal."""

import re
import time

import pytest

from tests.conftest import host
from tests.tips.helpers import FORM, GENUINE, fields, send, token
from tips import guard
from tips.models import Tip


def test_a_message_sent_from_the_village_site_lands_in_that_kims_inbox(client, taan, bela):
    response = send(client, taan)
    assert response.status_code == 302 and response["Location"] == "/kirim-kabar/terkirim/"
    tip = Tip.objects.get()
    assert (tip.village, tip.kind, tip.message) == (taan, "kabar", GENUINE)
    assert (tip.sender_name, tip.sender_phone) == ("Ibu Hasna", "6281390012345")
    assert not Tip.objects.for_village(bela).exists()


def test_name_and_number_may_be_left_out(client, taan):
    assert send(client, taan, sender_name="", sender_phone="").status_code == 302
    assert not Tip.objects.get().has_contact


def test_the_thank_you_page_names_the_kim(client, taan):
    response = client.get("/kirim-kabar/terkirim/", HTTP_HOST=host("taan"))
    assert response.status_code == 200
    assert "KIM Taan Bersatu" in response.content.decode()


def test_the_village_menu_links_to_the_form(client, taan):
    assert 'href="/kirim-kabar/"' in client.get("/", HTTP_HOST=host("taan")).content.decode()


def test_the_form_is_not_served_on_the_district_portal(client, db):
    assert client.get(FORM, HTTP_HOST=host()).status_code == 404


@pytest.mark.parametrize("overrides, says", [
    ({"message": "Rusak."}, "Pesan terlalu pendek"),
    ({"message": ""}, "Tulis pesan Anda."),
    ({"message": "x" * 4001}, "Pesan terlalu panjang"),
    ({"kind": "iklan"}, "Pilih salah satu jenis pesan."),
    ({"sender_phone": "nomor saya"}, "Nomor WhatsApp tidak dikenali"),
    ({"sender_name": "N" * 101}, "Nama terlalu panjang"),
])
def test_bad_input_is_refused_in_indonesian_with_everything_typed_kept(client, taan, overrides, says):
    data = fields(taan, **overrides)
    response = send(client, taan, **overrides)
    page = response.content.decode()
    assert response.status_code == 400
    assert says in page
    for name in ("message", "sender_name"):
        if data[name] and len(data[name]) < 200:
            assert data[name] in page
    assert not Tip.objects.exists()


def _page_token(response):
    return re.search(r'name="token" value="([^"]*)"', response.content.decode()).group(1)


def test_a_send_without_a_token_comes_back_with_the_text_and_a_fresh_token(client, taan):
    # A phone without script: the cached form page carries no token.
    response = send(client, taan, token=None)
    assert response.status_code == 400
    assert GENUINE in response.content.decode() and "Periksa sekali lagi" in response.content.decode()
    fresh = _page_token(response)
    guard.check(fresh, taan, now=time.time() + 10)  # good for this village once a person has read it
    assert not Tip.objects.exists()


@pytest.mark.parametrize("make, says", [
    (lambda village, other: token(village, age=0), "Terlalu cepat"),
    (lambda village, other: token(village, age=25 * 3600), "terlalu lama terbuka"),
    (lambda village, other: token(other), "tidak dikenali"),
    (lambda village, other: token(village)[:-2] + "xx", "tidak dikenali"),
    (lambda village, other: "bukan-token", "tidak dikenali"),
])
def test_a_token_too_new_too_old_forged_or_for_another_village_is_refused(client, taan, bela, make, says):
    response = send(client, taan, token=make(taan, bela))
    assert response.status_code == 400
    assert says in response.content.decode() and GENUINE in response.content.decode()
    assert not Tip.objects.exists()


def test_a_filled_honeypot_is_refused_and_the_text_kept(client, taan):
    response = send(client, taan, situs_web="https://spam.example/")
    assert response.status_code == 400
    assert GENUINE in response.content.decode()
    assert not Tip.objects.exists()


def test_a_send_cut_short_is_refused_and_the_text_kept(client, taan):
    response = send(client, taan, form_end=None)
    assert response.status_code == 400
    assert "tidak sampai utuh" in response.content.decode() and GENUINE in response.content.decode()
    assert not Tip.objects.exists()


def test_a_send_from_another_sites_page_is_refused(client, taan):
    response = client.post(FORM, fields(taan), HTTP_HOST=host("taan"), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert GENUINE in response.content.decode()
    assert not Tip.objects.exists()


def test_a_send_from_the_villages_own_page_passes_the_origin_check(client, taan):
    response = client.post(FORM, fields(taan), HTTP_HOST=host("taan"), HTTP_ORIGIN="http://taan.localhost")
    assert response.status_code == 302


def test_the_token_endpoint_gives_a_token_for_this_village_that_nothing_keeps(client, taan, bela):
    response = client.get("/kirim-kabar/token/", HTTP_HOST=host("taan"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    guard.check(response.json()["token"], taan, now=time.time() + 10)
    with pytest.raises(guard.Refused):
        guard.check(response.json()["token"], bela, now=time.time() + 10)


def test_other_methods_are_refused(client, taan):
    assert client.put(FORM, HTTP_HOST=host("taan")).status_code == 405
    assert client.post("/kirim-kabar/token/", HTTP_HOST=host("taan")).status_code in (403, 405)
