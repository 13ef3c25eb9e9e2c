"""The district desk's imports, step by step: the uploaded file is read and
kept (start), staff choose topics and authors (confirm), the task queue
imports it (imports/tasks.py) and the report stays on the run."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from imports import sources
from imports.importer import Report
from imports.models import ImportRun, run_folder
from imports.tasks import run_import


def max_bytes():
    return settings.KIM_IMPORT_MAX_MB * 1024 * 1024


def too_big():
    return ValidationError(
        f"Berkas terlalu besar: maksimal {settings.KIM_IMPORT_MAX_MB} MB. Untuk situs sebesar ini, "
        "minta pengelola server menjalankan `manage.py import_wordpress`.", code="too_big",
    )


def start(village, user, data, name):
    """Read the file (a ValidationError in Indonesian if it is not a site we
    can import) and keep it for the next step."""
    if len(data) > max_bytes():
        raise too_big()
    sources.read(data)
    forget_abandoned()
    folder = run_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.xml"
    (folder / stored).write_bytes(data)
    return ImportRun.objects.create(village=village, created_by=user, original_name=name[:300], stored_name=stored)


def forget_abandoned(days=1):
    """Exports uploaded but never confirmed go after a day, files and all."""
    for run in ImportRun.objects.filter(state=ImportRun.State.PREVIEW, created__lt=timezone.now() - datetime.timedelta(days=days)):
        run.forget_file()
        run.delete()


def confirm(run, topics, default_topic, members):
    """Staff's choices saved, and the import queued (imports/tasks.py)."""
    run.options = {
        "topics": {key: topic.pk if topic else None for key, topic in topics.items()},
        "default_topic": default_topic.pk if default_topic else None,
        "members": {login: user.pk for login, user in members.items() if user is not None},
    }
    run.state = ImportRun.State.WAITING
    run.save(update_fields=["options", "state"])
    transaction.on_commit(lambda: run_import.enqueue(run.pk))


def report_of(run):
    return Report.from_json(run.report)
