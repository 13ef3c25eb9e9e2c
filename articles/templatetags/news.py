import json

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.html import highlight, plain_paragraphs, render_body
from articles.models import search_words

register = template.Library()
register.filter("render_body", render_body)
register.filter("plain_paragraphs", plain_paragraphs)


@register.filter
def highlighted(article, query):
    """A snippet of the article body around the words searched for, marked."""
    return highlight(article.body, search_words(query))


@register.filter
def highlight_title(title, query):
    return highlight(escape(title), search_words(query), length=60)

# Inside <script>, only these can end the element or start markup.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A dict as JSON-LD, safe inside <script> whatever its strings hold."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.inclusion_tag("includes/picture.html", takes_context=True)
def picture(context, photo, sizes="100vw", lazy=True, alt=None, width=800):
    """A photo as a responsive <picture>: WebP renditions with a JPEG
    fallback, explicit dimensions so nothing jumps while it loads. A reader
    who asks to save data (Save-Data: on) is offered the small renditions only."""
    request = context.get("request")
    save_data = request is not None and request.headers.get("Save-Data", "").lower() == "on"
    largest = photo.closest_width(400) if save_data else None
    shown = photo.closest_width(400 if save_data else width)
    return {
        "photo": photo,
        "sizes": sizes,
        "lazy": lazy,
        "alt": photo.alt if alt is None else alt,
        "webp_srcset": photo.srcset("webp", largest),
        "jpg_srcset": photo.srcset("jpg", largest),
        "src": photo.url(shown),
        "width": shown,
        "height": photo.height_at(shown),
    }
