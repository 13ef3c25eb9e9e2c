"""The desk's "Pembaca": how many residents each KIM's site reaches, per
village and kecamatan over a chosen period, where they came from, the most
read articles and the weekly chart, beside each KIM's quiet flag. The
figures are the daily rows of readership/, as of the last flush."""

import csv
from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from desk.activity import WeeklyChart, village_activity
from desk.forms import ReadershipPeriod
from desk.views import _cell, desk_context, district_view
from readership.models import SOURCES, DailyPageReads, DailyReads, Source

TITLE = "Pembaca"
ZERO = dict.fromkeys(("reads", "bots", *SOURCES), 0)


def villages_with_reads(first, last, now):
    """Every village with its reads of the period and its quiet flag, the
    most read first, inactive villages last."""
    villages = village_activity(settings.KIM_QUIET_DAYS, now)
    totals = DailyReads.objects.between(first, last).per_village()
    for village in villages:
        figures = totals.get(village.pk, ZERO)
        village.reads, village.bots = figures["reads"], figures["bots"]
        village.sources = {source: figures[source] for source in SOURCES}
    villages.sort(key=lambda v: (not v.is_active, -v.reads, v.name))
    return villages


def per_kecamatan(villages):
    """[{name, villages, reads, quiet}], the most read first."""
    rows = defaultdict(lambda: {"villages": 0, "reads": 0, "quiet": 0})
    for village in villages:
        row = rows[village.kecamatan.name]
        row["villages"] += 1
        row["reads"] += village.reads
        row["quiet"] += village.quiet
    return sorted(({"name": name, **row} for name, row in rows.items()), key=lambda r: (-r["reads"], r["name"]))


def source_split(totals):
    """[(label, count, percent of arrivals)] and the reads that moved within a site."""
    arrivals = sum(totals[source] for source in SOURCES)
    split = [(Source(source).label, totals[source], round(100 * totals[source] / arrivals) if arrivals else 0)
             for source in SOURCES]
    return split, totals["reads"] - arrivals


@district_view
def readership(request):
    period = ReadershipPeriod.from_query(request.GET)
    if not period.is_valid():
        context = desk_context(request, TITLE, period=period)
        return TemplateResponse(request, "desk/readership.html", context, status=400)
    first, last = period.period
    now = timezone.now()
    villages = villages_with_reads(first, last, now)
    totals = DailyReads.objects.between(first, last).totals()
    split, within = source_split(totals)
    context = desk_context(
        request, TITLE, period=period, first=first, last=last, villages=villages, totals=totals,
        kecamatan=per_kecamatan(villages), split=split, within=within, quiet_days=settings.KIM_QUIET_DAYS,
        top=DailyPageReads.objects.between(first, last).top_articles(10),
        chart=WeeklyChart(
            timezone.localdate(now), lambda monday: DailyReads.objects.between(monday, None).per_week(),
            unit="bacaan", verb="",
        ),
    )
    return TemplateResponse(request, "desk/readership.html", context)


@district_view
def readership_csv(request):
    period = ReadershipPeriod.from_query(request.GET)
    if not period.is_valid():
        message = " ".join(period.errors.get("__all__", [])) or "Tanggal harus berbentuk TTTT-BB-HH."
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    first, last = period.period
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pembaca-kim-{first:%Y-%m-%d}-{last:%Y-%m-%d}.csv"'
    # The byte-order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([
        "desa", "kim", "kecamatan", "subdomain", "aktif", "dari_tanggal", "sampai_tanggal", "dibaca",
        "dari_whatsapp", "dari_facebook", "dari_mesin_pencari", "dari_situs_lain", "langsung",
        "bot_diabaikan", f"sepi_{settings.KIM_QUIET_DAYS}_hari",
    ])
    for v in villages_with_reads(first, last, timezone.now()):
        writer.writerow([_cell(x) for x in (
            v.name, v.kim_name, v.kecamatan.name, v.slug, "ya" if v.is_active else "tidak",
            f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}", v.reads, *v.sources.values(), v.bots,
            "ya" if v.quiet else "tidak",
        )])
    return response
