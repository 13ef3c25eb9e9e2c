"""Public pages that are not news, and the files a site serves from its
root: the KIM's about page, the village directory, robots.txt and the
offline service worker."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render

from articles.models import Article
from villages.models import Kecamatan, Village


def about(request):
    count = Article.objects.on_site(request.village).count()
    return render(request, "pages/about.html", {"published_count": count})


def directory(request):
    kecamatan = Kecamatan.objects.filter(villages__is_active=True).distinct().prefetch_related(
        Prefetch("villages", queryset=Village.objects.active(), to_attr="active_villages")
    )
    return render(request, "pages/directory.html", {"kecamatan_list": kecamatan})


def robots_txt(request):
    lines = ["User-agent: *"]
    if request.village is None:
        lines += ["Disallow: /admin/"]
    lines += ["Allow: /", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def service_worker(request):
    """The offline service worker, served from the site root so it may look
    after every page of the village site."""
    response = render(
        request, "pages/sw.js", {"version": settings.KIM_ASSETS_VERSION},
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response
