"""Server-side sanitising of article HTML.

Whatever the browser sent, only this allow-list is ever stored: the markup a
rich-text editor produces for news (headings, emphasis, lists, links,
quotes, figures with captions, tables). Scripts, event handlers, styles,
forms, iframes and javascript:/data: URLs are dropped by nh3 (ammonia).
"""

import html as htmllib

import nh3
from django.utils.html import strip_tags
from django.utils.text import Truncator

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "blockquote", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_body(html):
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_excerpt(html, words=40):
    text = " ".join(htmllib.unescape(strip_tags(html or "")).split())
    return Truncator(text).words(words, truncate="…")
