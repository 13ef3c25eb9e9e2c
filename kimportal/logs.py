"""Logs as one JSON object a line, for whatever collects the server's output.

`JsonFormatter` is python-json-logger's formatter with the names our log
readers search on (`timestamp`, `level`, `logger`, `message`, `traceback`)
and with Django's request object turned into plain fields. A traceback is a
string field of its line, so one error is one line, never forty.

`RequestLogMiddleware` writes one line a request ("kimportal.request"):
method, host, path, status, duration_ms, user_id, village and request_id.
The path is logged without its query string: a query can carry tokens
(password reset links, preview keys) that have no place in a log. Nor does
a token in the path itself: a URL parameter named like a secret (`token`,
`key`, `secret`, `signature`, `password`, or ending in `_token`, `_key`...)
is written as its placeholder, so the new volunteer's one-time link
/akun/sandi/<uidb64>/<token>/ is logged as `/akun/sandi/MQ/<token>/`.
The rule goes by the parameter's name, like Django's error reports hiding
settings named API, TOKEN, KEY, SECRET...: a new view with a `<token>` in
its URL is safe without anyone remembering to mark it. `logged_path()` is
that rule; every line about a request (ours and Django's own warnings,
JSON or text) goes through it.

Settings choose the format (`LOG_FORMAT`: json, or text for development).
"""

import logging
import re
import time
import uuid

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

from kimportal import redaction, sentry

request_log = logging.getLogger("kimportal.request")

# A request id handed in by nginx ($request_id) is kept so both logs line
# up; anything else a client sends is replaced, so no one can put arbitrary
# text in our logs through this header.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def logged_path(request):
    """request.path with the value of each secret URL parameter replaced by
    its name: /akun/sandi/MQ/<token>/ (kimportal/redaction.py)."""
    return redaction.redacted_path(request.path, getattr(request, "urlconf", None), getattr(request, "resolver_match", None))


def _without_secrets(text, request):
    """A message Django wrote about a request ("Not Found: /path") with its path as logged_path() writes it."""
    hidden = logged_path(request)
    return text if hidden == request.path else text.replace(request.path, hidden)


def request_host(request):
    try:
        return request.get_host()
    except DisallowedHost:
        # The refused host is exactly what is worth seeing in the log.
        return request.META.get("HTTP_HOST", "")[:255]


def request_user_id(request):
    """The user's id, only if this request has already loaded the user:
    looking one up just for the log would add the session and user queries
    to every public page."""
    user = request.__dict__.get("_cached_user")
    if user is not None and user.is_authenticated:
        return user.pk
    return None


def request_fields(request):
    """What a log line says about a request. The village comes from the
    host (request.site, set before the page cache answers): none on the
    district portal, or when the host was refused."""
    site = getattr(request, "site", None)
    return {
        "method": request.method,
        "host": request_host(request),
        "path": logged_path(request),
        "user_id": request_user_id(request),
        "village": site.slug or None if site is not None else None,
        "request_id": getattr(request, "request_id", None),
    }


class JsonFormatter(_LibraryJsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault(
            "rename_fields", {"levelname": "level", "name": "logger", "exc_info": "traceback"}
        )
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        # django.request and django.security pass the HttpRequest itself, and
        # runserver's django.server passes its socket; their str() would
        # carry the query string. Keep named fields only.
        request = log_data.pop("request", None)
        if isinstance(request, HttpRequest):
            for key, value in request_fields(request).items():
                log_data.setdefault(key, value)
            if isinstance(log_data.get("message"), str):
                log_data["message"] = _without_secrets(log_data["message"], request)


class TextFormatter(logging.Formatter):
    """Development's plain lines, with request paths as logged_path() writes them."""

    def format(self, record):
        text = super().format(record)
        request = getattr(record, "request", None)
        return _without_secrets(text, request) if isinstance(request, HttpRequest) else text


class RequestLogMiddleware:
    """One log line per request, and an X-Request-ID on every response so a
    reader's report ("it broke at 10.02") can be found in the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
        sentry.tag_request(request.request_id)

        response = self.get_response(request)

        # For a streamed file this is the time to the first byte, which is
        # what the server spent; the rest is the reader's connection.
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        response["X-Request-ID"] = request.request_id
        fields = {**request_fields(request), "status": response.status_code, "duration_ms": duration_ms}
        request_log.info(
            "%s %s%s %s %sms",
            fields["method"], fields["host"], fields["path"], fields["status"], duration_ms,
            extra=fields,
        )
        return response
