"""A village's whole site to a file: manage.py export_village SLUG --format wxr|zip --output FILE.

wxr: a WordPress export (WordPress: Tools → Import → WordPress), the photos
fetched by WordPress from the portal. zip: JSON of everything, the photos'
files and the same WordPress export (exports/archive.py). Written as it
goes, through FILE.part: a large village needs little memory."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exports import contents, writing
from exports.models import ExportRun
from villages.models import Village


class Command(BaseCommand):
    help = "Ekspor situs sebuah desa: WordPress (WXR) atau arsip ZIP (JSON dan foto)."

    def add_arguments(self, parser):
        parser.add_argument("village", metavar="SLUG", help="Subdomain desa, misalnya taan.")
        parser.add_argument("--format", required=True, choices=[f.value for f in ExportRun.Format],
                            help="wxr: berkas impor WordPress; zip: JSON, foto, dan berkas WordPress.")
        parser.add_argument("--output", required=True, metavar="FILE", help="Berkas yang ditulis.")

    def handle(self, *args, **opts):
        village = Village.objects.filter(slug=opts["village"]).select_related("kecamatan").first()
        if village is None:
            raise CommandError(f"Tidak ada desa dengan subdomain “{opts['village']}”.")
        output = Path(opts["output"])
        if not output.parent.is_dir():
            raise CommandError(f"Folder {output.parent} tidak ada.")
        started = time.monotonic()
        try:
            size = writing.write_file(village, opts["format"], output)
        except OSError as error:
            raise CommandError(f"Berkas {output} tidak bisa ditulis: {error.strerror}.")
        articles = contents.articles(village).count()
        pages = contents.pages(village).count()
        photos = contents.library(village).count()
        self.stdout.write(
            f"{village.kim_name} ({village.slug}) → {output}: {articles} berita, {pages} halaman, {photos} foto; "
            f"{size / 2**20:.1f} MB dalam {time.monotonic() - started:.1f} detik."
        )
