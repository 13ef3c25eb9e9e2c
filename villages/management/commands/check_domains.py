"""Check every village's own domain again (manage.py check_domains), daily
from deploy/kimportal-domains.timer: a domain whose DNS now points
elsewhere, or is gone, stops being the village's address (its links return
to the subdomain) instead of sending readers to a site that is not ours; a
domain that has come to point here is verified. DNS that does not answer
changes nothing. Every change is in the audit log."""

from django.core.management.base import BaseCommand

from villages.models import Village


class Command(BaseCommand):
    help = "Periksa lagi DNS domain sendiri setiap desa."

    def handle(self, *args, **options):
        for village in Village.objects.filter(domain__isnull=False).order_by("domain"):
            was = bool(village.domain_verified)
            result = village.check_domain(None, actor_name="server (manage.py check_domains)")
            now = bool(village.domain_verified)
            change = "" if was == now else (" → kini aktif" if now else " → tidak lagi dipakai; situs kembali ke subdomain")
            self.stdout.write(f"{village.slug}: {result.message}{change}")
