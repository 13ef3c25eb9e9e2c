"""Imports started at the district desk run here, in the task queue
(`manage.py db_worker`): a site with hundreds of posts and images takes
longer than a request may."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from articles.models import Topic
from imports import sources
from imports.importer import Options, import_export, members_of
from imports.models import ImportRun
from villages.models import AuditEntry

log = logging.getLogger(__name__)


@task()
def run_import(run_id):
    return perform(run_id)


def perform(run_id):
    """Import a confirmed run, once (the claim is atomic), keeping its report."""
    run = ImportRun.objects.claim(run_id)
    if run is None:
        return False
    try:
        export = sources.read(run.read())
        topics = Topic.objects.in_bulk([pk for pk in run.options.get("topics", {}).values() if pk])
        members = members_of(run.village).in_bulk(list(run.options.get("members", {}).values()))
        options = Options(
            village=run.village,
            user=run.created_by,
            topics={key: topics.get(pk) for key, pk in run.options.get("topics", {}).items()},
            default_topic=Topic.objects.filter(pk=run.options.get("default_topic") or 0).first(),
            members={login: members[pk] for login, pk in run.options.get("members", {}).items() if pk in members},
            source_url=sources.site_url(run.original_name),
            origin=run.original_name,
            actor_name="" if run.created_by else "akun yang sudah dihapus",
            workers=settings.KIM_IMPORT_WORKERS,
        )
        report = import_export(export, options).as_json()
        state = ImportRun.State.DONE
    except Exception as error:  # the run must say it failed, whatever happened
        log.exception("Import run %s failed", run_id)
        report = {"error": " ".join(error.messages) if isinstance(error, ValidationError) else "Terjadi kesalahan di server; lihat log."}
        state = ImportRun.State.FAILED
        AuditEntry.record(run.created_by, AuditEntry.Action.SITE_IMPORTED, run.village, subject=run.original_name,
                          reason=f"gagal: {report['error']}", actor_name="" if run.created_by else "akun yang sudah dihapus")
    run.report, run.state, run.finished = report, state, timezone.now()
    run.save(update_fields=["report", "state", "finished"])
    run.forget_file()
    return state == ImportRun.State.DONE
