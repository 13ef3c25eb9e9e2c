"""The one-time link a new volunteer gets (/akun/sandi/<uidb64>/<token>/)
is as good as a password until it is used: no log line may carry its token,
whatever the request's answer."""

import logging

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kimportal.logs import JsonFormatter, TextFormatter
from tests.conftest import host


@pytest.fixture
def link(taan_editor):
    uidb64 = urlsafe_base64_encode(force_bytes(taan_editor.pk))
    token = default_token_generator.make_token(taan_editor)
    return f"/akun/sandi/{uidb64}/{token}/", token


@pytest.fixture
def logged(caplog):
    """Every record written while the test runs, as the JSON lines the server prints."""
    caplog.set_level(logging.INFO)
    formatter = JsonFormatter()

    def lines(logger=None):
        return [formatter.format(r) for r in caplog.records if logger is None or r.name == logger]

    lines.records = lambda: caplog.records
    return lines


def test_opening_the_link_logs_its_path_without_the_token(client, link, logged):
    path, token = link
    response = client.get(path, HTTP_HOST=host())

    assert response.status_code == 302  # on to the form, the token kept in the session
    [line] = logged("kimportal.request")
    assert token not in line
    assert "/akun/sandi/" in line and "<token>" in line


def test_setting_the_password_through_the_link_logs_no_token(client, link, logged):
    path, token = link
    form = client.get(path, HTTP_HOST=host())["Location"]
    client.post(form, {"new_password1": "Kakao-Mamuju-2026", "new_password2": "Kakao-Mamuju-2026"}, HTTP_HOST=host())

    assert len(logged("kimportal.request")) == 2
    assert not [line for line in logged() if token in line]


def test_a_link_cut_short_of_its_last_slash_logs_no_token(client, link, logged):
    path, token = link
    client.get(path.rstrip("/"), HTTP_HOST=host())  # chat apps cut links

    assert logged("kimportal.request")
    assert not [line for line in logged() if token in line]


def test_a_refused_post_to_the_link_logs_no_token(link, logged, db):
    path, token = link
    response = Client(enforce_csrf_checks=True).post(path, {}, HTTP_HOST=host())

    assert response.status_code == 403
    assert len(logged()) >= 2  # the request line and Django's own warning
    assert not [line for line in logged() if token in line]


def test_a_used_link_logs_no_token_either(client, link, logged, taan_editor):
    path, token = link
    taan_editor.set_password("sudah-dipakai-2026")
    taan_editor.save()
    response = client.get(path, HTTP_HOST=host())

    assert response.status_code == 404
    assert any("django.request" in line for line in logged())  # Django's "Not Found: /akun/sandi/..."
    assert not [line for line in logged() if token in line]


def test_paths_without_secrets_are_logged_whole(client, taan_article, logged):
    client.get("/berita/panen-kakao/", HTTP_HOST=host("taan"))
    client.get("/berita/panen-kakao/", HTTP_HOST=host("taan"))  # the second from the page cache, no view

    assert ['"path": "/berita/panen-kakao/"' in line for line in logged("kimportal.request")] == [True, True]


def test_the_text_format_of_development_hides_the_token_too(link, logged, db):
    path, token = link
    Client(enforce_csrf_checks=True).post(path, {}, HTTP_HOST=host())

    [warning] = [r for r in logged.records() if r.name == "django.security.csrf"]
    text = TextFormatter("%(message)s").format(warning)
    assert token not in text and text.endswith("/<token>/")
