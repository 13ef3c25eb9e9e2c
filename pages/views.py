"""Public pages that are not news, and the files a site serves from its
root: the KIM's about page, the village directory, robots.txt, the
offline service worker and its page, and the web app manifest."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from articles.models import Article
from villages import identity
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


def offline(request):
    """What the service worker shows, with no connection, for a page it has
    not kept (it keeps this one when installed)."""
    return render(request, "pages/offline.html")


def manifest(request):
    """The site as an app on a phone's home screen. A village's: its own
    name, colour and icons (made from its logo), and nothing of any other
    village. The district portal's: the portal's name and colour and the
    icons made from the district's emblem."""
    village = request.village
    if village is None:
        name, short_name = f"Portal KIM {settings.KIM_DISTRICT_NAME}", "Portal KIM"
        description = f"Berita desa dari Komunitas Informasi Masyarakat se-{settings.KIM_DISTRICT_NAME}."
        colour = identity.DISTRICT_COLOUR
        icons = {str(size): static(f"img/district-icon-{size}.png") for size in identity.ICON_SIZES}
    else:
        name, short_name = f"{village.kim_name} – {village.name}", village.short_name
        description = village.tagline or f"Berita {village.name} dari {village.kim_name}."
        colour, icons = village.accent_colour, village.icon_urls
    data = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "id",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f3f6f5",
        "theme_color": colour,
        "icons": [
            {"src": icons[str(size)], "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for size in (192, 512)
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json",
                        json_dumps_params={"ensure_ascii": False})
