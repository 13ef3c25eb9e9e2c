"""Where someone goes once signed in: the page they were on their way to
when that is safe, else their role's home. Never /accounts/profile/."""

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from villages import roles


def home_url(user):
    """District staff and superusers work in the admin; village members in the newsroom."""
    return reverse("admin:index") if roles.works_across_villages(user) else reverse("newsroom:choose")


def safe_next(request, url):
    """`url` if it stays on this host (and on HTTPS when the request is), else ""."""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return ""


def after_sign_in(request, user, next_url=""):
    return safe_next(request, next_url) or home_url(user)
