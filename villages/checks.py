"""ALLOWED_HOSTS lets every well-formed host through (settings.py says
why); SiteMiddleware does the real check. This refuses to start a portal
where it would not: SiteMiddleware missing, or something that may read the
host standing in front of it."""

from django.conf import settings
from django.core import checks

SITE_MIDDLEWARE = "villages.middleware.SiteMiddleware"
# What may run before the host is checked: it only writes the host to the log.
BEFORE_THE_HOST_CHECK = {"kimportal.logs.RequestLogMiddleware"}


@checks.register(checks.Tags.security)
def check_hosts_are_checked(app_configs, **kwargs):
    if "*" not in settings.ALLOWED_HOSTS:
        return []
    middleware = list(settings.MIDDLEWARE)
    if SITE_MIDDLEWARE not in middleware:
        return [checks.Error(
            "ALLOWED_HOSTS lets every host through, and villages.middleware.SiteMiddleware, "
            "which refuses the hosts that are not ours, is not in MIDDLEWARE.",
            hint=f"Put {SITE_MIDDLEWARE!r} at the top of MIDDLEWARE.",
            id="kimportal.E010",
        )]
    ahead = [name for name in middleware[: middleware.index(SITE_MIDDLEWARE)] if name not in BEFORE_THE_HOST_CHECK]
    if ahead:
        return [checks.Error(
            f"{', '.join(ahead)} run before SiteMiddleware, so they see hosts that are not ours "
            "(ALLOWED_HOSTS lets every host through).",
            hint=f"Move {SITE_MIDDLEWARE!r} above them.",
            id="kimportal.E011",
        )]
    return []
