"""Sending the residents' form as a phone would: through Django's test
client, on a village host, from an address of our choosing."""

import time

from tests.conftest import host
from tips import guard

FORM = "/kirim-kabar/"
GENUINE = "Jembatan ke dusun atas rusak, dua papan patah. Anak sekolah lewat situ setiap pagi."


def token(village, age=60):
    """A form token for `village`, made `age` seconds ago (a person took that long to write)."""
    return guard.issue(village, now=time.time() - age)


def fields(village, **overrides):
    data = {
        "kind": "kabar", "message": GENUINE, "sender_name": "Ibu Hasna", "sender_phone": "0813 9001 2345",
        "token": token(village), "situs_web": "", "form_end": "1",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def send(client, village, address="10.1.2.3", slug=None, **overrides):
    return client.post(FORM, fields(village, **overrides), HTTP_HOST=host(slug or village.slug), REMOTE_ADDR=address)
