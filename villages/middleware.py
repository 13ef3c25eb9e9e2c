from django.core.exceptions import DisallowedHost
from django.shortcuts import render

from villages import hosts
from villages.models import Village


class VillageMiddleware:
    """Decides, once per request, which site the Host header names.

    Sets `request.village` (None on the district portal) and the URLconf:
    village hosts get `kimportal.urls_village`, which has no admin and no
    login, so nothing on a village host ever sets a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() validates against ALLOWED_HOSTS and raises
        # DisallowedHost (answered 400) for anything else.
        site = hosts.site_for_host(request.get_host())
        if site is None:
            raise DisallowedHost(f"Host {request.get_host()!r} is not a KIM Portal site.")
        if site.kind == hosts.DISTRICT:
            request.village = None
            request.urlconf = "kimportal.urls"
        else:
            village = Village.objects.active().select_related("kecamatan").filter(slug=site.slug).first()
            if village is None:
                return render(
                    request, "villages/unknown_village.html", {"slug": site.slug}, status=404
                )
            request.village = village
            request.urlconf = "kimportal.urls_village"
        return self.get_response(request)
