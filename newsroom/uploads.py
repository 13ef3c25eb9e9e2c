"""Photo uploads that survive a dropped connection.

A phone on a village link loses its signal in the middle of a photo. These
views speak tus 1.0.0 (core, creation and termination: https://tus.io/protocols/
resumable-upload), so the browser (tus-js-client, in newsroom/static/newsroom/
photos.js) sends a photo in pieces and, after a break, asks how far it got
and goes on from there instead of starting over:

    POST   unggah/            Upload-Length: n         -> 201, Location: unggah/<id>/
    HEAD   unggah/<id>/                                -> Upload-Offset, Upload-Length
    PATCH  unggah/<id>/       the piece at Upload-Offset -> 204, the new Upload-Offset
    DELETE unggah/<id>/                                -> 204, the bytes are gone
    POST   unggah/<id>/foto/  alt, caption             -> the Photo, as JSON
    POST   unggah/<id>/logo/ or unggah/<id>/sampul/    -> the village's logo or
                                                          cover, as JSON, once
                                                          the identity is saved

Only someone who may write in the village starts an upload, and only they
find it afterwards: for anyone else it does not exist (404). Each person may
start KIM_UPLOADS_PER_HOUR uploads an hour and announce KIM_UPLOAD_MB_PER_DAY
megabytes a day (429 past either).

The bytes wait in KIM_PARTIAL_UPLOADS_DIR, outside MEDIA_ROOT (newsroom/
checks.py refuses a setting inside it), so nothing half-sent, GPS and all, is
ever served. The last step runs them through the one photo pipeline
(articles.photos) and deletes them, whatever it decides. A logo or cover
(publishers only: the roles table's EDIT_IDENTITY) is made into renditions
kept on the upload, for the identity form of the same village, sent by the
same person, to name (newsroom/identity.py); unnamed for a day, they go. The row's `offset`
is the truth about a part file: a piece, once received, is appended while
the row is locked, and bytes past `offset` (a worker killed after writing,
before committing) are cut off before the next piece goes on.
"""

import datetime
import math
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.http import HttpResponse, JsonResponse, UnreadablePostError
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from articles import identity, photos
from articles.models import Photo
from newsroom.models import Upload
from villages import roles
from villages.models import Village

TUS_VERSION = "1.0.0"
PIECE = 64 * 1024  # read from the request this much at a time, never the whole body
SPOOL_IN_MEMORY = 1024 * 1024  # a piece over this (a client sending bigger ones) waits in a temporary file
KEPT_FOR = datetime.timedelta(days=1)  # then a part file is stale, and the rate windows are over
HOUR = datetime.timedelta(hours=1)
MB = 1024 * 1024


def _answer(status, message=None, headers=None):
    """A tus answer: never cached, with an Indonesian message as
    {"error": {"message": ...}} when something is refused."""
    response = JsonResponse({"error": {"message": message}}, status=status) if message else HttpResponse(status=status)
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = str(value)
    return response


def _whole_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _wrong_protocol(request):
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        return _answer(412, "Aplikasi pengunggah ini tidak dikenal. Muat ulang halaman.", {"Tus-Version": TUS_VERSION})
    return None


def _own_upload(request, slug, upload_id):
    """The upload, if it is the requesting user's, in this village, and they
    may still write there; otherwise None, for a 404."""
    if not roles.is_signed_in(request.user):
        return None
    upload = Upload.objects.filter(pk=upload_id, user=request.user, village__slug=slug).select_related("village").first()
    if upload is None or not roles.may(request.user, roles.Action.CREATE, upload.village):
        return None
    return upload


def _is_gone(upload):
    """Ended without a photo: terminated, refused by the pipeline, or lost."""
    return upload.photo_id is None and not upload.path.exists()


@require_http_methods(["OPTIONS", "POST"])
def create(request, slug):
    if request.method == "OPTIONS":
        return _answer(204, headers={
            "Tus-Version": TUS_VERSION, "Tus-Extension": "creation,termination",
            "Tus-Max-Size": photos.max_upload_bytes(),
        })
    refused = _wrong_protocol(request)
    if refused:
        return refused
    if not roles.is_signed_in(request.user):
        return _answer(403, "Sesi Anda sudah berakhir. Masuk lagi, lalu pilih fotonya kembali.")
    village = Village.objects.for_user(request.user).filter(slug=slug).first()
    if village is None:
        return _answer(404, "Desa ini tidak ditemukan di ruang redaksi Anda.")
    if not roles.may(request.user, roles.Action.CREATE, village):
        return _answer(403, "Anda tidak dapat menambahkan foto untuk desa ini.")
    length = _whole_number(request.headers.get("Upload-Length"))
    if length is None:
        return _answer(400, "Ukuran foto tidak terkirim. Muat ulang halaman, lalu coba lagi.")
    try:
        photos.check_size(length)
    except ValidationError as error:
        return _answer(413 if error.code == "too_big" else 400, error.messages[0])

    remove_stale_uploads()
    refused = _over_limits(request.user, length)
    if refused:
        return refused
    upload = Upload.objects.create(village=village, user=request.user, length=length)
    folder = Path(settings.KIM_PARTIAL_UPLOADS_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Only the portal reads part files: they may hold a home's GPS position.
    os.close(os.open(upload.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    return _answer(201, headers={"Location": reverse("newsroom:upload_resource", args=[village.slug, upload.pk])})


def _over_limits(user, length):
    """A 429 when this upload would take the user past either limit."""
    now = timezone.now()
    today = Upload.objects.filter(user=user, created__gt=now - KEPT_FOR)
    this_hour = today.filter(created__gt=now - HOUR).order_by("created")
    per_hour = settings.KIM_UPLOADS_PER_HOUR
    if this_hour.count() >= per_hour:
        wait = this_hour[0].created + HOUR - now
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        return _answer(
            429,
            f"Terlalu banyak foto dalam satu jam: paling banyak {per_hour} foto per jam. "
            f"Coba lagi dalam {minutes} menit.",
            {"Retry-After": minutes * 60},
        )
    per_day = settings.KIM_UPLOAD_MB_PER_DAY * MB
    used = today.aggregate(total=Sum("length"))["total"] or 0
    if used + length > per_day:
        left = max(0, per_day - used) / MB
        return _answer(
            429,
            f"Batas unggahan harian tercapai: paling banyak {settings.KIM_UPLOAD_MB_PER_DAY} MB per hari, "
            f"sisa Anda {left:.1f} MB. Coba lagi besok, atau minta staf distrik menaikkan batasnya.",
            {"Retry-After": 60 * 60},
        )
    return None


def remove_stale_uploads():
    """Forget uploads older than a day, with their part files, and part files
    no row knows of (a deleted user's, say) untouched for as long."""
    cutoff = timezone.now() - KEPT_FOR
    stale = Upload.objects.filter(created__lt=cutoff)
    for upload in stale.only("pk", "image"):
        upload.path.unlink(missing_ok=True)
        if upload.image:  # a logo or cover no identity was saved with
            photos.delete_folder(upload.image["folder"])
    stale.delete()
    folder = Path(settings.KIM_PARTIAL_UPLOADS_DIR)
    for part in folder.glob("*.part") if folder.is_dir() else ():
        try:
            if part.stat().st_mtime < cutoff.timestamp():
                part.unlink()
        except FileNotFoundError:  # another request got there first
            pass


@require_http_methods(["HEAD", "PATCH", "DELETE"])
def resource(request, slug, upload_id):
    refused = _wrong_protocol(request)
    if refused:
        return refused
    upload = _own_upload(request, slug, upload_id)
    if upload is None or _is_gone(upload):
        return _answer(404)
    if request.method == "HEAD":
        return _answer(200, headers={"Upload-Offset": upload.offset, "Upload-Length": upload.length})
    if request.method == "DELETE":
        upload.path.unlink(missing_ok=True)
        return _answer(204)
    return _append(request, upload)


def _append(request, upload):
    if request.content_type != "application/offset+octet-stream":
        return _answer(415, "Potongan foto dikirim dalam bentuk yang salah. Muat ulang halaman.")
    offset = _whole_number(request.headers.get("Upload-Offset"))
    if offset is None:
        return _answer(400, "Posisi potongan foto tidak terkirim. Muat ulang halaman.")
    size = _whole_number(request.META.get("CONTENT_LENGTH")) or 0
    # Refused before a byte is read, when it is plainly wrong.
    if offset != upload.offset:
        return _answer(409, headers={"Upload-Offset": upload.offset})
    if offset + size > upload.length:
        return _answer(413, "Potongan ini melewati ukuran foto yang diumumkan.")
    # The piece is received first, at the phone's pace, with nothing locked;
    # then the row is locked just for the append. A second PATCH for this
    # upload (a retry that overtook a slow one) finds the offset moved and
    # gets 409. Holding the lock while a phone trickles in 256 KB would, on
    # SQLite, stop every write in the portal for the while.
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as piece:
        received = _receive(request, piece, upload.length - offset)
        with transaction.atomic():
            upload = Upload.objects.select_for_update().get(pk=upload.pk)
            if offset != upload.offset:
                return _answer(409, headers={"Upload-Offset": upload.offset})
            try:
                _append_piece(upload, piece)
            except FileNotFoundError:  # ended meanwhile (terminated), or lost
                return _answer(404)
            upload.offset += received
            upload.save(update_fields=["offset"])
    return _answer(204, headers={"Upload-Offset": upload.offset})


def _receive(request, piece, room):
    """Read the request body into `piece`, at most `room` bytes, PIECE at a
    time, and return how many arrived: a connection that drops midway keeps
    what got through, and the phone goes on from there."""
    received = 0
    while received < room:
        try:
            data = request.read(min(PIECE, room - received))
        except UnreadablePostError:  # the connection dropped
            break
        if not data:
            break
        piece.write(data)
        received += len(data)
    piece.seek(0)
    return received


def _append_piece(upload, piece):
    # "a"ppend, never "w": opening can never empty a part file.
    with upload.path.open("ab") as part:
        if part.tell() != upload.offset:
            # More is uncommitted leftovers, cut off; less means the
            # storage lost bytes, and the upload cannot go on.
            if part.tell() < upload.offset:
                upload.path.unlink()
                raise FileNotFoundError(upload.path)
            part.truncate(upload.offset)
        shutil.copyfileobj(piece, part, PIECE)
        part.flush()
        # On disk before the offset that promises it is committed.
        os.fsync(part.fileno())


@require_http_methods(["POST"])
def finish(request, slug, upload_id):
    upload = _own_upload(request, slug, upload_id)
    if upload is None:
        return _answer(404, "Unggahan ini tidak ditemukan.")
    if upload.photo_id:  # asked again (the first answer was lost on the way)
        return _photo_answer(upload.photo)
    if upload.purpose:
        return _used_elsewhere()
    if _is_gone(upload):
        return _answer(404, "Unggahan ini sudah tidak ada. Pilih fotonya lagi.")
    if upload.offset < upload.length:
        return _not_whole_yet(upload)
    alt = request.POST.get("alt", "").strip()
    caption = request.POST.get("caption", "").strip()
    for value, field in ((alt, "alt"), (caption, "caption")):
        model_field = Photo._meta.get_field(field)
        if len(value) > model_field.max_length:
            return _answer(400, f"{model_field.verbose_name.capitalize()} terlalu panjang: "
                           f"paling banyak {model_field.max_length} karakter.")
    try:
        with upload.path.open("rb") as part:
            processed = photos.process(File(part))
    except FileNotFoundError:  # a second request for it got there first
        upload.refresh_from_db()
        if upload.photo_id:
            return _photo_answer(upload.photo)
        return _answer(404, "Unggahan ini sudah tidak ada. Pilih fotonya lagi.")
    except ValidationError as refused:
        upload.path.unlink(missing_ok=True)
        return _answer(400, refused.messages[0])
    with transaction.atomic():
        upload = Upload.objects.select_for_update(of=("self",)).select_related("photo", "village").get(pk=upload.pk)
        if upload.photo is None and not upload.purpose:
            upload.photo = Photo.from_processed(processed, upload.village, request.user, alt=alt, caption=caption)
            upload.save(update_fields=["photo"])
    upload.path.unlink(missing_ok=True)
    if upload.photo is None:  # made a logo or cover meanwhile
        return _used_elsewhere()
    return _photo_answer(upload.photo)


def _not_whole_yet(upload):
    return _answer(
        409, f"Foto belum terkirim seluruhnya ({upload.offset // 1024} dari {upload.length // 1024} KB). "
        "Tunggu sampai selesai.",
    )


def _used_elsewhere():
    return _answer(409, "Foto ini sudah dipakai untuk keperluan lain. Pilih fotonya lagi.")


ASPECTS = {Upload.Purpose.LOGO: None, Upload.Purpose.COVER: identity.COVER_ASPECT}


@require_http_methods(["POST"])
def finish_image(request, slug, upload_id, purpose):
    """The last step of a logo or cover photo: the same pipeline (a cover
    cut to its banner), renditions kept on the upload until the identity
    form names it. Asked again (the answer was lost on the way), it answers
    the same; an upload finished otherwise, or for the other purpose, or
    already taken by the village, is not made again."""
    upload = _own_upload(request, slug, upload_id)
    if upload is None:
        return _answer(404, "Unggahan ini tidak ditemukan.")
    if not roles.may(request.user, roles.Action.EDIT_IDENTITY, upload.village):
        return _answer(403, "Hanya penerbit (ketua KIM) yang dapat mengganti logo dan foto sampul.")
    if upload.purpose == purpose and upload.image:
        return _image_answer(upload)
    if upload.photo_id or upload.purpose:
        return _used_elsewhere()
    if _is_gone(upload):
        return _answer(404, "Unggahan ini sudah tidak ada. Pilih fotonya lagi.")
    if upload.offset < upload.length:
        return _not_whole_yet(upload)
    try:
        with upload.path.open("rb") as part:
            processed = photos.process(File(part), aspect=ASPECTS[purpose])
    except FileNotFoundError:  # a second request for it got there first
        upload.refresh_from_db()
        if upload.purpose == purpose and upload.image:
            return _image_answer(upload)
        return _answer(404, "Unggahan ini sudah tidak ada. Pilih fotonya lagi.")
    except ValidationError as refused:
        upload.path.unlink(missing_ok=True)
        return _answer(400, refused.messages[0])
    with transaction.atomic():
        upload = Upload.objects.select_for_update(of=("self",)).select_related("village").get(pk=upload.pk)
        if not upload.purpose and upload.photo_id is None:
            upload.image = identity.image_data(processed, upload.village)
            upload.purpose = purpose
            upload.save(update_fields=["image", "purpose"])
    upload.path.unlink(missing_ok=True)
    if upload.purpose != purpose or not upload.image:
        return _used_elsewhere()
    return _image_answer(upload)


def _image_answer(upload):
    image = upload.stored_image
    response = JsonResponse({
        "id": str(upload.pk), "url": image.url(1200), "thumbnail": image.url(400),
        "width": image.width, "height": image.height,
    })
    response["Cache-Control"] = "no-store"
    return response


def _photo_answer(photo):
    response = JsonResponse({
        "id": photo.pk, "url": photo.url(1200), "thumbnail": photo.url(400),
        "width": photo.width, "height": photo.height,
    })
    response["Cache-Control"] = "no-store"
    return response
