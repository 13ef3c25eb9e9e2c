"""A KIM's lead edits its own site at /redaksi/<slug>/identitas/: look,
words, contact. Photos go up in pieces and through the one pipeline
(tests/newsroom/test_identity_uploads.py attacks that part); icons are
made from the logo; the colour must keep text readable; only publishers
(and the district) may; the very next reader sees the change."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from harness import images
from tests.conftest import host
from tests.newsroom.conftest import TusClient
from villages.models import Village

BASE = host()


def _url(village):
    return f"/redaksi/{village.slug}/identitas/"


def _form(**changes):
    data = {
        "accent": "#0b6e4f", "accent_other": "", "tagline": "", "description": "", "address": "", "opening_hours": "",
        "whatsapp": "", "email": "", "facebook": "", "instagram": "", "youtube": "", "tiktok": "",
    }
    data.update(changes)
    return data


def _post(client, village, **changes):
    return client.post(_url(village), _form(**changes), HTTP_HOST=BASE)


def _logo(client, width=600, height=400):
    """A logo sent as the newsroom sends it (in pieces), for the form to name."""
    return TusClient(client).image(images.png(width, height), "logo")


def _cover(client, width=1600, height=1200):
    return TusClient(client).image(images.phone_jpeg(width, height, orientation=1), "cover")


def _image(path):
    with default_storage.open(path) as f:
        return Image.open(io.BytesIO(f.read()))


@pytest.fixture
def publisher(client, taan_publisher):
    client.force_login(taan_publisher)
    return taan_publisher


def test_the_publisher_sees_the_identity_screen(client, taan, publisher):
    response = client.get(_url(taan), HTTP_HOST=BASE)
    assert response.status_code == 200
    assert "Identitas situs" in response.content.decode()


def test_the_newsroom_home_links_the_screen_for_publishers_only(client, taan, publisher, taan_editor):
    assert _url(taan) in client.get(f"/redaksi/{taan.slug}/", HTTP_HOST=BASE).content.decode()
    client.force_login(taan_editor)
    assert _url(taan) not in client.get(f"/redaksi/{taan.slug}/", HTTP_HOST=BASE).content.decode()


def test_the_publisher_changes_words_colour_and_contact(client, taan, publisher):
    response = _post(
        client, taan, accent="#6b3fa0", tagline="Dari desa untuk desa", description="KIM kami menulis sejak 2019.",
        address="Jl. Poros Taan No. 1", opening_hours="Senin–Jumat 08.00–15.00", email="kim@taan.test",
        facebook="https://www.facebook.com/kimtaan", tiktok="https://www.tiktok.com/@kimtaan",
    )
    assert response.status_code == 302
    taan.refresh_from_db()
    assert (taan.accent, taan.tagline, taan.address, taan.email) == (
        "#6b3fa0", "Dari desa untuk desa", "Jl. Poros Taan No. 1", "kim@taan.test")
    assert taan.facebook == "https://www.facebook.com/kimtaan"


@pytest.mark.parametrize("typed", ["0812 4455 6677", "+62 812-4455-6677"])
def test_whatsapp_is_taken_as_people_write_it(client, taan, publisher, typed):
    assert _post(client, taan, whatsapp=typed).status_code == 302
    taan.refresh_from_db()
    assert taan.whatsapp == "6281244556677"


def test_a_number_that_is_not_a_phone_number_is_refused(client, taan, publisher):
    response = _post(client, taan, whatsapp="12ab", tagline="Tetap diketik")
    assert response.status_code == 400
    assert "Nomor WhatsApp tidak dikenali" in response.content.decode()


def test_a_colour_too_light_for_white_text_is_refused_and_what_was_typed_is_kept(client, taan, publisher):
    response = _post(client, taan, accent="lain", accent_other="#ffdd00", tagline="Slogan baru yang diketik")
    page = response.content.decode()
    assert response.status_code == 400
    assert "terlalu terang" in page and "4,5:1" in page
    assert "Slogan baru yang diketik" in page
    taan.refresh_from_db()
    assert (taan.accent, taan.tagline) == ("", "")


def test_a_dark_colour_of_ones_own_is_accepted(client, taan, publisher):
    assert _post(client, taan, accent="lain", accent_other="#123456").status_code == 302
    taan.refresh_from_db()
    assert taan.accent == "#123456"


def test_a_link_written_without_https_is_taken_as_people_write_it(client, taan, publisher):
    assert _post(client, taan, facebook="facebook.com/kimtaan", instagram="www.instagram.com/kimtaan").status_code == 302
    taan.refresh_from_db()
    assert taan.facebook == "https://facebook.com/kimtaan" and taan.instagram == "https://www.instagram.com/kimtaan"


def test_the_browser_leaves_checking_the_links_to_the_server(client, taan, publisher):
    page = client.get(_url(taan), HTTP_HOST=BASE).content.decode()
    for name in ("facebook", "instagram", "youtube", "tiktok"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in field and 'inputmode="url"' in field


def test_a_link_to_another_site_is_refused_as_facebook(client, taan, publisher):
    response = _post(client, taan, facebook="https://penipu.example/kimtaan")
    assert response.status_code == 400
    assert "Tautan Facebook harus" in response.content.decode()


def test_a_logo_goes_through_the_photo_pipeline_and_becomes_app_icons(client, taan, publisher):
    response = client.post(_url(taan), {**_form(), "logo": _logo(client)}, HTTP_HOST=BASE)
    assert response.status_code == 302
    taan.refresh_from_db()
    assert taan.logo["folder"].startswith("villages/taan/photos/")
    assert _image(f"{taan.logo['folder']}/400.jpg").info.get("exif") is None
    assert taan.icons.startswith("villages/taan/icons/")
    for size in (32, 180, 192, 512):
        icon = _image(f"{taan.icons}/{size}.png")
        assert (icon.format, icon.size) == ("PNG", (size, size))


def test_a_new_logo_gets_new_icon_names_and_the_old_files_go(client, taan, publisher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(taan), {**_form(), "logo": _logo(client)}, HTTP_HOST=BASE)
    taan.refresh_from_db()
    first_logo, first_icons = taan.logo["folder"], taan.icons
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(taan), {**_form(), "logo": _logo(client, 500, 500)}, HTTP_HOST=BASE)
    taan.refresh_from_db()
    assert taan.icons != first_icons and taan.logo["folder"] != first_logo
    assert not default_storage.exists(f"{first_icons}/192.png")
    assert not default_storage.exists(f"{first_logo}/400.jpg")


def test_a_new_colour_without_a_logo_makes_icons_in_that_colour(client, taan, publisher):
    _post(client, taan, accent="#b0123b")
    taan.refresh_from_db()
    corner = _image(f"{taan.icons}/192.png").convert("RGB").getpixel((4, 4))
    assert all(abs(a - b) <= 4 for a, b in zip(corner, (0xB0, 0x12, 0x3B), strict=True))


def test_the_cover_is_cut_to_a_banner(client, taan, publisher):
    assert client.post(_url(taan), {**_form(), "cover": _cover(client)}, HTTP_HOST=BASE).status_code == 302
    taan.refresh_from_db()
    assert abs(taan.cover["width"] - 3 * taan.cover["height"]) <= 3


def test_logo_and_cover_can_be_removed(client, taan, publisher):
    client.post(_url(taan), {**_form(), "logo": _logo(client), "cover": _cover(client, 1200, 800)}, HTTP_HOST=BASE)
    client.post(_url(taan), _form(drop_logo="on", drop_cover="on"), HTTP_HOST=BASE)
    taan.refresh_from_db()
    assert taan.logo == {} and taan.cover == {}


def test_an_editor_may_not_change_the_identity(client, taan, taan_editor):
    client.force_login(taan_editor)
    assert client.get(_url(taan), HTTP_HOST=BASE).status_code == 403
    assert _post(client, taan, tagline="Diubah editor").status_code == 403
    taan.refresh_from_db()
    assert taan.tagline == ""


def test_even_where_editors_may_publish_the_identity_is_the_publishers(client, taan, taan_editor):
    Village.objects.filter(pk=taan.pk).update(editors_may_publish=True)
    client.force_login(taan_editor)
    assert _post(client, taan, tagline="Diubah editor").status_code == 403


@pytest.mark.parametrize("outsider", ["bela_publisher", "bela_editor"])
def test_a_member_of_another_village_finds_nothing(client, taan, outsider, request):
    client.force_login(request.getfixturevalue(outsider))
    assert client.get(_url(taan), HTTP_HOST=BASE).status_code == 404
    assert _post(client, taan, tagline="Dibajak").status_code == 404
    taan.refresh_from_db()
    assert taan.tagline == ""


def test_anonymous_is_sent_to_sign_in(client, taan):
    response = client.get(_url(taan), HTTP_HOST=BASE)
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_district_staff_may_change_any_villages_identity(client, taan, district_staff):
    client.force_login(district_staff)
    assert _post(client, taan, tagline="Dari distrik").status_code == 302


def test_the_very_next_reader_of_every_page_sees_the_change(client, taan, taan_article, publisher):
    pages = ["/", "/berita/panen-kakao/", "/tentang/", "/arsip/", "/manifest.webmanifest"]
    reader = client.__class__()
    for path in pages:
        reader.get(path, HTTP_HOST=host("taan"))
        assert reader.get(path, HTTP_HOST=host("taan"))["X-Cache"] == "hit"
    _post(client, taan, accent="#6b3fa0", tagline="Slogan yang baru")
    for path in pages:
        response = reader.get(path, HTTP_HOST=host("taan"))
        assert response["X-Cache"] == "miss", path
        assert "#6b3fa0" in response.content.decode(), path
