"""Exports, step by step: asked for (start), written by the task queue
(tasks.py, writing.py), downloaded (download), and forgotten: a newer
export of the same village and format replaces the older file
(writing.forget_older), and none is kept longer than KEEP_DAYS."""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, HttpResponse
from django.utils import timezone

from exports.models import ExportRun
from exports.tasks import build_export

KEEP_DAYS = 2
# A run still waiting or running after this long is taken for lost (a
# worker that died): asking again makes a new one.
STUCK_HOURS = 6
# nginx's internal location for finished exports (deploy/nginx/kimportal.conf):
# with KIM_EXPORT_X_ACCEL, nginx sends the file and no worker waits on the download.
INTERNAL_PREFIX = "/_ekspor/"


def start(village, user, format):
    """Queue an export (tasks.py), or answer the one of this village and
    format already waiting or being written: asking twice makes one file."""
    forget_expired()
    busy = ExportRun.objects.filter(
        village=village, format=format, state__in=[ExportRun.State.WAITING, ExportRun.State.RUNNING],
        created__gte=timezone.now() - datetime.timedelta(hours=STUCK_HOURS),
    ).first()
    if busy is not None:
        return busy
    name = f"{uuid.uuid4().hex}.{'xml' if format == ExportRun.Format.WXR else 'zip'}"
    run = ExportRun.objects.create(village=village, format=format, created_by=user, stored_name=name)
    transaction.on_commit(lambda: build_export.enqueue(run.pk))
    return run


def forget_expired(days=KEEP_DAYS):
    for run in ExportRun.objects.filter(created__lt=timezone.now() - datetime.timedelta(days=days)):
        run.forget_file()
        run.delete()


def recent(village=None):
    runs = ExportRun.objects.select_related("village", "created_by")
    return (runs.filter(village=village) if village is not None else runs)[:20]


def download(run):
    """The finished file as an attachment: sent by nginx (X-Accel-Redirect)
    where it serves the exports, else by Django in chunks."""
    content_type = "application/xml" if run.format == ExportRun.Format.WXR else "application/zip"
    if settings.KIM_EXPORT_X_ACCEL:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = INTERNAL_PREFIX + run.stored_name
        response["Content-Disposition"] = f'attachment; filename="{run.download_name}"'
    else:
        response = FileResponse(open(run.file_path, "rb"), as_attachment=True, filename=run.download_name,
                                content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response

