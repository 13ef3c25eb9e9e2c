"""Server-side sanitising of article HTML.

Whatever the browser sent, only this allow-list is ever stored: the markup
CKEditor 5 produces for news (headings, emphasis, lists, links, quotes,
figures with captions, tables, YouTube embeds). Scripts, event handlers,
styles, forms, foreign iframes and javascript:/data: URLs are dropped by nh3
(ammonia, a well-kept Rust sanitiser).

YouTube embeds are stored as CKEditor writes them, `<oembed url="...">`, so
the editor can open them again, and turned into a privacy-friendly
youtube-nocookie iframe only when shown (`render_body`).
"""

import html as htmllib
import re

import nh3
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles import photos

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "blockquote", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span",
    "oembed", "iframe",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "oembed": {"url"},
    "iframe": {"src", "title", "allowfullscreen"},
}
ALLOWED_CLASSES = {"figure": {"image", "table", "media", "image-style-side"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

YOUTUBE_ID = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)"
    r"|youtube-nocookie\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{11})(?:[?&#].*)?$"
)


def youtube_id(url):
    match = YOUTUBE_ID.match(htmllib.unescape(url or "").strip())
    return match.group(1) if match else None


def _filter_attribute(tag, attribute, value):
    # Embeds survive only when they point at YouTube.
    if tag in ("oembed", "iframe") and attribute in ("url", "src"):
        return value if youtube_id(value) else None
    if tag == "img" and attribute == "src":
        # Body images are our own renditions: never data:, never hot-linked
        # from elsewhere (that would tell another site who reads village
        # news), never a path that leaves the media folder.
        return value if photos.folder_of(value) else None
    return value


EMPTY_EMBED = re.compile(r"<(oembed|iframe)(?![^>]*\b(?:url|src)=)[^>]*>\s*</\1>")


def clean_body(html):
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
    return EMPTY_EMBED.sub("", cleaned)


EMBED = re.compile(r'<(oembed|iframe) (?:url|src)="([^"]+)"[^>]*>\s*</\1>')


def render_body(stored, picture=None):
    """Article HTML as shown to readers: cleaned again (a row changed behind
    the model's back is still safe; nh3 takes microseconds), embeds turned
    into a lazy youtube-nocookie iframe, and an image its writer left
    without alternative text marked as such (alt=""), so a screen reader
    says its caption, or skips it, instead of reading out its address.

    `picture(src, alt)`, when given, may answer the markup to show instead
    of an <img> (a responsive <picture> of the photo that `src` is a
    rendition of: articles/templatetags/news.py), or None to keep the <img>.
    It is called with the cleaned tag's own values, unescaped."""

    def iframe(match):
        video = youtube_id(match.group(2))
        return format_html(
            '<span class="video"><iframe src="https://www.youtube-nocookie.com/embed/{}" '
            'title="Video YouTube" loading="lazy" allowfullscreen></iframe></span>',
            video,
        )

    def image(match):
        tag = match.group(0)
        if picture is not None:
            alt = ALT_VALUE.search(tag)
            shown = picture(_source(tag), htmllib.unescape(alt.group(1)) if alt else "")
            if shown is not None:
                return shown
        return tag if ALT_ATTRIBUTE.search(tag) else tag[:-1] + ' alt="">'

    return mark_safe(IMG_TAG.sub(image, EMBED.sub(iframe, clean_body(stored))))


IMG_TAG = re.compile(r"<img\b[^>]*>")
ALT_ATTRIBUTE = re.compile(r"\salt=")
IMG_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
ALT_VALUE = re.compile(r'\salt="([^"]*)"')


def _source(tag):
    match = IMG_SRC.search(tag)
    return htmllib.unescape(next((g for g in match.groups() if g is not None), "")) if match else ""


def image_sources(html):
    """The src of every <img> in `html`, as sent: "" for an image without one
    (what an editor sends while a photo is still uploading)."""
    return [_source(tag) for tag in IMG_TAG.findall(html or "")]


ALT_TEXT = re.compile(r'\balt="[^"]*\S[^"]*"')


def images_without_alt(html):
    return [tag for tag in IMG_TAG.findall(html or "") if not ALT_TEXT.search(tag)]


BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|figcaption|td|th|tr)>|<br\s*/?>")


def plain_text(html):
    """Readable text of article HTML, paragraphs on their own lines."""
    return htmllib.unescape(strip_tags(BLOCK_END.sub("\n", html or "")))


def plain_paragraphs(html, words=40):
    """The readable text of rich text as a list of paragraphs (list items
    count as paragraphs), cut after `words` words in all. Stripping the tags
    alone would run "...jaringan.</p><p>Warga..." together as "jaringan.Warga"."""
    paragraphs, left = [], words
    for line in plain_text(html).splitlines():
        line_words = line.split()
        if not line_words:
            continue
        if left <= 0:
            paragraphs[-1] += "…"
            break
        if len(line_words) > left:
            paragraphs.append(" ".join(line_words[:left]) + "…")
            break
        paragraphs.append(" ".join(line_words))
        left -= len(line_words)
    return paragraphs


def plain_excerpt(html, words=40):
    text = " ".join(plain_text(html).split())
    return Truncator(text).words(words, truncate="…")


def highlight(html, words, length=40):
    """A plain-text snippet of `html` around the first search word, escaped,
    with every search word wrapped in <mark>."""
    text = " ".join(plain_text(html).split())
    lowered = text.lower()
    positions = [p for p in (lowered.find(w.lower()) for w in words) if p >= 0]
    start = max(0, min(positions) - 80) if positions else 0
    if start:
        start = text.find(" ", start) + 1
    snippet = ("…" if start else "") + Truncator(text[start:]).words(length, truncate="…")
    if not words:
        return escape(snippet)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    pieces, last = [], 0
    for match in pattern.finditer(snippet):
        pieces += [escape(snippet[last : match.start()]), f"<mark>{escape(match.group(0))}</mark>"]
        last = match.end()
    pieces.append(escape(snippet[last:]))
    return mark_safe("".join(pieces))
