"""Writing an export to a file, for the task queue (tasks.py) and the
command (export_village)."""

from exports import archive, wxr
from exports.models import ExportRun

WRITERS = {ExportRun.Format.WXR: wxr.write, ExportRun.Format.ZIP: archive.write}


def write_file(village, format, path):
    """Write the village's export to `path` (through a .part file, so a
    half-written one is never served or mistaken for whole); its size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    try:
        with open(part, "wb") as out:
            WRITERS[ExportRun.Format(format)](village, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    part.replace(path)
    return path.stat().st_size


def forget_older(run):
    """A finished export replaces the older ones of its village and format."""
    older = ExportRun.objects.filter(village=run.village, format=run.format, created__lt=run.created).exclude(
        state__in=[ExportRun.State.WAITING, ExportRun.State.RUNNING]
    )
    for old in older:
        old.forget_file()
        old.delete()
