"""A flood from one address is stopped in the shared cache, by a keyed hash
of the address that expires with the hour; a resident elsewhere still gets
through, and whoever is stopped keeps what they typed."""

from django.core.cache import cache
from django.test import override_settings

from tests.tips.helpers import GENUINE, send
from tips import guard
from tips.models import Tip


@override_settings(KIM_TIPS_PER_HOUR=20)
def test_a_thousand_sends_from_one_address_are_stopped_and_another_address_gets_through(client, taan):
    statuses = [send(client, taan, address="203.0.113.9", message=f"Banjir pesan nomor {n} dari satu alamat").status_code
                for n in range(1000)]
    assert statuses.count(302) == 20 and statuses.count(429) == 980
    assert statuses[:20] == [302] * 20
    assert Tip.objects.count() == 20

    genuine = send(client, taan, address="198.51.100.4")
    assert genuine.status_code == 302
    assert Tip.objects.filter(message=GENUINE).count() == 1


def test_a_stopped_sender_is_told_why_and_keeps_their_text(client, taan, settings):
    settings.KIM_TIPS_PER_HOUR = 1
    send(client, taan, address="203.0.113.9")
    stopped = send(client, taan, address="203.0.113.9", message="Pesan kedua yang tidak boleh hilang.")
    page = stopped.content.decode()
    assert stopped.status_code == 429
    assert "Terlalu banyak pesan" in page and "Pesan kedua yang tidak boleh hilang." in page


def test_refused_sends_count_too(client, taan, settings):
    settings.KIM_TIPS_PER_HOUR = 3
    for _ in range(3):
        assert send(client, taan, address="203.0.113.9", message="x").status_code == 400
    assert send(client, taan, address="203.0.113.9").status_code == 429


def test_no_address_is_kept_anywhere_we_can_read_it(client, taan):
    send(client, taan, address="203.0.113.9")
    tip = Tip.objects.get()
    assert "203.0.113.9" not in repr([getattr(tip, f.attname) for f in Tip._meta.concrete_fields])
    request = type("R", (), {"META": {"REMOTE_ADDR": "203.0.113.9"}})()
    key = guard.rate_key(request)
    assert "203.0.113.9" not in key and "203-0-113-9" not in key
    assert cache.get(key) == 1


def test_behind_the_proxy_the_address_is_nginxs_x_real_ip(client, taan, settings):
    settings.KIM_BEHIND_PROXY = True
    settings.KIM_TIPS_PER_HOUR = 1
    assert client.post("/kirim-kabar/", {}, HTTP_HOST="taan.localhost", HTTP_X_REAL_IP="203.0.113.9").status_code == 400
    assert client.post("/kirim-kabar/", {}, HTTP_HOST="taan.localhost", HTTP_X_REAL_IP="203.0.113.9").status_code == 429
    assert client.post("/kirim-kabar/", {}, HTTP_HOST="taan.localhost", HTTP_X_REAL_IP="198.51.100.4").status_code == 400
