"""Deletes residents' messages older than KIM_TIP_RETENTION_DAYS (and their
notifications). Production runs it daily (deploy/kimportal-tips-retention.timer);
`make run` runs it on start. --loop keeps it running, once an hour."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from tips.models import Tip


class Command(BaseCommand):
    help = "Hapus pesan warga yang lebih lama dari KIM_TIP_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, once an hour.")

    def handle(self, *args, loop=False, **options):
        while True:
            deleted = Tip.objects.delete_expired()
            self.stdout.write(f"{deleted} pesan warga lebih dari {settings.KIM_TIP_RETENTION_DAYS} hari dihapus.")
            if not loop:
                return
            time.sleep(3600)
