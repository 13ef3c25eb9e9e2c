"""Two application servers, one database, one cache, one media store: the
portal keeps no state of its own in a process. Over real HTTP, a login made
through one instance works on the other, an article published through one
is on the other's (cached) pages at once, and a photo uploaded through one
is served by the other. In the PostgreSQL pass the shared cache is Redis."""

import json
import re
import uuid

import pytest

from harness import images
from harness.servers import Browser, PortalServer

pytestmark = pytest.mark.xdist_group("two-instances")


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    server = PortalServer(tmp_path_factory.mktemp("two"), seed_args=("--villages", "2", "--articles", "3")).start()
    second = server.another_instance()
    yield server.port, second
    server.stop()


def _login(browser, port):
    response = browser.sign_in(port, "distrik")
    assert (response.status, response.getheader("Location")) == (302, "/admin/"), "login refused"


def _village_id(browser, port, slug):
    _, body = browser.request(port, "GET", f"/admin/villages/village/?q={slug}")
    return re.search(rb'/admin/villages/village/(\d+)/change/', body).group(1).decode()


def test_a_login_made_on_one_instance_works_on_the_other(instances):
    first, second = instances
    browser = Browser()
    _login(browser, first)
    response, body = browser.request(second, "GET", "/admin/")
    assert response.status == 200 and b"Ruang redaksi" in body


def test_an_article_published_through_one_instance_shows_at_once_on_the_other(instances):
    first, second = instances
    reader = Browser()
    reader.request(second, "GET", "/", site="taan")
    response, _ = reader.request(second, "GET", "/", site="taan")
    assert response.getheader("X-Cache") == "hit"

    editor = Browser()
    _login(editor, first)
    editor.request(first, "GET", "/admin/articles/article/add/")
    title = f"Kabar dari server pertama {uuid.uuid4().hex[:6]}"
    response, body = editor.post_form(first, "/admin/articles/article/add/", {
        "village": _village_id(editor, first, "taan"), "title": title,
        "body": "<p>Diterbitkan lewat satu server, dibaca lewat server lain.</p>",
        "status": "published", "_save": "Simpan",
    })
    assert response.status == 302, body[:2000]

    response, body = reader.request(second, "GET", "/", site="taan")
    assert title.encode() in body
    assert response.getheader("X-Cache") == "miss"


def test_a_photo_uploaded_through_one_instance_is_served_by_the_other(instances):
    first, second = instances
    editor = Browser()
    _login(editor, first)
    boundary = uuid.uuid4().hex
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"panen.jpg\"\r\n"
        f"Content-Type: image/jpeg\r\n\r\n"
    ).encode() + images.phone_jpeg() + f"\r\n--{boundary}--\r\n".encode()
    response, answer = editor.request(
        first, "POST", f"/admin/articles/article/upload/?village={_village_id(editor, first, 'taan')}", body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRFToken": editor.csrf(),
                 "Referer": f"http://localhost:{first}/admin/"},
    )
    assert response.status == 200, answer
    path = re.sub(r"^https?://[^/]+", "", json.loads(answer)["url"])
    response, image = Browser().request(second, "GET", path, site="taan")
    assert response.status == 200
    assert response.getheader("Content-Type") == "image/jpeg" and image[:3] == b"\xff\xd8\xff"
