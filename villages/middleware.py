"""Which site, and which village, a request is for: decided once, here.

SiteMiddleware sits at the top of the stack (the page cache below it keys
on the site); VillageMiddleware, below the page cache, looks the village up
only when a page is built.
"""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from villages import hosts
from villages.models import Village

# Browsers keep the subdomain's 301 to an own domain this long: a domain
# given up later is not remembered for ever.
CANONICAL_REDIRECT_SECONDS = 3600


class SiteMiddleware:
    """Sets `request.site` from the Host header and the URLconf that goes
    with it: village hosts (subdomains and verified own domains) get
    `kimportal.urls_village`, which has no admin, no newsroom and no login,
    so nothing on a village host ever sets a cookie. Any host that is not
    one of our sites is answered 400.

    ALLOWED_HOSTS is "*" (it cannot name hosts from the database): this is
    the check, in front of everything that reads the host (villages/checks.py
    refuses to start otherwise). get_host() still refuses a malformed Host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.get_host()
        site = hosts.site_for_host(host, own_domain=Village.objects.slug_for_domain)
        if site is None:
            raise DisallowedHost(f"Host {host!r} is not a KIM Portal site.")
        request.site = site
        request.urlconf = site.urlconf
        return self.get_response(request)


class VillageMiddleware:
    """Sets `request.village`: None on the district portal, the active
    village of a village host, or answers an unknown subdomain with an
    Indonesian 404 that links to the portal. A village with a verified own
    domain is read there: its subdomain answers 301 to the same address on
    the domain (reads only; a form sent to the old host still arrives)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.village = Village.objects.get_current(request)
        except Village.DoesNotExist:
            return render(request, "villages/unknown_village.html", {"slug": request.site.slug}, status=404)
        village = request.village
        if (village is not None and village.own_domain and request.site.domain != village.own_domain
                and request.method in ("GET", "HEAD")):
            response = HttpResponsePermanentRedirect(village.url(request.get_full_path(), request))
            patch_cache_control(response, max_age=CANONICAL_REDIRECT_SECONDS)
            return response
        return self.get_response(request)
