"""Photos sent in pieces (tus): a dropped connection goes on where it
stopped, only the uploader ever finds an upload, and nothing half-sent is
served."""

import datetime
import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.utils import timezone

from newsroom import uploads
from newsroom.models import Upload
from newsroom.uploads import remove_stale_uploads
from tests.conftest import host

DATA = bytes(range(256)) * 4000  # 1,024,000 bytes, every position different enough


def _part(url):
    return Upload.objects.get(pk=url.rstrip("/").rsplit("/", 1)[1]).path


def test_creating_an_upload_answers_201_with_where_to_send_it(tus, taan_editor, taan):
    response = tus.create(len(DATA))
    assert response.status_code == 201
    assert response["Tus-Resumable"] == "1.0.0"
    assert response["Cache-Control"] == "no-store"
    upload = Upload.objects.get()
    assert response["Location"] == f"/redaksi/taan/unggah/{upload.pk}/"
    assert (upload.user, upload.village, upload.length, upload.offset) == (taan_editor, taan, len(DATA), 0)
    assert upload.path.read_bytes() == b""
    assert oct(upload.path.stat().st_mode & 0o777) == "0o600"


def test_head_tells_how_far_the_upload_got(tus):
    url = tus.start(len(DATA))
    assert tus.patch(url, 0, DATA[:1000]).status_code == 204
    response = tus.head(url)
    assert response.status_code == 200
    assert (response["Upload-Offset"], response["Upload-Length"]) == ("1000", str(len(DATA)))
    assert response["Cache-Control"] == "no-store"


def test_a_photo_sent_in_pieces_arrives_whole(tus):
    url = tus.start(len(DATA))
    offset = 0
    for size in (1, 300_000, 262_144, 461_855):
        response = tus.patch(url, offset, DATA[offset:offset + size])
        offset += size
        assert (response.status_code, response["Upload-Offset"]) == (204, str(offset))
    assert offset == len(DATA)
    assert _part(url).read_bytes() == DATA


class DroppedConnection(io.BytesIO):
    """A request body whose sender lost the signal partway: the server reads
    what got through, then the end of the stream."""


def test_a_piece_cut_off_midway_keeps_what_arrived_and_the_phone_goes_on_from_there(tus):
    url = tus.start(len(DATA))
    piece = DATA[:262_144]
    response = tus.patch(url, 0, piece, CONTENT_LENGTH=str(len(piece)), **{"wsgi.input": DroppedConnection(piece[:100_000])})
    assert (response.status_code, response["Upload-Offset"]) == (204, "100000")
    # After the break the phone asks how far it got, and sends the rest from there.
    assert tus.head(url)["Upload-Offset"] == "100000"
    assert tus.patch(url, 100_000, DATA[100_000:]).status_code == 204
    assert _part(url).read_bytes() == DATA


def test_bytes_past_the_committed_offset_are_cut_off_before_the_next_piece(tus):
    """A worker killed after writing a piece but before committing its offset
    leaves bytes nobody was told about; they must not end up in the photo."""
    url = tus.start(len(DATA))
    tus.patch(url, 0, DATA[:1000])
    with _part(url).open("ab") as part:
        part.write(b"LEFTOVER" * 100)
    assert tus.head(url)["Upload-Offset"] == "1000"
    assert tus.patch(url, 1000, DATA[1000:]).status_code == 204
    assert _part(url).read_bytes() == DATA


def test_a_piece_at_the_wrong_offset_is_refused_with_409_and_nothing_written(tus):
    url = tus.start(len(DATA))
    tus.patch(url, 0, DATA[:1000])
    for wrong in (0, 999, 1001):
        response = tus.patch(url, wrong, DATA[wrong:wrong + 500])
        assert response.status_code == 409
    assert _part(url).read_bytes() == DATA[:1000]
    assert tus.head(url)["Upload-Offset"] == "1000"


def test_a_photo_over_the_limit_is_refused_with_413_in_indonesian(tus, settings):
    settings.KIM_PHOTO_MAX_MB = 2
    response = tus.create(2 * 1024 * 1024 + 1)
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Foto terlalu besar: maksimal 2 MB."
    assert tus.create(2 * 1024 * 1024).status_code == 201


def test_a_piece_overtaken_while_it_arrived_writes_nothing_and_gets_409(tus, monkeypatch):
    """Two PATCHes at one offset (a retry that overtook a slow one): the one
    that finishes arriving second finds the offset moved, under the row's
    lock, and writes nothing."""
    url = tus.start(len(DATA))
    receive = uploads._receive

    def meanwhile_the_other_got_in_first(request, piece, room):
        received = receive(request, piece, room)
        _part(url).write_bytes(DATA[:1000])
        Upload.objects.update(offset=1000)
        return received

    monkeypatch.setattr(uploads, "_receive", meanwhile_the_other_got_in_first)
    response = tus.patch(url, 0, DATA[:1000])
    assert (response.status_code, response["Upload-Offset"]) == (409, "1000")
    assert _part(url).read_bytes() == DATA[:1000]


def test_a_piece_past_the_announced_length_is_refused_with_413(tus):
    url = tus.start(1000)
    response = tus.patch(url, 0, DATA[:1001])
    assert response.status_code == 413
    assert "melewati ukuran" in response.json()["error"]["message"]
    assert _part(url).read_bytes() == b""


@pytest.mark.parametrize("length, status", [(None, 400), ("banyak", 400), ("-5", 400), ("0", 400)])
def test_an_upload_needs_a_length(tus, length, status):
    response = tus.create(length)
    assert response.status_code == status
    assert response.json()["error"]["message"]
    assert not Upload.objects.exists()


def test_the_tus_version_and_content_type_are_checked(tus):
    path = "/redaksi/taan/unggah/"
    response = tus.client.post(path, headers={"Upload-Length": "10"}, HTTP_HOST=host())
    assert (response.status_code, response["Tus-Version"]) == (412, "1.0.0")
    url = tus.start(10)
    response = tus._send("PATCH", url, b"0123456789", "application/octet-stream", {"Upload-Offset": "0"})
    assert response.status_code == 415


def test_options_describes_the_protocol(tus, settings):
    response = tus.client.options("/redaksi/taan/unggah/", HTTP_HOST=host())
    assert response.status_code == 204
    assert response["Tus-Extension"] == "creation,termination"
    assert response["Tus-Max-Size"] == str(settings.KIM_PHOTO_MAX_MB * 1024 * 1024)


def test_a_terminated_upload_is_gone(tus):
    url = tus.start(len(DATA))
    tus.patch(url, 0, DATA[:1000])
    part = _part(url)
    response = tus.delete(url)
    assert response.status_code == 204
    assert not part.exists()
    assert tus.head(url).status_code == 404
    assert tus.patch(url, 1000, DATA[1000:2000]).status_code == 404
    assert tus.finish(url).status_code == 404


def test_nobody_but_the_uploader_in_that_village_finds_an_upload(tus, tus_as, taan_publisher, bela_editor, bela, district_staff):
    url = tus.start(len(DATA))
    tus.patch(url, 0, DATA[:1000])
    in_bela = url.replace("/taan/", "/bela/")
    for who in (None, taan_publisher, bela_editor, district_staff):
        other = tus_as(who)
        for path in (url, in_bela):
            assert other.head(path).status_code == 404, (who, path)
            assert other.patch(path, 1000, DATA[1000:2000]).status_code == 404, (who, path)
            assert other.delete(path).status_code == 404, (who, path)
            assert other.finish(path).status_code == 404, (who, path)
    # Not even the uploader reaches it through another village's address.
    tus.client.force_login(Upload.objects.get().user)
    assert tus.head(in_bela).status_code == 404
    assert tus.head(url)["Upload-Offset"] == "1000"
    assert _part(url).read_bytes() == DATA[:1000]


def test_anonymous_visitors_cannot_start_an_upload(tus_as, taan):
    response = tus_as(None).create(1000)
    assert response.status_code == 403
    assert "Masuk lagi" in response.json()["error"]["message"]
    assert not Upload.objects.exists()


def test_an_editor_cannot_upload_to_another_village(tus, bela, settings):
    assert tus.create(1000, slug="bela").status_code == 404
    assert tus.create(1000, slug="tidak-ada").status_code == 404
    assert not Upload.objects.exists()
    assert not settings.KIM_PARTIAL_UPLOADS_DIR.exists() or not any(settings.KIM_PARTIAL_UPLOADS_DIR.iterdir())


def test_district_staff_may_upload_to_any_village(tus_as, district_staff, bela):
    assert tus_as(district_staff).create(1000, slug="bela").status_code == 201


def test_csrf_protection_stays_on(taan_editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(taan_editor)
    headers = {"Tus-Resumable": "1.0.0", "Upload-Length": "1000"}
    response = client.post("/redaksi/taan/unggah/", headers=headers, HTTP_HOST=host())
    assert response.status_code == 403
    client.get("/redaksi/taan/tulis/", HTTP_HOST=host())  # the form the photo field is on sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/redaksi/taan/unggah/", headers={**headers, "X-CSRFToken": token}, HTTP_HOST=host())
    assert response.status_code == 201
    url = response["Location"]
    patch = {"Tus-Resumable": "1.0.0", "Upload-Offset": "0"}
    response = client.generic("PATCH", url, b"x" * 10, "application/offset+octet-stream", headers=patch, HTTP_HOST=host())
    assert response.status_code == 403
    response = client.generic("PATCH", url, b"x" * 10, "application/offset+octet-stream",
                              headers={**patch, "X-CSRFToken": token}, HTTP_HOST=host())
    assert response.status_code == 204


# Limits ------------------------------------------------------------------


def test_too_many_uploads_in_an_hour_are_refused_with_429_in_indonesian(tus, settings):
    settings.KIM_UPLOADS_PER_HOUR = 3
    for _ in range(3):
        tus.start(1000)
    response = tus.create(1000)
    assert response.status_code == 429
    message = response.json()["error"]["message"]
    assert message == "Terlalu banyak foto dalam satu jam: paling banyak 3 foto per jam. Coba lagi dalam 60 menit."
    assert response["Retry-After"] == "3600"
    # An hour on, the oldest no longer counts.
    Upload.objects.update(created=timezone.now() - datetime.timedelta(minutes=61))
    assert tus.create(1000).status_code == 201


def test_the_hourly_limit_is_per_person(tus, tus_as, taan_publisher, settings):
    settings.KIM_UPLOADS_PER_HOUR = 1
    tus.start(1000)
    assert tus.create(1000).status_code == 429
    assert tus_as(taan_publisher).create(1000).status_code == 201


def test_the_daily_quota_counts_the_megabytes_announced(tus, settings):
    settings.KIM_UPLOAD_MB_PER_DAY = 2
    tus.start(1024 * 1024)
    tus.start(700 * 1024)
    response = tus.create(400 * 1024)
    assert response.status_code == 429
    assert response.json()["error"]["message"] == (
        "Batas unggahan harian tercapai: paling banyak 2 MB per hari, sisa Anda 0.3 MB. "
        "Coba lagi besok, atau minta staf distrik menaikkan batasnya."
    )
    assert tus.create(300 * 1024).status_code == 201
    # A day later it starts afresh.
    Upload.objects.update(created=timezone.now() - datetime.timedelta(hours=25))
    assert tus.create(1024 * 1024).status_code == 201


# Nothing half-sent stays, or is served ---------------------------------------


def test_uploads_older_than_a_day_are_removed_when_the_next_one_starts(tus, settings):
    old_url = tus.send(DATA[:5000])
    unfinished_url = tus.start(len(DATA))
    old, unfinished = _part(old_url), _part(unfinished_url)
    Upload.objects.update(created=timezone.now() - datetime.timedelta(hours=25))
    # A part file no row knows of (its user was deleted), untouched for two days.
    orphan = settings.KIM_PARTIAL_UPLOADS_DIR / "0f0f0f0f-0000-0000-0000-000000000000.part"
    orphan.write_bytes(b"GPS")
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(orphan, (two_days_ago, two_days_ago))
    recent_url = tus.start(1000)

    assert not old.exists() and not unfinished.exists() and not orphan.exists()
    assert Upload.objects.count() == 1
    assert _part(recent_url).exists()
    assert tus.head(unfinished_url).status_code == 404


def test_cleaning_up_with_nothing_to_clean_is_harmless(db, settings):
    remove_stale_uploads()
    assert not settings.KIM_PARTIAL_UPLOADS_DIR.exists()


def test_part_files_are_outside_media_root_and_never_served(tus, settings, taan, bela):
    url = tus.start(len(DATA))
    tus.patch(url, 0, DATA[:5000])
    part = _part(url)
    media = settings.MEDIA_ROOT.resolve()
    assert media not in part.resolve().parents
    name = part.name
    paths = [
        url, url + "foto/",
        f"/media/../partial-uploads/{name}", f"/media/%2e%2e/partial-uploads/{name}",
        f"/media/..%2fpartial-uploads/{name}", f"/partial-uploads/{name}", f"/media/{name}",
        f"/static/../partial-uploads/{name}",
    ]
    for http_host in (host(), host("taan"), host("bela")):
        for path in paths:
            response = tus.client.get(path, HTTP_HOST=http_host)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert DATA[:5000] not in body, (http_host, path)
            assert response.status_code in (400, 404, 405), (http_host, path, response.status_code)


def test_part_files_inside_media_root_stop_the_portal_from_starting(settings):
    settings.KIM_PARTIAL_UPLOADS_DIR = settings.MEDIA_ROOT / "partial-uploads"
    with pytest.raises(SystemCheckError, match="kimportal.E001"):
        call_command("check")
    settings.KIM_PARTIAL_UPLOADS_DIR = settings.MEDIA_ROOT.parent / "partial-uploads"
    call_command("check")
