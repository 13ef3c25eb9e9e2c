from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.shortcuts import render

from kimportal import pagecache
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
            # Read once per request (PageCacheMiddleware may already have);
            # the page cache stores pages under them.
            if getattr(request, "site_stamps", None) is None:
                request.site_stamps = pagecache.stamps()
            request.village = None
            request.urlconf = "kimportal.urls"
        else:
            village, request.site_stamps = self._village(site.slug, request)
            if village is None:
                return render(
                    request, "villages/unknown_village.html", {"slug": site.slug}, status=404
                )
            request.village = village
            request.urlconf = "kimportal.urls_village"
        return self.get_response(request)

    @staticmethod
    def _village(slug, request):
        """The active village of a subdomain and its page-cache stamps. The
        village comes from the cache while its stamp stands (any change to
        the village bumps it); an unknown subdomain gets no stamp at all."""
        stamps = getattr(request, "site_stamps", None) or pagecache.stamps(slug, create=False)
        if stamps is not None:
            village = cache.get(f"kim:village:{slug}:{'.'.join(stamps)}")
            if village is not None:
                return village, stamps
        village = Village.objects.active().select_related("kecamatan").filter(slug=slug).first()
        if village is None:
            return None, None
        stamps = pagecache.stamps(slug)
        if stamps is not None:
            cache.set(f"kim:village:{slug}:{'.'.join(stamps)}", village, pagecache.STAMP_SECONDS)
        return village, stamps
