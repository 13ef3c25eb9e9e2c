"""Which site, and which village, a request is for: decided once, here.

SiteMiddleware sits at the top of the stack (the page cache below it keys
on the site); VillageMiddleware, below the page cache, looks the village up
only when a page is built.
"""

from django.core.exceptions import DisallowedHost
from django.shortcuts import render

from villages import hosts
from villages.models import Village


class SiteMiddleware:
    """Sets `request.site` from the Host header and the URLconf that goes
    with it: village hosts get `kimportal.urls_village`, which has no admin
    and no login, so nothing on a village host ever sets a cookie. Any host
    that is not one of our sites is answered 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() validates against ALLOWED_HOSTS and raises
        # DisallowedHost (answered 400) for anything else.
        site = hosts.site_for_host(request.get_host())
        if site is None:
            raise DisallowedHost(f"Host {request.get_host()!r} is not a KIM Portal site.")
        request.site = site
        request.urlconf = site.urlconf
        return self.get_response(request)


class VillageMiddleware:
    """Sets `request.village`: None on the district portal, the active
    village of a village host, or answers an unknown subdomain with an
    Indonesian 404 that links to the portal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.village = Village.objects.get_current(request)
        except Village.DoesNotExist:
            return render(request, "villages/unknown_village.html", {"slug": request.site.slug}, status=404)
        return self.get_response(request)
