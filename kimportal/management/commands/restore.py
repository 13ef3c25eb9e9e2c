"""Put a `manage.py backup` archive back: database rows and media, byte for
byte. Refuses to write over a portal that already has villages unless told
to with --replace."""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from villages.models import Village


class Command(BaseCommand):
    help = "Memulihkan basis data dan media dari cadangan .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--replace", action="store_true", help="hapus data yang ada lebih dulu")

    def handle(self, *args, archive, replace, **options):
        if not archive.is_file():
            raise CommandError(f"Berkas cadangan tidak ditemukan: {archive}")
        if Village.objects.exists() and not replace:
            raise CommandError("Portal ini sudah berisi data. Pakai --replace untuk menimpanya.")
        media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, links and ../ escapes.
            tar.extractall(tmp, filter="data")
            with transaction.atomic():
                if replace:
                    call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(Path(tmp) / "data.xml"), verbosity=0)
            restored = Path(tmp) / "media"
            if restored.exists():
                for source in restored.rglob("*"):
                    target = media / source.relative_to(restored)
                    if source.is_dir():
                        target.mkdir(parents=True, exist_ok=True)
                    else:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(source.read_bytes())
        self.stdout.write(self.style.SUCCESS(f"Dipulihkan dari {archive}"))
