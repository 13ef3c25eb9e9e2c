"""Adds the live read counters to the daily rows (readership/counter.py).

Production runs it every five minutes from a systemd timer
(deploy/kimportal-reads.timer); `make run` keeps one going with --loop.
Safe to run twice or on two machines at once: nothing is added twice.
"""

import time

from django.core.management.base import BaseCommand

from readership.counter import flush


class Command(BaseCommand):
    help = "Simpan hitungan pembaca ke basis data (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Ulangi setiap sekian detik, sampai dihentikan.")

    def handle(self, *args, loop=None, **options):
        while True:
            reads, bots = flush()
            if options["verbosity"] > 1 or (reads or bots) and not loop:
                self.stdout.write(f"{reads} bacaan dan {bots} bot disimpan.")
            if not loop:
                return
            time.sleep(loop)
