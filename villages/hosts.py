"""Which site a Host header names, and how to link to another host.

The base domain is the district portal, `<slug>.<base domain>` a village
site, and a village's own domain (`taan.desa.id`, villages/domains.py), once
verified, that village's site too. Nothing else is served. A site also
names the page-cache stamp its pages depend on (pagecache/stamps.py) and the
URLconf it is served with.

Own domains are in the database; this module asks no database itself: the
caller passes the lookup (`Village.objects.slug_for_domain`).
"""

from dataclasses import dataclass

from django.conf import settings

DISTRICT = "district"
VILLAGE = "village"
# The page-cache stamp under which which-host-is-whose is cached: bumped
# whenever a village's own domain (or the village) changes.
DOMAINS_SCOPE = "domains"


@dataclass(frozen=True)
class Site:
    kind: str
    slug: str = ""
    # The village's own domain, when the request came in on it.
    domain: str = ""
    # The host name as sites are known (host_name()): what the page cache keys on.
    host: str = ""

    @property
    def cache_scope(self):
        return cache_scope(self.slug)

    @property
    def has_sessions(self):
        """Only the district host has the admin and the login: village hosts,
        own domains included, have no URL that reads or sets a cookie."""
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


def host_name(host):
    """A Host header's name as sites are known: no port, lower case, without
    the one trailing dot a fully qualified name may carry ('TAAN.desa.id.:443'
    -> 'taan.desa.id'). Two trailing dots are no name of ours."""
    return split_port(host)[0].lower().removesuffix(".")


def site_for_host(host, own_domain=None):
    """The Site a host name addresses, or None for a host we do not serve.
    `own_domain(name)`: the slug of the village whose verified own domain
    `name` is, or None; asked only for names outside the base domain."""
    name = host_name(host)
    base = settings.KIM_BASE_DOMAIN
    if name == base:
        return Site(DISTRICT, host=name)
    suffix = "." + base
    if name.endswith(suffix):
        slug = name[: -len(suffix)]
        if slug and "." not in slug:
            return Site(VILLAGE, slug, host=name)
        return None
    if own_domain is not None and name:
        slug = own_domain(name)
        if slug:
            return Site(VILLAGE, slug, domain=name, host=name)
    return None


def build_url(slug, path="/", request=None, domain=""):
    """Absolute URL of `path` on a village host (its own domain when given,
    else its subdomain), or on the district host when slug is empty, keeping
    the scheme and port the reader came in on."""
    host = domain or (f"{slug}.{settings.KIM_BASE_DOMAIN}" if slug else settings.KIM_BASE_DOMAIN)
    if request is not None:
        scheme = request.scheme
        port = split_port(request.get_host())[1]
    else:
        scheme = settings.KIM_URL_SCHEME
        port = settings.KIM_URL_PORT
    if port and not (scheme, port) in (("http", "80"), ("https", "443")):
        host = f"{host}:{port}"
    return f"{scheme}://{host}{path}"
