"""The district desk: every village's articles in one stream, moderation,
and the activity of each KIM. District staff only (villages.desk.district_view)."""

import csv
import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from articles.models import Article, Topic
from villages.desk import desk_context, district_view
from villages.models import Kecamatan, Village

FEED_PER_PAGE = 50
STATUS_CHOICES = [("", "Semua status"), *Article.Status.choices, ("taken_down", "Diturunkan distrik")]


class FeedFilter(forms.Form):
    q = forms.CharField(label="Cari", required=False, max_length=100)
    kecamatan = forms.ModelChoiceField(Kecamatan.objects.all(), label="Kecamatan", required=False, empty_label="Semua kecamatan")
    village = forms.ModelChoiceField(Village.objects.all(), label="Desa", required=False, empty_label="Semua desa")
    topic = forms.ModelChoiceField(Topic.objects.all(), label="Topik", required=False, empty_label="Semua topik")
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    start = forms.DateField(label="Terbit sejak", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="Terbit sampai", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise ValidationError("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
        return cleaned

    def articles(self):
        """The filtered stream, newest first. A date range counts publication
        time, so it leaves drafts out."""
        data = self.cleaned_data
        articles = Article.objects.alive()
        if data["kecamatan"]:
            articles = articles.filter(village__kecamatan=data["kecamatan"])
        if data["village"]:
            articles = articles.for_village(data["village"])
        if data["topic"]:
            articles = articles.for_topic(data["topic"])
        if data["status"]:
            articles = articles.with_status(data["status"])
        articles = articles.published_between(_day_start(data["start"]), _day_start(data["end"], days=1))
        if data["q"]:
            articles = articles.search(data["q"])
        return articles.select_related("village__kecamatan", "author", "topic").latest_first()


def _day_start(day, days=0):
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=days), datetime.time()))


@district_view
def feed(request):
    form = FeedFilter(request.GET)
    if not form.is_valid():
        context = desk_context(request, "Umpan berita semua desa", form=form, page=None)
        return TemplateResponse(request, "desk/feed.html", context, status=400)
    page = Paginator(form.articles(), FEED_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "desk/feed.html", desk_context(request, "Umpan berita semua desa", form=form, page=page))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Alasan", min_length=10, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ditampilkan kepada editor desa dan disimpan di log audit.",
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


@district_view
def moderate(request, pk, action):
    """Take an article down from every public page, or put it back; both need a reason."""
    article = get_object_or_404(Article.objects.alive().select_related("village"), pk=pk)
    taking_down = action == "take_down"
    form = ReasonForm(request.POST or None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if taking_down and article.taken_down_at is None:
            article.take_down(request.user, reason)
            messages.success(request, f"“{article.title}” diturunkan dari situs publik.")
        elif not taking_down and article.taken_down_at is not None:
            article.restore_after_takedown(request.user, reason)
            messages.success(request, f"“{article.title}” dipulihkan.")
        else:
            messages.info(request, "Tidak ada yang berubah: berita sudah dalam keadaan itu.")
        return redirect(_safe_next(request, form.cleaned_data["next"]))
    title = "Turunkan berita" if taking_down else "Pulihkan berita"
    context = desk_context(request, title, article=article, form=form, taking_down=taking_down)
    return TemplateResponse(request, "desk/moderate.html", context, status=400 if request.method == "POST" else 200)


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return "desk:feed"


class ActivityOptions(forms.Form):
    sepi = forms.IntegerField(
        label="Sepi bila tidak terbit selama (hari)", min_value=1, max_value=365, required=False,
    )

    @property
    def quiet_days(self):
        return (self.cleaned_data.get("sepi") if self.is_valid() else None) or settings.KIM_QUIET_DAYS


def village_activity(quiet_days, now):
    """Every village with its figures, quiet ones first (the longest quiet at
    the top), inactive villages last."""
    villages = list(Village.objects.with_activity(now).select_related("kecamatan"))
    for village in villages:
        village.quiet = village.is_quiet(quiet_days, now)
    oldest = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    villages.sort(key=lambda v: (not v.is_active, not v.quiet, v.last_published or oldest, v.name))
    return villages


class WeeklyChart:
    """Articles per week over the last 52 weeks, as bars for an inline SVG."""

    WEEKS, WIDTH, HEIGHT, BAR = 52, 416, 120, 8

    def __init__(self, articles, today):
        monday = today - datetime.timedelta(days=today.weekday())
        self.weeks = [monday - datetime.timedelta(weeks=n) for n in reversed(range(self.WEEKS))]
        counts = articles.published_between(_day_start(self.weeks[0])).per_week()
        self.counts = [counts.get(week, 0) for week in self.weeks]
        self.total = sum(self.counts)
        self.peak = max(self.counts) or 1

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


@district_view
def activity(request):
    options = ActivityOptions(request.GET)
    if request.GET and not options.is_valid():
        context = desk_context(request, "Aktivitas KIM", options=options, quiet_days=settings.KIM_QUIET_DAYS)
        return TemplateResponse(request, "desk/activity.html", context, status=400)
    now = timezone.now()
    villages = village_activity(options.quiet_days, now)
    context = desk_context(
        request,
        "Aktivitas KIM",
        options=options,
        villages=villages,
        quiet_days=options.quiet_days,
        quiet_count=sum(v.quiet for v in villages),
        chart=WeeklyChart(Article.objects.published().in_active_villages(), timezone.localdate(now)),
    )
    return TemplateResponse(request, "desk/activity.html", context)


@district_view
def activity_village(request, slug):
    village = get_object_or_404(Village.objects.with_activity().select_related("kecamatan"), slug=slug)
    village.quiet = village.is_quiet(settings.KIM_QUIET_DAYS)
    recent = Article.objects.alive().for_village(village).select_related("author").latest_first()[:10]
    context = desk_context(
        request,
        f"Aktivitas {village.kim_name}",
        village=village,
        recent=recent,
        chart=WeeklyChart(Article.objects.published().for_village(village), timezone.localdate()),
    )
    return TemplateResponse(request, "desk/activity_village.html", context)


def _cell(value):
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@district_view
def activity_csv(request):
    options = ActivityOptions(request.GET)
    if request.GET and not options.is_valid():
        return HttpResponse("Jumlah hari sepi harus angka 1 sampai 365.", status=400, content_type="text/plain; charset=utf-8")
    now = timezone.now()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aktivitas-kim-{timezone.localdate(now):%Y-%m-%d}.csv"'
    # The byte-order mark tells Excel the file is UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([
        "desa", "kim", "kecamatan", "subdomain", "aktif", "terbit_30_hari", "terbit_90_hari",
        "terakhir_terbit", "anggota", "editor_aktif_90_hari", f"sepi_{options.quiet_days}_hari",
    ])
    for v in village_activity(options.quiet_days, now):
        last = timezone.localtime(v.last_published).strftime("%Y-%m-%d %H:%M") if v.last_published else ""
        writer.writerow([_cell(x) for x in (
            v.name, v.kim_name, v.kecamatan.name, v.slug, "ya" if v.is_active else "tidak",
            v.published_30, v.published_90, last, v.members, v.active_editors, "ya" if v.quiet else "tidak",
        )])
    return response
