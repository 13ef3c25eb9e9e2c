"""Request and error logs come out as one JSON object a line, through the
handler and formatter that settings.LOGGING configures (the tests run with
DEBUG off, so LOG_FORMAT is json, as in production)."""

import json
import logging
import sys

import pytest
from django.test import Client
from django.urls import path

from tests.conftest import host


def failing_view(request):
    raise RuntimeError("kegagalan yang disengaja untuk uji log")


urlpatterns = [path("gagal/", failing_view)]


class FailingPageMiddleware:
    """Test-only: serves this module's URLs, after VillageMiddleware has
    picked the portal's, so a view can fail the way a real one would."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.urlconf = __name__
        return self.get_response(request)


class CurrentStderr:
    """sys.stderr as it is when written to: capsys swaps it between the
    fixture's setup and the test."""

    def write(self, text):
        return sys.stderr.write(text)

    def flush(self):
        sys.stderr.flush()


@pytest.fixture
def log_lines(capsys):
    """Points settings' console handler at pytest's captured stderr and
    returns a reader that parses every line written there as JSON."""
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    previous = console.setStream(CurrentStderr())

    def read():
        return [json.loads(line) for line in capsys.readouterr().err.splitlines()]

    yield read
    console.setStream(previous)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "kimportal.request"]


def test_a_request_writes_one_json_line_with_its_fields(client, taan, log_lines):
    response = client.get("/", HTTP_HOST=host("taan"))

    [line] = request_lines(log_lines())
    assert response.status_code == 200
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["host"] == "taan.localhost"
    assert line["path"] == "/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["village"] == "taan"
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"]
    assert line["timestamp"]


def test_the_request_line_leaves_out_the_query_string(client, taan, log_lines):
    client.get("/cari/?q=token-rahasia-123", HTTP_HOST=host("taan"))

    lines = log_lines()
    assert request_lines(lines)[0]["path"] == "/cari/"
    assert "token-rahasia-123" not in json.dumps(lines)


def test_the_request_line_names_the_signed_in_user_on_the_district_portal(client, district_staff, log_lines):
    client.force_login(district_staff)
    client.get("/admin/", HTTP_HOST=host())

    [line] = request_lines(log_lines())
    assert line["user_id"] == district_staff.pk
    assert line["village"] is None


def test_a_request_id_from_the_proxy_is_kept(client, taan, log_lines):
    response = client.get("/", HTTP_HOST=host("taan"), HTTP_X_REQUEST_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")

    [line] = request_lines(log_lines())
    assert line["request_id"] == response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


def test_a_request_id_that_is_not_a_plain_token_is_replaced(client, taan, log_lines):
    response = client.get("/", HTTP_HOST=host("taan"), HTTP_X_REQUEST_ID="x\" palsu <script>")

    [line] = request_lines(log_lines())
    assert line["request_id"] == response["X-Request-ID"]
    assert "palsu" not in line["request_id"] and len(line["request_id"]) == 32


def test_a_server_error_is_one_json_line_with_its_traceback(db, settings, log_lines):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_logs.FailingPageMiddleware"]
    response = Client(raise_request_exception=False).get("/gagal/?token=rahasia", HTTP_HOST=host())

    lines = log_lines()  # every line parses as JSON: nothing spilled over
    [error] = [line for line in lines if line["logger"] == "django.request"]
    assert response.status_code == 500
    assert error["level"] == "ERROR"
    assert error["status_code"] == 500
    assert error["path"] == "/gagal/"
    assert error["request_id"] == response["X-Request-ID"]
    assert error["traceback"].startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("kegagalan yang disengaja untuk uji log")' in error["traceback"]
    assert error["traceback"].endswith("RuntimeError: kegagalan yang disengaja untuk uji log")
    assert "rahasia" not in json.dumps(lines)
    assert request_lines(lines)[0]["status"] == 500
