import pytest
from django.urls import reverse

from tests.conftest import host


class TusClient:
    """What tus-js-client sends, through Django's test client, on the
    district portal's host."""

    def __init__(self, client, slug="taan"):
        self.client = client
        self.slug = slug

    def _send(self, method, path, data=b"", content_type="application/octet-stream", headers=None, **extra):
        return self.client.generic(
            method, path, data, content_type=content_type,
            headers={"Tus-Resumable": "1.0.0", **(headers or {})}, HTTP_HOST=host(), **extra,
        )

    def create(self, length, slug=None):
        path = reverse("newsroom:upload", args=[slug or self.slug])
        return self._send("POST", path, headers={"Upload-Length": str(length)} if length is not None else {})

    def start(self, length, slug=None):
        """A new upload's URL."""
        response = self.create(length, slug)
        assert response.status_code == 201, response.content
        return response["Location"]

    def head(self, url):
        return self._send("HEAD", url)

    def patch(self, url, offset, data, **extra):
        """`extra`: WSGI environ, e.g. a body that stops short."""
        return self._send("PATCH", url, data, "application/offset+octet-stream", {"Upload-Offset": str(offset)}, **extra)

    def delete(self, url):
        return self._send("DELETE", url)

    def send(self, data, piece=256 * 1024, slug=None):
        """A whole file in pieces, as the phone sends it; the upload's URL."""
        url = self.start(len(data), slug)
        for offset in range(0, len(data), piece):
            response = self.patch(url, offset, data[offset:offset + piece])
            assert response.status_code == 204, response.content
        return url

    def finish(self, url, **fields):
        return self.client.post(url + "foto/", fields, HTTP_HOST=host())

    def finish_image(self, url, purpose="logo"):
        """The last step of a village's logo or cover photo."""
        return self.client.post(url + {"logo": "logo/", "cover": "sampul/"}[purpose], HTTP_HOST=host())

    def image(self, data, purpose="logo", slug=None):
        """A logo or cover sent whole and made: the upload's id, for the identity form."""
        response = self.finish_image(self.send(data, slug=slug), purpose)
        assert response.status_code == 200, response.content
        return response.json()["id"]


@pytest.fixture
def tus(client, taan_editor):
    client.force_login(taan_editor)
    return TusClient(client)


@pytest.fixture
def tus_as(client):
    """A tus client signed in as someone else (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return TusClient(client)

    return make
