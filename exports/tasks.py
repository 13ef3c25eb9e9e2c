"""Exports asked for on a screen are written here, in the task queue
(`manage.py db_worker`), to a file: a village with thousands of articles
and photos takes longer than a request may, and a worker serving it would
be held for as long as the download of a large ZIP on a village link."""

import logging

from django.utils import timezone
from django_tasks import task

from exports import writing
from exports.models import ExportRun

log = logging.getLogger(__name__)


@task()
def build_export(run_id):
    return perform(run_id)


def perform(run_id):
    """Write a waiting export, once (the claim is atomic)."""
    run = ExportRun.objects.claim(run_id)
    if run is None:
        return False
    try:
        run.size = writing.write_file(run.village, run.format, run.file_path)
        run.state, run.error = ExportRun.State.DONE, ""
    except Exception:  # the run must say it failed, whatever happened
        log.exception("Export run %s failed", run_id)
        run.forget_file()
        run.state, run.error = ExportRun.State.FAILED, "Terjadi kesalahan di server; lihat log."
    run.finished = timezone.now()
    run.save(update_fields=["size", "state", "error", "finished"])
    if run.state == ExportRun.State.DONE:
        writing.forget_older(run)
    return run.state == ExportRun.State.DONE
