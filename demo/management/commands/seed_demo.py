"""Demo data for KIM Portal: villages of Kabupaten Mamuju grouped by their
real kecamatan, the district topics, newsroom users and about six months of
village news with illustrations drawn by Pillow (nothing is downloaded).

    DEBUG=1 python manage.py seed_demo [--villages N] [--articles N]

Every demo account has the password ``kimportal-demo``. It is printed on
screen and is for local demos only: never run this on a real server.

Running it again changes nothing that already exists, and every run writes
the same demo. This is the command line and the report; demo/seeding.py
writes the data, from demo/stories.py and demo/drawing.py.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article, Photo, Topic
from demo.seeding import DEFAULT_ARTICLES, DEMO_PASSWORD, DemoSeeder
from villages.models import Kecamatan, User, Village


class Command(BaseCommand):
    help = (
        "Mengisi basis data dengan data demo: desa-desa Kabupaten Mamuju, topik, pengguna redaksi, dan "
        f"berita. Semua akun demo memakai kata sandi {DEMO_PASSWORD!r} (hanya untuk demo). Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--villages", type=int, default=None, metavar="N",
            help="Hanya N desa pertama, diambil bergiliran dari tiap kecamatan (bawaan: semua).",
        )
        parser.add_argument(
            "--articles", type=int, default=DEFAULT_ARTICLES, metavar="N",
            help=f"Berita terbit per desa (bawaan {DEFAULT_ARTICLES}); tiap desa juga mendapat draf, "
                 "satu berita menunggu tinjauan, dan satu berita terjadwal.",
        )

    def handle(self, *args, villages=None, articles=DEFAULT_ARTICLES, **options):
        if (villages is not None and villages < 1) or articles < 0:
            raise CommandError("--villages minimal 1 dan --articles minimal 0.")
        started = time.monotonic()
        seeder = DemoSeeder(timezone.now(), warn=self.stderr.write)
        logins = seeder.seed(villages, articles)
        self.report(logins, seeder.created, time.monotonic() - started)

    def report(self, logins, created, seconds):
        counts = {
            "kecamatan": Kecamatan.objects.count(),
            "desa": Village.objects.count(),
            "topik": Topic.objects.count(),
            "pengguna": User.objects.count(),
            "berita": Article.objects.count(),
            "foto": Photo.objects.count(),
        }
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(self.style.SUCCESS(
            f"Data demo siap dalam {seconds:.1f} detik: {summary} "
            f"({created['articles']} berita dan {created['photos']} foto baru)."
        ))
        self.stdout.write(
            f"\nLogin demo (kata sandi semua akun: {DEMO_PASSWORD}; hanya untuk demo, "
            "jangan dipakai di server sungguhan):\n"
        )
        shown = logins[:6]
        self.stdout.write(f"  {'pengguna':<24} {'peran':<13} {'desa':<22} kata sandi")
        for username, role, village in shown:
            self.stdout.write(f"  {username:<24} {role:<13} {village:<22} {DEMO_PASSWORD}")
        if len(logins) > len(shown):
            others = (len(logins) - len(shown)) // 2
            self.stdout.write(f"  … dan editor-<slug> / penerbit-<slug> untuk {others} desa lainnya")
        self.stdout.write(
            "\nPortal distrik: http://localhost:8000/\n"
            "Situs desa:     http://taan.localhost:8000/  (desa lain: http://<slug>.localhost:8000/)\n"
            "Masuk:          http://localhost:8000/masuk/  (ruang redaksi desa, meja distrik)"
        )
