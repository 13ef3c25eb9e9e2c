"""Reads per village, page and day: what the counters (counter.py) add up
to once flushed. Nothing here names a reader: no address, no user agent, no
cookie, no raw referrer; a row is a village, a day and numbers."""

import datetime

from django.db import models
from django.db.models import Sum
from django.db.models.functions import TruncWeek

from articles.models import Article
from villages.models import Village


class Source(models.TextChoices):
    """Where an arriving reader came from, reduced to one of five
    (sources.py). A move from one page of the site to another is a read
    with no source."""

    WHATSAPP = "whatsapp", "WhatsApp"
    FACEBOOK = "facebook", "Facebook"
    SEARCH = "search", "Mesin pencari"
    OTHER = "other", "Situs lain atau tautan disalin"
    DIRECT = "direct", "Langsung"


SOURCES = [source.value for source in Source]


class DailyReadsQuerySet(models.QuerySet):
    def between(self, first, last):
        """Days from `first` to `last`, both included (either may be None)."""
        rows = self
        if first is not None:
            rows = rows.filter(day__gte=first)
        if last is not None:
            rows = rows.filter(day__lte=last)
        return rows

    def totals(self):
        """{reads, bots, whatsapp, ...}: the rows added up (zeros when none)."""
        sums = self.order_by().aggregate(**{f: Sum(f) for f in ("reads", "bots", *SOURCES)})
        return {name: value or 0 for name, value in sums.items()}

    def per_village(self):
        """{village id: totals} for the rows."""
        rows = self.order_by().values("village").annotate(**{f: Sum(f) for f in ("reads", "bots", *SOURCES)})
        return {row.pop("village"): row for row in rows}

    def per_week(self):
        """{monday: reads}, for desk.activity.WeeklyChart."""
        rows = (
            self.annotate(week=TruncWeek("day", output_field=models.DateField()))
            .order_by()
            .values_list("week")
            .annotate(n=Sum("reads"))
        )
        return {_as_date(week): n for week, n in rows}


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


class DailyReads(models.Model):
    """One village's reads on one day. `reads` counts every read of a
    countable page (village home, article, topic, bulletin); the five source
    columns count the reads that arrived from outside the site, so their sum
    is at most `reads` (the rest are readers moving within the site).
    `bots` are requests the crawler list refused: never in `reads`."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="daily_reads")
    day = models.DateField("hari")
    reads = models.PositiveIntegerField("dibaca", default=0)
    whatsapp = models.PositiveIntegerField(default=0)
    facebook = models.PositiveIntegerField(default=0)
    search = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(default=0)
    direct = models.PositiveIntegerField(default=0)
    bots = models.PositiveIntegerField("bot diabaikan", default=0)

    objects = DailyReadsQuerySet.as_manager()

    class Meta:
        verbose_name = "bacaan harian desa"
        verbose_name_plural = "bacaan harian desa"
        constraints = [models.UniqueConstraint(fields=["village", "day"], name="daily_reads_one_row_a_day")]
        # The desk's period sums read every village's days in a range.
        indexes = [models.Index(fields=["day"], name="daily_reads_day")]

    def __str__(self):
        return f"{self.village} {self.day}: {self.reads}"


class PageReadsQuerySet(models.QuerySet):
    between = DailyReadsQuerySet.between

    def top_articles(self, limit=10):
        """The most read articles of the rows, most read first: [(article, reads)]."""
        rows = list(
            self.filter(article__isnull=False).order_by().values("article").annotate(n=Sum("reads")).order_by("-n", "article")[:limit]
        )
        articles = Article.objects.select_related("village").in_bulk([row["article"] for row in rows])
        return [(articles[row["article"]], row["n"]) for row in rows if row["article"] in articles]


class DailyPageReads(models.Model):
    """Reads of one page of a village's site on one day. `path` is the page
    as its site names it (/berita/<slug>/, /topik/<slug>/, /buletin/, /);
    an article page also points at its article, so a renamed slug keeps its
    history."""

    village = models.ForeignKey(Village, on_delete=models.CASCADE, related_name="daily_page_reads")
    day = models.DateField("hari")
    path = models.CharField("halaman", max_length=255)
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="daily_reads")
    reads = models.PositiveIntegerField("dibaca", default=0)

    objects = PageReadsQuerySet.as_manager()

    class Meta:
        verbose_name = "bacaan harian halaman"
        verbose_name_plural = "bacaan harian halaman"
        constraints = [
            models.UniqueConstraint(fields=["village", "day", "path"], name="daily_page_reads_one_row_a_day"),
        ]
        # The desk's top articles of a period, across villages.
        indexes = [models.Index(fields=["day", "article"], name="daily_page_reads_day_article")]

    def __str__(self):
        return f"{self.village} {self.day} {self.path}: {self.reads}"


class FlushedBatch(models.Model):
    """A batch of counters already added to the rows above, named by the
    key it was claimed under (counter.py). Written in the same transaction
    as the additions: a flush that dies after committing and before deleting
    its claimed counters finds the batch here next time and adds nothing twice."""

    name = models.CharField(max_length=200, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kumpulan hitungan tersimpan"
        verbose_name_plural = "kumpulan hitungan tersimpan"
