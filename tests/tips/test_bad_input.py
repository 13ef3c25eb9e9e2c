"""Whatever arrives at the residents' form – any text in any field, hostile
markup, broken bodies – the answer is the form or a 4xx, never a 500;
hostile text is stored as text and shown inert in the newsroom."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import host
from tests.hostile_corpus import PAYLOADS
from tests.html_safety import active_content
from tests.tips.helpers import FORM, fields, send
from tips.models import Tip

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
FIELDS = ["kind", "message", "sender_name", "sender_phone", "token", "situs_web", "form_end"]


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.KIM_TIPS_PER_HOUR = 10**9


@FUZZ
@given(name=st.sampled_from(FIELDS), value=text)
def test_any_value_in_any_field_is_answered_without_a_server_error(client, taan, name, value):
    before = Tip.objects.count()
    response = send(client, taan, **{name: value})
    assert response.status_code in (302, 400), response.status_code
    assert not response.cookies
    if response.status_code == 400:
        assert Tip.objects.count() == before


@FUZZ
@given(data=st.dictionaries(st.text(max_size=20), text, max_size=8))
def test_any_set_of_fields_is_answered_without_a_server_error(client, taan, data):
    response = client.post(FORM, data, HTTP_HOST=host("taan"))
    assert response.status_code in (302, 400)


@pytest.mark.parametrize("raw", [
    b"--xx\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nDIBAJAK",  # no closing boundary
    b"\xff\xfe\x00\x01",
    b"message=%ff%fe&kind=kabar",
    b"kind=kabar&" + b"message=" + b"a" * (6 * 1024 * 1024),
])
def test_broken_and_huge_bodies_are_answered_without_a_server_error(client, taan, raw):
    client.raise_request_exception = False
    for content_type in ("multipart/form-data; boundary=xx", "application/x-www-form-urlencoded"):
        response = client.generic("POST", FORM, raw, content_type=content_type, HTTP_HOST=host("taan"))
        assert response.status_code < 500
    assert not Tip.objects.exists()


def test_a_null_character_is_refused_with_the_rest_kept(client, taan):
    response = send(client, taan, message="Jalan desa rusak\x00 parah sekali di dusun dua.")
    assert response.status_code == 400
    assert not Tip.objects.exists()


def test_hostile_markup_is_kept_as_text_and_shown_inert(client, taan, taan_publisher, district_staff):
    for payload in PAYLOADS:
        message = f"Pesan berantai: {payload}"
        assert send(client, taan, message=message, sender_name=payload[:100]).status_code in (302, 400)
    stored = Tip.objects.filter(message__startswith="Pesan berantai: ")
    assert stored.count() > len(PAYLOADS) // 2
    client.force_login(taan_publisher)
    pages = [client.get(f"/redaksi/taan/kotak-masuk/{tip.pk}/", HTTP_HOST=host()) for tip in stored]
    pages.append(client.get("/redaksi/taan/kotak-masuk/", HTTP_HOST=host()))
    for page in pages:
        assert page.status_code == 200
        assert active_content(page.content.decode()) == []
    # The desk is an admin page with the admin's own icons (inline SVG): it
    # must show no more active content with the reports than without.
    client.force_login(district_staff)
    empty = active_content(client.get("/admin/meja/cek-fakta/", HTTP_HOST=host()).content.decode())
    for tip in stored:
        tip.pass_to_district(taan_publisher)
    desk = client.get("/admin/meja/cek-fakta/", HTTP_HOST=host())
    assert desk.status_code == 200 and "Pesan berantai" in desk.content.decode()
    assert active_content(desk.content.decode()) == empty
