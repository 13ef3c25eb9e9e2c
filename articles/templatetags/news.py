import json

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import photos
from articles.html import highlight, image_sources, plain_paragraphs, render_body
from articles.models import Photo, search_words

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
    return _picture(context, photo, sizes, lazy, alt, width)


# A body photo is as wide as the story's text: the page less its margins and
# the story's padding (static/css/site.css), at most 46rem less those.
BODY_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 4rem)"
# On a phone, body photos come at 400 px whatever the screen's density: a
# phone at DPR 2 would take the 800 px ones, and Chromium fetches every lazy
# image within 1,250 px of the screen at once, so a story with four photos
# cost 320 KB before the reader scrolled (bench/README.md, "Photos in the
# text"). The lead photo, shown first and largest, stays sharp.
PHONE = "(max-width: 46rem)"
PHONE_WIDTH = 400


@register.simple_tag(takes_context=True)
def article_body(context, article):
    """The article's text as readers see it (articles.html.render_body), each
    photo of its village's library shown like the lead photo: a responsive
    <picture> of the renditions it already has (every photo is stored in
    WebP and JPEG at every width when uploaded, so there is nothing to make
    now), lazy, with its size. One query for all of the body's photos; the
    page cache keeps the result. An image whose photo is not found (another
    village's, or deleted) stays the <img> it was."""
    folders = {photos.folder_of(src) for src in image_sources(article.body)} - {None}
    found = {}
    if folders:
        library = Photo.objects.for_village(article.village).filter(folder__in=folders)
        found = {photo.folder: photo for photo in library.only("folder", "width", "height", "widths", "alt")}

    def shown(src, alt):
        photo = found.get(photos.folder_of(src))
        if photo is None:
            return None
        data = _picture(context, photo, BODY_SIZES, True, alt or photo.alt, 800)
        if len(photo.widths) > 1 and not data["save_data"]:
            data["phone_media"] = PHONE
            data["phone_webp_srcset"] = photo.srcset("webp", photo.closest_width(PHONE_WIDTH))
        return render_to_string("includes/picture.html", data).strip()

    return render_body(article.body, shown)


def _picture(context, photo, sizes, lazy, alt, width):
    """A photo as a responsive <picture>: WebP renditions with a JPEG
    fallback, explicit dimensions so nothing jumps while it loads. A reader
    who asks to save data (Save-Data: on) is offered the small renditions only."""
    request = context.get("request")
    save_data = request is not None and request.headers.get("Save-Data", "").lower() == "on"
    largest = photo.closest_width(400) if save_data else None
    shown = photo.closest_width(400 if save_data else width)
    return {
        "photo": photo,
        "save_data": save_data,
        "sizes": sizes,
        "lazy": lazy,
        "alt": photo.alt if alt is None else alt,
        "webp_srcset": photo.srcset("webp", largest),
        "jpg_srcset": photo.srcset("jpg", largest),
        "src": photo.url(shown),
        "width": shown,
        "height": photo.height_at(shown),
    }
