"""A village's own domain (`taan.desa.id`): which names may be one, the DNS
records that point one at the portal, and the check that they do.

- A name is kept as DNS knows it: lower case, an international name in its
  ASCII form (`xn--…`), no trailing dot, no port, no scheme or path. Never
  the base domain or a name under it (those are the portal's), never an IP
  address.
- A domain is served only once verified: the check found it pointing at the
  portal (its addresses are the portal's, or it is an alias, CNAME, of the
  village's subdomain). Until then, like every name not in the database, the
  host is refused with 400 (villages/middleware.py).
- A verified domain is the village's one canonical address: every link,
  feed, sitemap, share card and manifest names it, and the subdomain answers
  301 to it. A check that later finds the name pointing elsewhere (or gone
  from DNS) takes the verification back, so the canonical address returns
  to the subdomain instead of sending readers to a site that is not ours.

DNS is asked through `resolve(name)` only; tests may pass another resolver
(the boundary), everything behind it is the real rule.
"""

import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
BAD_NAME = (
    "Tulis nama domain saja, misalnya taan.desa.id: huruf, angka, tanda hubung dan titik, "
    "tanpa http:// atau garis miring."
)


def normalize(value):
    """The stored form of a domain typed by staff ('https://Taan.Desa.ID/'
    -> 'taan.desa.id'), or a ValidationError in Indonesian."""
    text = (value or "").strip()
    if "://" in text:
        text = urlsplit(text).netloc
    text = text.rstrip("/").lower().removesuffix(".")
    if not text or any(c in text for c in "/:@ \\?#"):
        raise ValidationError(BAD_NAME, code="bad_name")
    try:
        name = text.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValidationError(BAD_NAME, code="bad_name")
    base = settings.KIM_BASE_DOMAIN
    if name == base or name.endswith("." + base):
        raise ValidationError(
            f"{name} sudah bagian dari portal ({base}). Domain sendiri adalah domain milik desa, misalnya taan.desa.id.",
            code="portal_name",
        )
    labels = name.split(".")
    if len(labels) < 2 or len(name) > 253 or not all(LABEL.match(label) for label in labels):
        raise ValidationError(BAD_NAME, code="bad_name")
    if labels[-1].isdigit():
        raise ValidationError("Alamat IP tidak bisa menjadi domain desa; tulis nama domainnya.", code="ip_address")
    return name


def readable(name):
    """How people read a stored name: 'xn--tn-8ia.desa.id' -> 'tàn.desa.id'."""
    try:
        return name.encode("ascii").decode("idna")
    except UnicodeError:
        return name


# DNS, the boundary.


class NotFound(Exception):
    """DNS says the name has no address."""


class NoAnswer(Exception):
    """DNS could not be asked (timeout, no server): nothing is known."""


@dataclass(frozen=True)
class Answer:
    canonical: str  # where the chain of aliases (CNAME) ends
    addresses: frozenset


def resolve(name):
    """What DNS says of `name`, through the system's resolver (as a
    browser would find it)."""
    try:
        found = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP, flags=socket.AI_CANONNAME)
    except socket.gaierror as error:
        if error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
            raise NotFound(name)
        raise NoAnswer(str(error))
    except UnicodeError:
        raise NotFound(name)
    canonical = next((info[3] for info in found if info[3]), name)
    return Answer(canonical.lower().removesuffix("."), frozenset(info[4][0] for info in found))


def portal_addresses(resolver=resolve):
    """The addresses a village's domain must point at: KIM_SERVER_ADDRESSES,
    or where the base domain points."""
    if settings.KIM_SERVER_ADDRESSES:
        return frozenset(settings.KIM_SERVER_ADDRESSES)
    try:
        return resolver(settings.KIM_BASE_DOMAIN).addresses
    except (NotFound, NoAnswer):
        return frozenset()


def subdomain_of(village):
    return f"{village.slug}.{settings.KIM_BASE_DOMAIN}"


@dataclass(frozen=True)
class Record:
    kind: str  # A, AAAA or CNAME
    name: str
    value: str
    note: str = ""


def records(village, resolver=resolve):
    """The DNS records to set at the domain's registrar: an address record
    for each of the portal's addresses, or an alias of the subdomain."""
    name = village.domain
    rows = [
        Record("AAAA" if ":" in address else "A", name, address)
        for address in sorted(portal_addresses(resolver), key=lambda a: (":" in a, a))
    ]
    rows.append(Record(
        "CNAME", name, subdomain_of(village) + ".",
        "Pengganti A/AAAA, hanya bila nama ini bukan nama domain utamanya (misalnya berita.taan.desa.id).",
    ))
    return rows


@dataclass(frozen=True)
class Check:
    points_here: bool
    # Whether DNS said so itself: a name found elsewhere, or not found at
    # all. A check that could not ask DNS changes nothing.
    definite: bool
    message: str


def check(village, resolver=resolve):
    """Whether the village's domain points at the portal, in Indonesian."""
    name, subdomain = village.domain, subdomain_of(village)
    shown = readable(name)
    try:
        answer = resolver(name)
    except NotFound:
        return Check(False, True, f"Nama {shown} belum ada di DNS. Pasang catatan DNS yang tertera di halaman domain ini "
                                  "di pengelola domain desa, lalu periksa lagi: perubahan DNS bisa perlu beberapa jam.")
    except NoAnswer:
        return Check(False, False, "DNS tidak menjawab saat diperiksa. Tidak ada yang berubah; coba lagi beberapa menit lagi.")
    ours = portal_addresses(resolver)
    found = ", ".join(sorted(answer.addresses))
    if answer.canonical == subdomain:
        return Check(True, True, f"Domain {shown} adalah alias (CNAME) dari {subdomain}: menunjuk ke server portal.")
    if answer.addresses and answer.addresses <= ours:
        return Check(True, True, f"Domain {shown} menunjuk ke server portal ({found}).")
    if answer.addresses & ours:
        return Check(False, True, f"Domain {shown} menunjuk ke {found}: sebagian bukan server portal "
                                  f"({', '.join(sorted(ours))}). Hapus catatan yang lain, lalu periksa lagi.")
    return Check(False, True, f"Domain {shown} menunjuk ke {found or 'tidak ada alamat'}, bukan ke server portal "
                              f"({', '.join(sorted(ours)) or 'alamat portal belum diketahui'}). "
                              "Ubah catatan DNS-nya seperti yang tertera di halaman domain ini, lalu periksa lagi.")
