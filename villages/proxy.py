"""Who is asking: the client's address, as far as it can be trusted."""

from django.conf import settings


def client_ip(request):
    """Behind our nginx (KIM_BEHIND_PROXY=1) every connection comes from
    nginx, which puts the reader's address in X-Real-IP, replacing whatever
    the reader sent. Without a proxy that header would be the reader's own
    word, and trusting it would let one attacker pose as a thousand
    addresses to dodge login throttling; only the peer address counts then."""
    if settings.KIM_BEHIND_PROXY:
        return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")
    return request.META.get("REMOTE_ADDR")
