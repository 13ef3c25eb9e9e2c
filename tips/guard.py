"""What keeps the public form usable without a login, a session or a cookie.

Village hosts never set a cookie, so the form cannot lean on a session or on
Django's CSRF cookie. Instead:

- **A signed form token** (django.core.signing) carrying only the village and
  the moment it was made. It is *not* baked into the form page: that page
  is cached whole and shared by every reader, so a baked token would carry
  the moment the page was built, not when this reader opened it (the
  too-fast check would mean nothing, and every reader would share one token
  until the cache entry expired). The page's small script fetches a fresh
  one from /kirim-kabar/token/, which is never cached (no-store). Without
  script, the first send comes back with the text kept and a fresh token in
  the form: "periksa lalu kirim lagi". A token is refused when it is not
  ours, for another village, younger than KIM_TIP_MIN_SECONDS (a person
  needs longer to write; a script does not wait) or older than
  KIM_TIP_FORM_HOURS. It is not per-visitor and not single-use: it proves
  a round trip to us a moment ago, and the rate limit caps how often.
- **A honeypot**: a field people never see or fill.
- **A rate limit per address**: KIM_TIPS_PER_HOUR sends in the hour after
  an address's first, counted in the shared cache under a keyed hash of the
  address (HMAC with SECRET_KEY: a plain hash of an IPv4 address is
  reversed by trying all 4 billion), which expires with that hour. No
  address is ever written to the database. Every send counts, refused ones
  too, so the limit also caps guessing at the form.
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from villages.proxy import client_ip

SALT = "tips.form-token"


class Refused(Exception):
    """Why a send was refused, in words for the sender."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason
        self.message = message


def issue(village, now=None):
    """A form token for `village`, made now."""
    return signing.dumps({"v": village.pk, "t": int(now if now is not None else time.time())}, salt=SALT)


def check(token, village, now=None):
    """Raises Refused unless `token` is ours, for `village`, and neither too new nor too old."""
    now = now if now is not None else time.time()
    if not token:
        raise Refused("missing", "Pesan Anda belum terkirim. Periksa sekali lagi, lalu tekan “Kirim pesan”.")
    try:
        data = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("v") != village.pk or not isinstance(data.get("t"), int):
        raise Refused("bad", "Formulir ini tidak dikenali. Periksa pesan Anda, lalu tekan “Kirim pesan” sekali lagi.")
    age = now - data["t"]
    if age < settings.KIM_TIP_MIN_SECONDS:
        raise Refused("fast", "Terlalu cepat. Tunggu beberapa detik, lalu tekan “Kirim pesan” sekali lagi.")
    if age > settings.KIM_TIP_FORM_HOURS * 3600:
        raise Refused("old", "Formulir ini sudah terlalu lama terbuka. Pesan Anda masih ada di bawah: "
                             "periksa, lalu tekan “Kirim pesan” sekali lagi.")


def client_address(request):
    """The sender's address, decided as login throttling decides it:
    behind our nginx, X-Real-IP."""
    return client_ip(request) or ""


def rate_key(request):
    return "kim:tips:rate:" + salted_hmac("tips.rate-limit", client_address(request)).hexdigest()[:32]


def count_send(request):
    """Counts one send from this address; True while within the limit. The
    hour starts at an address's first send and the count expires with it
    (the cache keeps the entry's expiry through incr)."""
    key = rate_key(request)
    cache.add(key, 0, timeout=3600)
    try:
        sends = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        sends = 1
    return sends <= settings.KIM_TIPS_PER_HOUR
