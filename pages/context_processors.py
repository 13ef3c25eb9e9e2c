from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.templatetags.static import static
from django.utils.functional import lazy

from articles.models import Topic
from villagepages.models import Page
from villages import hosts, identity


def _emblem_url():
    """KIM_DISTRICT_EMBLEM: a static file's path (our Content-Security-Policy
    loads images from our own origin only), or empty for none."""
    return static(settings.KIM_DISTRICT_EMBLEM) if settings.KIM_DISTRICT_EMBLEM else ""


def portal(request):
    """What every page needs to name and link the district portal."""
    try:
        district_url = hosts.build_url("", "/", request)
    except DisallowedHost:
        district_url = hosts.build_url("", "/")
    village = getattr(request, "village", None)
    return {
        "district_name": settings.KIM_DISTRICT_NAME,
        "district_office": settings.KIM_DISTRICT_OFFICE,
        # Lazy: only the pages that draw it (village footers, the district's
        # icon) ask (an unknown host's 400 page must not depend on the static
        # manifest).
        "district_emblem": lazy(_emblem_url, str)(),
        "district_colour": identity.DISTRICT_COLOUR,
        "district_url": district_url,
        "village": village,
        # Lazy: only pages that draw the topic menu pay for the query.
        "topics": Topic.objects.all(),
        # The village's own pages for its menu and footer, in the KIM's order
        # (lazy too, and read once: the footer reuses the menu's rows).
        "site_pages": Page.objects.on_site(village).in_menu_order().only("title", "slug") if village else [],
    }
