from django import template
from django.conf import settings
from django.utils.html import format_html

from readership.counter import page_token
from villages.hosts import VILLAGE

register = template.Library()

# The pages whose reads are counted: a village's home, its articles and
# topics, and the weekly bulletin.
COUNTED_VIEWS = frozenset({
    "articles:village_home", "articles:detail", "articles:village_topic", "articles:bulletin", "articles:bulletin_week",
})


@register.simple_tag(takes_context=True)
def readership_beacon(context):
    """What the counting part of static/js/offline.js reads: the page's path
    and the token that lets the beacon count this page and no other. Only
    on a counted page of a village's own site (not on its newsroom
    preview, not on error pages); without it the script counts nothing."""
    request = context.get("request")
    site = getattr(request, "site", None)
    match = getattr(request, "resolver_match", None)
    if not settings.KIM_COUNT_READS or site is None or site.kind != VILLAGE:
        return ""
    if match is None or match.view_name not in COUNTED_VIEWS:
        return ""
    return format_html('<meta name="kim-baca" content="{}" data-tanda="{}">', request.path, page_token(site.slug, request.path))
