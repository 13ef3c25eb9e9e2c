"""Error reports to Sentry, only when settings find a SENTRY_DSN.

Without a DSN nothing here imports sentry_sdk: a portal that does not use
Sentry neither loads nor configures it.

What leaves the server is kept small on purpose: no personal data
(`send_default_pii=False`: no cookies, no user, no IP address), no request
bodies (drafts and form fields stay here), no query strings (they can carry
tokens) and no local variables (a frame's `request` prints its query string,
and a form's locals can hold a villager's details). The traceback, the URL
path, the headers Sentry considers safe and the request id are enough to
find the bug and its log lines.
"""

from django.core.exceptions import ImproperlyConfigured

_enabled = False


def sample_rate(value, name="SENTRY_TRACES_SAMPLE_RATE"):
    """A fraction between 0 and 1; empty means 0 (no performance tracing)."""
    if value is None or value == "":
        return 0.0
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        raise ImproperlyConfigured(f"{name} must be a number from 0 to 1, not {value!r}")
    return rate


def _without_query_string(event, hint):
    """No query string, and no secret in the path (a password link's token)."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("query_string", None)
        if isinstance(request.get("url"), str):
            from urllib.parse import urlsplit

            from kimportal.redaction import redacted_path

            url = urlsplit(request["url"].split("?", 1)[0])
            request["url"] = url._replace(path=redacted_path(url.path)).geturl()
    return event


def init(dsn, *, environment, release, traces_sample_rate):
    global _enabled
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    # Django logs a refused Host header at ERROR; scanners send thousands,
    # and each would become a Sentry event. The log line is enough.
    ignore_logger("django.security.DisallowedHost")
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release,
        traces_sample_rate=sample_rate(traces_sample_rate),
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=_without_query_string,
        before_send_transaction=_without_query_string,
    )
    _enabled = True


def tag_request(request_id):
    """Puts the request id of kimportal.logs on any report from this request,
    so a Sentry issue leads to its log lines."""
    if _enabled:
        import sentry_sdk

        sentry_sdk.get_isolation_scope().set_tag("request_id", request_id)
