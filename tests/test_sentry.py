"""Sentry, end to end: a portal started with SENTRY_DSN sends an unhandled
view error over HTTP to the DSN's host, here a small recording server on
loopback that speaks just enough of Sentry's envelope endpoint.

The portal runs in a child process, because sentry_sdk patches Django for
the life of a process and the rest of the suite must run without it. It
calls the real WSGI application, as Gunicorn would.
"""

import gzip
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[1]

PORTAL = """
import io, sys
import django
from django.conf import settings

django.setup()
settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_logs.FailingPageMiddleware"]
# Own domains are looked up in the database, so a refused host needs one.
from django.core.management import call_command
call_command("migrate", verbosity=0)

from wsgiref.util import setup_testing_defaults
from django.core.wsgi import get_wsgi_application
import sentry_sdk

environ = {
    "HTTP_HOST": "localhost",
    "PATH_INFO": "/gagal/",
    "QUERY_STRING": "token=rahasia-kueri",
    "HTTP_COOKIE": "sessionid=rahasia-kuki",
    "HTTP_X_REQUEST_ID": "req-sentry-0001",
    "wsgi.errors": io.StringIO(),
}
setup_testing_defaults(environ)
scanner = {**environ, "HTTP_HOST": "penyusup.example", "PATH_INFO": "/"}
statuses = []
application = get_wsgi_application()
for request in (scanner, environ):
    application(request, lambda status, headers, exc_info=None: statuses.append(status))
sentry_sdk.flush(timeout=10)
print(" | ".join(statuses))
"""


class Envelopes:
    """A loopback HTTP server that keeps every envelope POSTed to it."""

    def __init__(self):
        self.received = []
        envelopes = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                encoding = self.headers.get("Content-Encoding")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding == "br":
                    body = brotli.decompress(body)
                envelopes.received.append((self.path, body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def envelope_items(body):
    """Sentry's envelope: a header line, then per item a header line and a
    payload of the header's `length` bytes (or up to the next newline)."""
    _header, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        item_header, _, rest = rest.partition(b"\n")
        item_header = json.loads(item_header)
        if "length" in item_header:
            payload, rest = rest[: item_header["length"]], rest[item_header["length"] + 1 :]
        else:
            payload, _, rest = rest.partition(b"\n")
        items.append((item_header["type"], payload))
    return items


def portal_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    env.update(
        DJANGO_SETTINGS_MODULE="kimportal.settings",
        DEBUG="0",
        SECRET_KEY="sentry-test-secret-key-not-for-production",
        KIM_BASE_DOMAIN="localhost",
        KIM_URL_SCHEME="http",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    """Runs a portal that refuses a scanner's host, then has a view fail;
    returns the status lines and the envelopes the recording server received."""
    with Envelopes() as envelopes:
        run = subprocess.run(
            [sys.executable, "-c", PORTAL],
            cwd=ROOT,
            env=portal_env(
                SENTRY_DSN=f"http://publickey@127.0.0.1:{envelopes.port}/1",
                SENTRY_ENVIRONMENT="uji",
                KIM_ASSETS_VERSION="7",
                DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('sentry') / 'portal.sqlite3'}",
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.strip(), list(envelopes.received)


def events(received):
    return [
        json.loads(payload)
        for path, body in received
        for kind, payload in envelope_items(body)
        if path == "/api/1/envelope/" and kind == "event"
    ]


def test_an_unhandled_view_error_is_delivered_to_sentry(reported):
    status, received = reported
    [event] = events(received)
    [exception] = event["exception"]["values"]
    assert status == "400 Bad Request | 500 Internal Server Error"
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "kegagalan yang disengaja untuk uji log"
    assert exception["stacktrace"]["frames"][-1]["function"] == "failing_view"
    assert event["request"]["url"] == "http://localhost/gagal/"
    assert event["environment"] == "uji"
    assert event["release"] == "kimportal@7"
    assert event["tags"]["request_id"] == "req-sentry-0001"


def test_the_sentry_report_carries_no_cookie_query_string_or_user(reported):
    _status, received = reported
    everything_sent = b"".join(body for _path, body in received)
    [event] = events(received)
    assert b"rahasia-kueri" not in everything_sent
    assert b"rahasia-kuki" not in everything_sent
    assert "user" not in event


def test_a_refused_host_is_not_reported_to_sentry(reported):
    status, received = reported
    assert status.startswith("400")
    assert b"penyusup.example" not in b"".join(body for _path, body in received)
    assert all(event["exception"]["values"][0]["type"] == "RuntimeError" for event in events(received))


def test_without_a_dsn_sentry_is_not_even_imported():
    run = subprocess.run(
        [
            sys.executable, "-c",
            "import sys, django; django.setup(); "
            "import kimportal.logs; print('sentry_sdk' in sys.modules)",
        ],
        cwd=ROOT,
        env=portal_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_a_report_never_carries_a_password_links_token():
    from kimportal.sentry import _without_query_string

    event = {"request": {"url": "https://kim.example.id/akun/sandi/MQ/c9x-rahasia/", "query_string": "a=1"}}
    cleaned = _without_query_string(event, None)["request"]
    assert cleaned["url"] == "https://kim.example.id/akun/sandi/MQ/<token>/"
    assert "query_string" not in cleaned
