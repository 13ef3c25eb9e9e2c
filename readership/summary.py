"""One village's readers over the last days, for its newsroom home."""

import datetime

from readership.models import SOURCES, DailyPageReads, DailyReads, Source


def recent_readers(village, today, days=7, top=5):
    """Reads of the last `days` days (today included) and of the `days`
    before, the most read articles, and where arriving readers came from."""
    first = today - datetime.timedelta(days=days - 1)
    rows = DailyReads.objects.filter(village=village)
    totals = rows.between(first, today).totals()
    before = rows.between(first - datetime.timedelta(days=days), first - datetime.timedelta(days=1)).totals()
    return {
        "days": days,
        "reads": totals["reads"],
        "before": before["reads"],
        "bots": totals["bots"],
        "sources": [(Source(source).label, totals[source]) for source in SOURCES],
        "top": DailyPageReads.objects.filter(village=village).between(first, today).top_articles(top),
    }
