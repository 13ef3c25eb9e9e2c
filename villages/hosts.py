"""Which site a Host header names, and how to link to another host.

The base domain is the district portal, `<slug>.<base domain>` a village
site. Nothing else is served. A site also names the page-cache stamp its
pages depend on (pagecache/stamps.py) and the URLconf it is served with.
"""

from dataclasses import dataclass

from django.conf import settings

DISTRICT = "district"
VILLAGE = "village"


@dataclass(frozen=True)
class Site:
    kind: str
    slug: str = ""

    @property
    def cache_scope(self):
        return cache_scope(self.slug)

    @property
    def has_sessions(self):
        """Only the district host has the admin and the login: village hosts
        have no URL that reads or sets a cookie."""
        return self.kind == DISTRICT

    @property
    def urlconf(self):
        return "kimportal.urls" if self.kind == DISTRICT else "kimportal.urls_village"


def cache_scope(slug=""):
    """The page-cache stamp of a village's site, or of the district portal."""
    return f"village:{slug}" if slug else "district"


def split_port(host):
    """'taan.localhost:8000' -> ('taan.localhost', '8000')."""
    if host.startswith("["):  # IPv6 literal; never one of our sites
        return host, ""
    name, _, port = host.partition(":")
    return name, port


def site_for_host(host):
    """The Site a host name addresses, or None for a host we do not serve."""
    name = split_port(host)[0].lower().rstrip(".")
    base = settings.KIM_BASE_DOMAIN
    if name == base:
        return Site(DISTRICT)
    suffix = "." + base
    if name.endswith(suffix):
        slug = name[: -len(suffix)]
        if slug and "." not in slug:
            return Site(VILLAGE, slug)
    return None


def build_url(slug, path="/", request=None):
    """Absolute URL of `path` on a village host (or the district host when
    slug is empty), keeping the scheme and port the reader came in on."""
    host = f"{slug}.{settings.KIM_BASE_DOMAIN}" if slug else settings.KIM_BASE_DOMAIN
    if request is not None:
        scheme = request.scheme
        port = split_port(request.get_host())[1]
    else:
        scheme = settings.KIM_URL_SCHEME
        port = settings.KIM_URL_PORT
    if port and not (scheme, port) in (("http", "80"), ("https", "443")):
        host = f"{host}:{port}"
    return f"{scheme}://{host}{path}"
