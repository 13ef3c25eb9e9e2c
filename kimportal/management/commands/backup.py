"""Back up the whole portal – database rows and uploaded media – into one
.tar.gz that `manage.py restore` puts back:

    python manage.py backup /srv/backup/kimportal-$(date +%F).tar.gz
"""

import io
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate, or not worth keeping (sessions, login-attempt logs).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "Mencadangkan basis data dan media ke satu berkas .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive, **options):
        data = io.StringIO()
        # XML, not JSON: Django's JSON encoder cuts timestamps to milliseconds.
        # Primary keys are kept as they are, so every reference survives exactly.
        call_command(
            "dumpdata", format="xml", natural_foreign=True, exclude=EXCLUDE, stdout=data
        )
        payload = data.getvalue().encode()
        media = Path(settings.MEDIA_ROOT)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:gz") as tar:
            info = tarfile.TarInfo("data.xml")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
            if media.exists():
                tar.add(media, arcname="media")
        self.stdout.write(self.style.SUCCESS(f"Cadangan tersimpan: {archive}"))
