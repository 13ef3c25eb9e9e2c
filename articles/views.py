import datetime
import io

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse, set_urlconf
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from articles import identity
from articles.models import Announcement, Article, Topic
from articles.paging import NewsPage
from villages.models import User


def _page(request, queryset):
    return NewsPage(queryset, request.GET.get("page"), settings.ARTICLES_PER_PAGE)


def _counted_page(request, queryset):
    """Search results say how many were found; a bad ?page= falls back to
    page 1 or the last page."""
    return Paginator(queryset, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


# Every query goes through request.village, set by villages.middleware from
# the Host header: a village's site, or the district portal when it is None.


def _site_articles(request):
    return Article.objects.on_site(request.village).newest_first()


def _announcements(request):
    """District announcements in their window, aimed at this site."""
    current = Announcement.objects.current()
    if request.village is not None:
        current = current.for_village(request.village)
    return current.pinned_first()


def _home(request, template, articles):
    page = _page(request, articles)
    # Pinned above the news, on the first page only.
    announcements = _announcements(request)[:5] if page.number == 1 else []
    return render(request, template, {"page": page, "announcements": announcements})


@vary_on_headers("Save-Data")
def village_home(request):
    return _home(request, "articles/village_home.html", _site_articles(request).as_cards())


def announcement_detail(request, pk):
    announcement = get_object_or_404(_announcements(request), pk=pk)
    base = "village_base.html" if request.village else "district_base.html"
    return render(request, "articles/announcement.html", {"announcement": announcement, "base_template": base})


@vary_on_headers("Save-Data")
def village_topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, _site_articles(request).for_topic(topic).as_cards())
    return render(request, "articles/village_topic.html", {"page": page, "topic": topic})


@vary_on_headers("Save-Data")
def article_detail(request, slug):
    article = get_object_or_404(_site_articles(request).select_related("village", "topic", "author", "photo"), slug=slug)
    url = article.url(request)
    # WhatsApp and Facebook fetch one JPEG; 1200 px wide is what they show best.
    # Without a lead photo, the card drawn from the village's look (articles/identity.py).
    photo = article.photo
    if photo:
        image_width = photo.closest_width(1200)
        image_url = request.build_absolute_uri(photo.url(image_width))
        image_size = (image_width, photo.height_at(image_width))
    else:
        image_url = request.build_absolute_uri(
            reverse("articles:share_card", args=[article.slug, identity.card_version(article)])
        )
        image_size = identity.CARD_SIZE
    context = {
        "article": article,
        "around": _site_articles(request).around(article),
        "canonical_url": url,
        "share_image": image_url,
        "share_image_size": image_size,
        "structured_data": article.structured_data(url, image_url),
        # The share buttons mark their links (?s=wa, ?s=salin) so the readership
        # count knows where readers came from; the page cache and the
        # canonical URL ignore the marker (pagecache TRACKING_PARAMETER).
        "whatsapp_text": f"{article.title}\n{url}?s=wa",
        "copied_url": f"{url}?s=salin",
    }
    return render(request, "articles/article_detail.html", context)


@require_safe
def share_card(request, slug, version):
    """The picture WhatsApp shows for an article without a lead photo: made
    on the first request, then read from the media. Its URL names the
    version (a digest of what it shows), so it is cached for a year; an
    older version's URL leads to the current card."""
    article = get_object_or_404(_site_articles(request).select_related("village"), slug=slug)
    current = identity.card_version(article)
    if version != current:
        return redirect("articles:share_card", article.slug, current)
    # Streamed, so never kept by the page cache (it keeps pages): the file is in the media.
    response = FileResponse(io.BytesIO(identity.share_card(article)), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@vary_on_headers("Save-Data")
def author_articles(request, pk):
    """What one person wrote on this village's site, newest first. Found by
    account number, not login name (half of what signs in); a person with
    nothing public here is not found, so the page tells no one which
    accounts exist or where else they write."""
    author = get_object_or_404(User.objects.only("id", "first_name", "last_name", "username"), pk=pk)
    page = _page(request, _site_articles(request).written_by(author).as_cards())
    if not page.object_list:
        raise Http404("Penulis ini tidak ada.")
    return render(request, "articles/author.html", {"page": page, "author": author})


@vary_on_headers("Save-Data")
def archive(request, year=None, month=None):
    articles = Article.objects.on_site(request.village).as_cards()
    if year is None:
        return render(request, "articles/archive.html", {"months": articles.order_by().months()})
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise Http404("Bulan tidak dikenal.")
    page = _page(request, articles.in_month(year, month).newest_first())
    return render(request, "articles/archive.html", {"page": page, "month": datetime.date(year, month, 1)})


def bulletin(request, year=None, week=None):
    """The week's news on A4, for the notice board at the balai desa."""
    if year is None:
        year, week, _ = timezone.localdate().isocalendar()
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise Http404("Minggu tidak dikenal.")
    # Like the archive: no news before 2000 or after 2100, and no date
    # arithmetic at the edges of the calendar (year 1 or 9999 would overflow).
    if not 2000 <= year <= 2100:
        raise Http404("Minggu tidak dikenal.")
    articles = (
        Article.objects.on_site(request.village).in_week(monday)
        .select_related("topic", "photo", "author").order_by("published_at", "id")
    )
    sunday = monday + datetime.timedelta(days=6)
    context = {
        "articles": articles,
        "monday": monday,
        "sunday": sunday,
        # "23–29 November 2026", "30 November–6 Desember 2026", "28 Desember 2026–3 Januari 2027".
        "monday_format": "j" if monday.month == sunday.month else "j F" if monday.year == sunday.year else "j F Y",
        "week": week,
        "previous": (monday - datetime.timedelta(days=7)).isocalendar(),
        "next": (monday + datetime.timedelta(days=7)).isocalendar(),
    }
    return render(request, "articles/bulletin.html", context)


def search(request):
    query = request.GET.get("q", "")[:200]
    articles = Article.objects.on_site(request.village).select_related("village", "topic", "photo").search(query)
    return render(request, "articles/search.html", {"page": _counted_page(request, articles), "query": query})


# The district portal's own templates: it names each story's village.


@vary_on_headers("Save-Data")
def district_home(request):
    return _home(request, "articles/district_home.html", _site_articles(request).as_cards())


@vary_on_headers("Save-Data")
def district_topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, _site_articles(request).as_cards().for_topic(topic))
    return render(request, "articles/district_topic.html", {"page": page, "topic": topic})


def render_as_readers_see(request, article, template="articles/article_detail.html", context=None):
    """An article rendered with its village site's own template and URLs,
    exactly as readers will see it, for the newsroom (previews, review) on
    the base domain. Never cached, never indexed."""
    request.village = article.village
    set_urlconf("kimportal.urls_village")
    try:
        response = TemplateResponse(request, template, {"article": article, "preview": True, **(context or {})})
        response.render()
    finally:
        set_urlconf(None)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
