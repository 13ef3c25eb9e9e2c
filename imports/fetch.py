"""Fetching images and feeds named by an import, without letting the file
that names them point the server at its own network.

An export is text anyone can write: it may name http://127.0.0.1:6379/,
http://169.254.169.254/ (a cloud's metadata, with its keys), a router at
10.0.0.1, or a host whose DNS answers with one of those. So:

- http and https only, no user:password@ in the address;
- the host is resolved and every address it resolves to must be a public
  one (not loopback, private, link-local, shared, multicast, reserved or
  unspecified, nor an IPv6 form of one); a single bad one refuses the host;
- the connection goes to the address that was checked, so a second DNS
  answer cannot differ from the first (HTTPS still checks the certificate
  against the host name);
- redirects are followed at most MAX_REDIRECTS times, each new address
  checked again the same way;
- every read has a timeout, the whole fetch a deadline, and the body a size
  limit, read as it comes (a Content-Length above it is refused at once).

KIM_IMPORT_FETCH_UNGUARDED ("127.0.0.1:8123", exact address and port) lets
the tests reach a server of their own on loopback; it is empty everywhere
else and is not read from the environment.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
TIMEOUT = 10  # seconds, for connecting and for each read
DEADLINE = 60  # seconds, for the whole fetch
CHUNK = 64 * 1024
USER_AGENT = "KIM-Portal-importer/1.0 (pindahan situs desa)"
FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """Why an address could not be fetched, in Indonesian, for the report."""


def is_public(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and (ip.ipv4_mapped or ip.sixtofour):
        ip = ip.ipv4_mapped or ip.sixtofour
    return ip.is_global and not ip.is_multicast


def checked_address(host, port):
    """The first address of `host`, once every address it resolves to has
    been found public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError(f"nama host {host} tidak ditemukan")
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    unguarded = set(getattr(settings, "KIM_IMPORT_FETCH_UNGUARDED", ()))
    for address in addresses:
        if f"{address}:{port}" not in unguarded and not is_public(address):
            named = host if host == address else f"{host} ({address})"
            raise FetchError(f"alamat {named} ada di jaringan lokal atau khusus: tidak diambil")
    if not addresses:
        raise FetchError(f"nama host {host} tidak ditemukan")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _target(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("hanya alamat http atau https yang diambil")
    if parts.username or parts.password:
        raise FetchError("alamat dengan nama pengguna atau kata sandi tidak diambil")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("nomor port tidak sah")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def fetch(url, max_bytes, accept="*/*"):
    """The body of `url` (bytes), or FetchError saying why not."""
    deadline = time.monotonic() + DEADLINE
    for _ in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _target(url)
        address = checked_address(host, port)
        connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
        connection = connection_class(host, port, address, TIMEOUT)
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": accept})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"pengalihan tanpa tujuan dari {host}")
                url = urljoin(url, location.strip())
                continue
            if response.status != 200:
                raise FetchError(f"server menjawab {response.status}")
            return _read(response, max_bytes, deadline)
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"gagal mengambil dari {host}: {error.__class__.__name__}")
        finally:
            connection.close()
    raise FetchError(f"terlalu banyak pengalihan (lebih dari {MAX_REDIRECTS})")


def _read(response, max_bytes, deadline):
    too_big = FetchError(f"lebih besar dari {max_bytes // (1024 * 1024)} MB")
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise too_big
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"terlalu lama (lebih dari {DEADLINE} detik)")
        chunk = response.read(CHUNK)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise too_big
