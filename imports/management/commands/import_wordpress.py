"""Move a WordPress site into a village: manage.py import_wordpress FILE --village SLUG.

FILE is what WordPress writes in Tools → Export, "All content" (WXR).
--media-dir is a copy of the old site's wp-content/uploads; images not
found there are fetched from the old site (imports/fetch.py). Running it
again updates what it made. docs/guide.md, "Moving an old site in"."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from imports import sources
from imports.management.commands import _common


class Command(BaseCommand):
    help = "Impor ekspor WordPress (WXR) ke situs sebuah desa."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .xml dari WordPress: Alat → Ekspor → Semua konten.")
        parser.add_argument("--media-dir", help="Salinan folder wp-content/uploads situs lama.")
        _common.add_arguments(parser)

    def handle(self, *args, **opts):
        village = _common.village(opts["village"])
        try:
            export = sources.read_wordpress(_common.read_file(opts["file"]))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages))
        if opts["media_dir"] and not os.path.isdir(opts["media_dir"]):
            raise CommandError(f"Folder media {opts['media_dir']} tidak ada.")
        _common.run(self, export, _common.options(
            export, village, opts, media_dir=opts["media_dir"],
            origin=os.path.basename(opts["file"]), actor_name=_common.server_actor("import_wordpress"),
        ))
