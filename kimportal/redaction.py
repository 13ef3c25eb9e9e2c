"""URL paths without the secrets some of them carry (a new volunteer's
one-time password link: /akun/sandi/<uidb64>/<token>/), for the request
log and error reports. A URL parameter is secret by its name (token, key,
secret, signature, password, or ending _token, _key ...), so a future view
with a <token> in its URL is covered without anyone remembering to mark it."""

import re

from django.urls import Resolver404, resolve

SECRET_PARAMETER = re.compile(r"(?:^|_)(?:token|key|secret|signature|password)$", re.IGNORECASE)


def redacted_path(path, urlconf=None, match=None):
    """`path` with the value of each secret URL parameter replaced by its name."""
    match = match or _url_match(path, urlconf)
    if match is None:
        return path
    secrets = {
        value: name
        for name, value in match.kwargs.items()
        if isinstance(value, str) and value and SECRET_PARAMETER.search(name)
    }
    if not secrets:
        return path
    # Parameters are whole path segments (the default converter stops at /).
    return "/".join(f"<{secrets[part]}>" if part in secrets else part for part in path.split("/"))


def _url_match(path, urlconf):
    """The URL pattern a path names, also for a link cut short of its last
    slash (which CommonMiddleware redirects, and the pattern matches with it)."""
    for candidate in (path, path + "/") if not path.endswith("/") else (path,):
        try:
            return resolve(candidate, urlconf)
        except Resolver404:
            continue
    return None
