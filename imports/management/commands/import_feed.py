"""Import the latest posts of any site with a feed (RSS 2.0 or Atom:
Blogspot and most blogs have one): manage.py import_feed URL-or-FILE --village SLUG.

Running it again updates what it made and adds what is new."""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from imports import sources
from imports.fetch import FEED_TYPES, FetchError, fetch
from imports.management.commands import _common


class Command(BaseCommand):
    help = "Impor berita terbaru dari umpan RSS atau Atom sebuah situs ke situs sebuah desa."

    def add_arguments(self, parser):
        parser.add_argument("source", help="Alamat umpan (https://…/feed/) atau berkas umpan yang sudah diunduh.")
        _common.add_arguments(parser)

    def handle(self, *args, **opts):
        village = _common.village(opts["village"])
        source = opts["source"]
        if source.startswith(("http://", "https://")):
            try:
                data = fetch(source, settings.KIM_IMPORT_MAX_MB * 1024 * 1024, accept=FEED_TYPES)
            except FetchError as error:
                raise CommandError(f"Umpan tidak bisa diambil: {error}.")
        else:
            data = _common.read_file(source)
        try:
            export = sources.read(data)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages))
        feed_site = sources.site_url(source) if source.startswith(("http://", "https://")) else ""
        _common.run(self, export, _common.options(
            export, village, opts, source_url=feed_site, origin=source if feed_site else os.path.basename(source),
            actor_name=_common.server_actor("import_feed"),
        ))
