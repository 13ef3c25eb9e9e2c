"""A KIM's logo and cover photo go up as article photos do, in pieces that
survive a dropped signal (newsroom/uploads.py), through the one photo
pipeline, and become the village's only when its identity form, naming
the upload, is saved. An upload is only ever the village's it was sent
for, by the person who sent it, for what it was made as, and only once."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from articles.models import Photo
from harness import images
from newsroom.models import Upload
from newsroom.uploads import remove_stale_uploads
from tests.conftest import _member, host
from tests.newsroom.conftest import TusClient
from tests.newsroom.test_uploads import DroppedConnection
from villages.models import Membership

BASE = host()
LOGO = images.png(600, 400)
BIG_LOGO = images.photo_like_jpeg(1200, 800)  # 320 KB: more than one piece
COVER = images.phone_jpeg(1600, 1200, orientation=1)


def _form(**changes):
    return {"accent": "#0b6e4f", "accent_other": "", "tagline": "", "description": "", "address": "",
            "opening_hours": "", "whatsapp": "", "email": "", "facebook": "", "instagram": "", "youtube": "",
            "tiktok": "", **changes}


def _save(client, village, **changes):
    return client.post(f"/redaksi/{village.slug}/identitas/", _form(**changes), HTTP_HOST=BASE)


def _files(folder):
    """What is on disk, under MEDIA_ROOT, for a rendition folder."""
    return sorted(p.name for p in (Path(settings.MEDIA_ROOT) / folder).glob("*"))


@pytest.fixture
def tus(client, taan_publisher):
    client.force_login(taan_publisher)
    return TusClient(client)


def test_a_logo_sent_in_pieces_becomes_the_villages_when_the_form_is_saved(client, tus, taan):
    upload_id = tus.image(LOGO, "logo")
    assert _save(client, taan, logo=upload_id).status_code == 302
    taan.refresh_from_db()
    assert taan.logo["folder"].startswith("villages/taan/photos/")
    assert "400.webp" in _files(taan.logo["folder"])
    assert taan.icons.startswith("villages/taan/icons/")


def test_a_logo_made_is_not_shown_until_the_form_is_saved(tus, taan):
    answer = tus.finish_image(tus.send(LOGO), "logo").json()
    assert answer["thumbnail"].startswith("/media/villages/taan/photos/")
    taan.refresh_from_db()
    assert taan.logo == {} and taan.icons == ""


def test_a_cover_is_made_into_a_banner_as_soon_as_it_arrives(tus):
    answer = tus.finish_image(tus.send(COVER), "cover").json()
    assert abs(answer["width"] - 3 * answer["height"]) <= 3


def test_a_logo_cut_off_by_a_dropped_connection_goes_on_from_where_it_stopped(client, tus, taan):
    url = tus.start(len(BIG_LOGO))
    piece = BIG_LOGO[:50_000]
    dropped = tus.patch(url, 0, piece, CONTENT_LENGTH=str(len(piece)), **{"wsgi.input": DroppedConnection(piece[:20_000])})
    assert dropped["Upload-Offset"] == "20000"
    assert tus.head(url)["Upload-Offset"] == "20000"
    assert tus.patch(url, 20_000, BIG_LOGO[20_000:]).status_code == 204
    response = tus.finish_image(url, "logo")
    assert response.status_code == 200
    assert _save(client, taan, logo=response.json()["id"]).status_code == 302
    taan.refresh_from_db()
    assert taan.logo["width"] == 1200


def test_the_logo_is_stored_without_its_metadata(tus):
    answer = tus.finish_image(tus.send(images.phone_jpeg(800, 600, orientation=1, gps=True)), "logo").json()
    with default_storage.open(answer["url"].removeprefix("/media/")) as f:
        assert Image.open(io.BytesIO(f.read())).info.get("exif") is None


def test_a_file_that_is_not_a_photo_is_refused_as_logo_in_indonesian_and_nothing_is_kept(tus, taan):
    url = tus.send(images.NOT_AN_IMAGE)
    response = tus.finish_image(url, "logo")
    assert response.status_code == 400
    assert "bukan foto" in response.json()["error"]["message"]
    upload = Upload.objects.get()
    assert upload.image == {} and not upload.path.exists()
    assert not (Path(settings.MEDIA_ROOT) / "villages").exists()


def test_asking_again_for_a_logo_whose_answer_was_lost_gives_the_same(tus):
    url = tus.send(LOGO)
    first = tus.finish_image(url, "logo").json()
    assert tus.finish_image(url, "logo").json() == first
    assert len(list((Path(settings.MEDIA_ROOT) / "villages/taan/photos").iterdir())) == 1


def test_a_logo_before_its_last_piece_is_refused_with_409(tus):
    url = tus.start(len(BIG_LOGO))
    tus.patch(url, 0, BIG_LOGO[:10_000])
    assert tus.finish_image(url, "logo").status_code == 409


def test_a_refused_form_keeps_the_logo_that_went_up(client, tus, taan):
    upload_id = tus.image(LOGO, "logo")
    response = _save(client, taan, logo=upload_id, accent="lain", accent_other="#ffdd00")
    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="logo" value="{upload_id}"' in page
    assert Upload.objects.get(pk=upload_id).image["folder"] in page  # its preview
    assert _save(client, taan, logo=upload_id).status_code == 302
    taan.refresh_from_db()
    assert taan.logo != {}


def test_a_made_up_upload_is_refused_with_a_clear_message_and_what_was_typed_is_kept(client, tus, taan):
    response = _save(client, taan, logo="bukan-unggahan", tagline="Tetap diketik")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Pilih fotonya lagi" in page and "Tetap diketik" in page


# Never another village's, another person's, another purpose's, or twice ------


def test_an_upload_sent_for_one_village_is_refused_by_another_villages_identity(client, taan, bela):
    both = _member(taan, Membership.Role.PUBLISHER, "penerbit-dua-desa")
    Membership.objects.create(user=both, village=bela, role=Membership.Role.PUBLISHER)
    client.force_login(both)
    upload_id = TusClient(client, "taan").image(LOGO, "logo")
    response = _save(client, bela, logo=upload_id)
    assert response.status_code == 400
    assert "Pilih fotonya lagi" in response.content.decode()
    bela.refresh_from_db()
    assert bela.logo == {}
    # Still Taan's to use.
    assert _save(client, taan, logo=upload_id).status_code == 302


def test_an_upload_cannot_be_made_into_another_villages_logo_through_its_address(client, taan, bela):
    both = _member(taan, Membership.Role.PUBLISHER, "penerbit-dua-desa")
    Membership.objects.create(user=both, village=bela, role=Membership.Role.PUBLISHER)
    client.force_login(both)
    url = TusClient(client, "taan").send(LOGO)
    response = client.post(url.replace("/redaksi/taan/", "/redaksi/bela/") + "logo/", HTTP_HOST=BASE)
    assert response.status_code == 404
    assert not (Path(settings.MEDIA_ROOT) / "villages").exists()


def test_another_publishers_upload_is_refused(client, tus, taan):
    upload_id = tus.image(LOGO, "logo")
    client.force_login(_member(taan, Membership.Role.PUBLISHER, "penerbit-kedua"))
    assert _save(client, taan, logo=upload_id).status_code == 400
    taan.refresh_from_db()
    assert taan.logo == {}


@pytest.mark.parametrize("outsider", ["bela_publisher", "bela_editor", "taan_editor", None])
def test_nobody_else_can_make_a_logo_of_someone_elses_upload(client, tus, taan, outsider, request):
    url = tus.send(LOGO)
    client.logout()
    if outsider:
        client.force_login(request.getfixturevalue(outsider))
    assert TusClient(client).finish_image(url, "logo").status_code == 404
    assert Upload.objects.get().image == {}


def test_an_editor_may_send_pieces_but_not_make_a_logo(client, taan, taan_editor):
    client.force_login(taan_editor)
    tus = TusClient(client)
    url = tus.send(LOGO)
    response = tus.finish_image(url, "logo")
    assert response.status_code == 403
    assert "penerbit" in response.json()["error"]["message"]
    assert not (Path(settings.MEDIA_ROOT) / "villages").exists()


def test_an_article_photo_upload_cannot_be_named_as_the_logo(client, tus, taan):
    url = tus.send(LOGO)
    assert tus.finish(url).status_code == 200
    upload_id = url.rstrip("/").rsplit("/", 1)[1]
    assert tus.finish_image(url, "logo").status_code == 409
    assert _save(client, taan, logo=upload_id).status_code == 400
    taan.refresh_from_db()
    assert taan.logo == {}


def test_a_logo_upload_cannot_become_an_article_photo(tus):
    url = tus.send(LOGO)
    tus.finish_image(url, "logo")
    assert tus.finish(url).status_code == 409
    assert not Photo.objects.exists()


def test_a_logo_upload_cannot_be_named_as_the_cover(client, tus, taan):
    url = tus.send(LOGO)
    upload_id = tus.finish_image(url, "logo").json()["id"]
    assert tus.finish_image(url, "cover").status_code == 409
    assert _save(client, taan, cover=upload_id).status_code == 400
    taan.refresh_from_db()
    assert taan.cover == {}


def test_an_upload_is_taken_once(client, tus, taan, django_capture_on_commit_callbacks):
    first = tus.image(LOGO, "logo")
    with django_capture_on_commit_callbacks(execute=True):
        _save(client, taan, logo=first)
        _save(client, taan, logo=tus.image(images.png(500, 500), "logo"))
    taan.refresh_from_db()
    kept = dict(taan.logo)
    # The first logo's files went when the second replaced it: naming it
    # again must not bring back a logo with no files.
    assert _save(client, taan, logo=first).status_code == 400
    taan.refresh_from_db()
    assert taan.logo == kept


# Nothing left behind -----------------------------------------------------------


def test_a_logo_never_saved_is_deleted_from_disk_a_day_later(tus, taan):
    upload_id = tus.image(LOGO, "logo")
    folder = Upload.objects.get(pk=upload_id).image["folder"]
    assert _files(folder)
    Upload.objects.update(created=timezone.now() - datetime.timedelta(hours=25))
    remove_stale_uploads()
    assert _files(folder) == []
    assert not Upload.objects.exists()


def test_a_logo_the_village_took_stays_on_disk_after_its_upload_is_forgotten(client, tus, taan):
    _save(client, taan, logo=tus.image(LOGO, "logo"))
    taan.refresh_from_db()
    Upload.objects.update(created=timezone.now() - datetime.timedelta(hours=25))
    remove_stale_uploads()
    assert "400.jpg" in _files(taan.logo["folder"])
