"""An export asked for in the newsroom or at the district desk: the task
queue writes the file (exports/tasks.py), the person who asked downloads it."""

from pathlib import Path

from django.conf import settings
from django.db import models

from imports.models import RunQuerySet
from villages.models import Village


def export_folder():
    """Where finished exports wait to be downloaded: beside the partial
    photo uploads, never under MEDIA_ROOT (an export holds drafts)."""
    return Path(settings.KIM_PARTIAL_UPLOADS_DIR) / "exports"


class ExportRun(models.Model):
    class Format(models.TextChoices):
        WXR = "wxr", "WordPress (WXR)"
        ZIP = "zip", "Arsip ZIP (JSON dan foto)"

    class State(models.TextChoices):
        WAITING = "waiting", "Dalam antrean"
        RUNNING = "running", "Sedang dibuat"
        DONE = "done", "Siap diunduh"
        FAILED = "failed", "Gagal"

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="+", verbose_name="desa")
    format = models.CharField("format", max_length=10, choices=Format.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    stored_name = models.CharField(max_length=100)
    size = models.BigIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "ekspor situs"
        verbose_name_plural = "ekspor situs"

    def __str__(self):
        return f"{self.village} ({self.get_format_display()})"

    @property
    def file_path(self):
        return export_folder() / self.stored_name

    @property
    def extension(self):
        return "xml" if self.format == self.Format.WXR else "zip"

    @property
    def download_name(self):
        """kim-taan-wordpress-20261130.xml"""
        kind = "wordpress" if self.format == self.Format.WXR else "arsip"
        return f"kim-{self.village.slug}-{kind}-{self.created:%Y%m%d-%H%M}.{self.extension}"

    @property
    def is_ready(self):
        return self.state == self.State.DONE and self.file_path.is_file()

    def forget_file(self):
        """Remove the file, and a half-written one; what cannot be removed
        (a folder gone or unreadable) is simply not there to serve."""
        for path in (self.file_path, self.file_path.with_suffix(".part")):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
