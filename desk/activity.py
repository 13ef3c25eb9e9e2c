"""What the district desk watches of each KIM: how much it publishes, who
writes, and whether it has gone quiet; and the weekly chart."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article
from villages.models import Membership, Village


def day_start(day, days=0):
    """Midnight, Sulawesi time, at the start of `day` plus `days`."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time()))


def with_activity(villages, now=None):
    """Each village with articles published in the last 30 and 90 days, the
    last one's time, its members and how many of them wrote in the last 90
    days.

    Subqueries, one index range scan per village each, rather than joins
    that would multiply a village's articles by its members."""
    now = now or timezone.now()
    published = Article.objects.published().filter(village=OuterRef("pk")).order_by()

    def count(queryset, field="id", distinct=False):
        return Coalesce(
            Subquery(
                queryset.values("village").annotate(n=Count(field, distinct=distinct)).values("n"),
                output_field=models.IntegerField(),
            ),
            0,
        )

    return villages.annotate(
        published_30=count(published.filter(published_at__gte=now - datetime.timedelta(days=30))),
        published_90=count(published.filter(published_at__gte=now - datetime.timedelta(days=90))),
        last_published=Subquery(published.order_by("-published_at").values("published_at")[:1]),
        members=count(Membership.objects.filter(village=OuterRef("pk"), user__is_active=True).order_by(), "user"),
        active_editors=count(
            Article.objects.filter(
                village=OuterRef("pk"), updated__gte=now - datetime.timedelta(days=90), author__isnull=False
            ).order_by(),
            "author",
            distinct=True,
        ),
    )


def is_new(village, now=None):
    """Added less than KIM_NEW_VILLAGE_GRACE_DAYS ago: still finding its feet."""
    now = now or timezone.now()
    return village.created > now - datetime.timedelta(days=settings.KIM_NEW_VILLAGE_GRACE_DAYS)


def is_quiet(village, days, now=None):
    """Nothing published for `days` days (needs with_activity()), and past
    the grace period a new village has."""
    now = now or timezone.now()
    return village.is_active and not is_new(village, now) and (
        village.last_published is None or village.last_published < now - datetime.timedelta(days=days)
    )


def village_activity(quiet_days, now):
    """Every village with its figures, quiet ones first (the longest quiet at
    the top), inactive villages last."""
    villages = list(with_activity(Village.objects.select_related("kecamatan"), now))
    for village in villages:
        village.quiet = is_quiet(village, quiet_days, now)
        village.new = is_new(village, now)
    oldest = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    villages.sort(key=lambda v: (not v.is_active, not v.quiet, v.last_published or oldest, v.name))
    return villages


class WeeklyChart:
    """Something counted per week over the last 52 weeks, as bars for an
    inline SVG (desk/chart.html): articles published (`of_articles`) or
    reads (desk/readership.py). `per_week(first monday)` answers
    {monday: count}; `unit` names what is counted."""

    WEEKS, WIDTH, HEIGHT, BAR = 52, 416, 120, 8

    def __init__(self, today, per_week, unit="berita", verb="terbit"):
        monday = today - datetime.timedelta(days=today.weekday())
        self.weeks = [monday - datetime.timedelta(weeks=n) for n in reversed(range(self.WEEKS))]
        counts = per_week(self.weeks[0])
        self.counts = [counts.get(week, 0) for week in self.weeks]
        self.total = sum(self.counts)
        self.peak = max(self.counts) or 1
        self.unit, self.verb = unit, verb
        # Room on the left for the peak's digits (about 8 units each).
        self.margin = max(28, 8 * len(str(self.peak)) + 6)

    @property
    def summary(self):
        return f"{self.total} {self.unit} {self.verb} dalam 52 minggu terakhir".replace("  ", " ")

    @classmethod
    def of_articles(cls, articles, today):
        return cls(today, lambda first: articles.published_between(day_start(first)).per_week())

    def bars(self):
        for n, (week, count) in enumerate(zip(self.weeks, self.counts)):
            height = round(count / self.peak * (self.HEIGHT - 20))
            yield {"x": n * self.BAR, "y": self.HEIGHT - height, "height": height, "week": week, "count": count}

    def month_ticks(self):
        """A label under the first week of every third month."""
        seen = set()
        for n, week in enumerate(self.weeks):
            if week.day <= 7 and week.month % 3 == 1 and (week.year, week.month) not in seen:
                seen.add((week.year, week.month))
                yield {"x": n * self.BAR, "date": week}
