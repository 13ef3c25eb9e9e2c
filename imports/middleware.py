"""Old addresses keep working: on a village's site, a request the site has
no page for (a 404), or WordPress's `/?p=12`, is answered 301 with the
article it became (OldLink), like contrib.redirects' fallback.

Scoped to the request's village: an old address of another village is
unknown here, and the answer is always a path on the same host (never
another site: no open redirect). Neither a 404 nor this 301 is stored by
the page cache (it keeps 200s only), so a link added or changed counts at
the next request; browsers keep the 301 an hour at most, per host.
"""

from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from imports.models import OldLink

REDIRECT_SECONDS = 3600


class OldLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        village = getattr(request, "village", None)
        if village is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        wordpress_id = request.GET.get("p", "")
        if request.path == "/" and wordpress_id.isascii() and wordpress_id.isdigit():
            redirect = self._redirect(village, f"/?p={wordpress_id}")
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404:
            return self._redirect(village, request.path) or response
        return response

    @staticmethod
    def _redirect(village, path):
        destination = OldLink.objects.destination(village, path)
        if destination is None:
            return None
        response = HttpResponsePermanentRedirect(destination)
        patch_cache_control(response, max_age=REDIRECT_SECONDS)
        return response
