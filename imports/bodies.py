"""An old site's post body, made into what our editor writes: WordPress's
[caption] becomes a figure, [embed] of a YouTube video an embed, other
page-builder shortcodes go, paragraphs written without <p> (the classic
editor's) get them, and every image is replaced by one of our photos or
dropped. articles.html cleans the result, as it does every body."""

import html
import re
from urllib.parse import urljoin

from django.utils.html import format_html

from articles.html import clean_body, youtube_id

IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
ATTRIBUTE = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
SRC, ALT = re.compile(ATTRIBUTE.format("src"), re.I), re.compile(ATTRIBUTE.format("alt"), re.I)
# A link around an image that only opens the full-size file on the old site.
IMAGE_LINK = re.compile(
    r"<a\b[^>]*\bhref\s*=\s*[\"'][^\"']+\.(?:jpe?g|png|gif|webp)(?:\?[^\"']*)?[\"'][^>]*>\s*(<img\b[^>]*>)\s*</a>", re.I
)
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.S | re.I)
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
# Shortcodes of WordPress and of the page builders village sites use
# (WPBakery vc_*, Divi et_pb_*, Avada fusion_*), dropped with their brackets;
# the text between them stays.
SHORTCODE = re.compile(
    r"\[/?(?:gallery|video|audio|playlist|contact-form(?:-7)?|wpforms|vc_\w+|et_pb_\w+|fusion_\w+)\b[^\]]*\]", re.I
)
# A figure whose image could not be had.
EMPTY_FIGURE = re.compile(r"<figure\b[^>]*>\s*(?:<figcaption>.*?</figcaption>\s*)?</figure>", re.S | re.I)
EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>|&nbsp;)*</p>\s*")
TRAILING_BREAK = re.compile(r"(?:\s*<br>)+\s*</p>")
# Block-level elements, as WordPress's wpautop knows them: text is never
# wrapped in <p> across them, and a list written straight after a line of
# text ("Yang dikerjakan:\n<ul>") is a list, not a paragraph holding one.
# Text is cut at the outer ones (a figure stays one piece with its caption).
OUTER_BLOCKS = (
    r"table|div|dl|ul|ol|pre|blockquote|address|p|h[1-6]|hr|section|article|aside|header|footer|nav"
    r"|figure|details|iframe|oembed"
)
INNER_BLOCKS = r"li|dt|dd|thead|tbody|tfoot|tr|td|th|caption|figcaption|summary"
BLOCK_OPENS = re.compile(rf"(<(?:{OUTER_BLOCKS})\b[^>]*>)", re.I)
BLOCK_CLOSES = re.compile(rf"(</(?:{OUTER_BLOCKS})\s*>)", re.I)
BLOCK = re.compile(rf"^\s*</?(?:{OUTER_BLOCKS}|{INNER_BLOCKS})\b", re.I)
# The block editor's figures for an image and for an embed (the address
# alone, in a wrapper); its comments go with the sanitiser's.
BLOCK_IMAGE = re.compile(r"<figure\b[^>]*\bclass\s*=\s*[\"'][^\"']*\bwp-block-image\b[^>]*>", re.I)
BLOCK_EMBED = re.compile(
    r"<figure\b[^>]*\bwp-block-embed\b[^>]*>\s*<div\b[^>]*\bwp-block-embed__wrapper\b[^>]*>\s*(\S+?)\s*</div>"
    r"(?:\s*<figcaption\b[^>]*>.*?</figcaption>)?\s*</figure>",
    re.S | re.I,
)


def attribute(tag, pattern):
    match = pattern.search(tag)
    return html.unescape(next((g for g in match.groups() if g is not None), "")) if match else ""


def _caption(match):
    inner = match.group(1).strip()
    found = re.match(r"((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", inner, re.S | re.I)
    if not found:
        return inner
    return f'<figure class="image">{found.group(1)}<figcaption>{found.group(2).strip()}</figcaption></figure>'


def _embed(match):
    url = html.unescape(match.group(1).strip())
    return format_html('<figure class="media"><oembed url="{}"></oembed></figure>', url) if youtube_id(url) else ""


def _block_embed(match):
    """An embed block: a YouTube video as our editor writes one, any other
    address (a post of Facebook, a map) as a link to it."""
    url = html.unescape(match.group(1))
    if youtube_id(url):
        return format_html('<figure class="media"><oembed url="{}"></oembed></figure>', url)
    return format_html('<p><a href="{}">{}</a></p>', url, url)


def _paragraph(block):
    """One blank-line-separated block: left as it is when it starts with a
    block element, else cut at the block elements it holds, and its text
    wrapped in <p>."""
    if BLOCK.match(block):
        return block
    pieces = re.split(r"\n\s*\n", BLOCK_CLOSES.sub(r"\1\n\n", BLOCK_OPENS.sub(r"\n\n\1", block)))
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if len(pieces) > 1:
        return "\n".join(_paragraph(piece) for piece in pieces)
    return "<p>" + block.replace("\n", "<br>\n") + "</p>"


def paragraphs(body):
    """WordPress's wpautop, in short: text written without <p> gets one per
    blank-line-separated block, and <br> for single line breaks; block
    elements are left as they are."""
    if "<!-- wp:" in body:  # the block editor writes its own paragraphs
        return body
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if block.strip()]
    return "\n".join(_paragraph(block) for block in blocks)


def convert(body, base_url, photo_for):
    """The body with shortcodes converted and each image replaced by
    `photo_for(absolute url, alt)`'s photo (an articles Photo), or removed
    when that answers None."""
    body = CAPTION.sub(_caption, body or "")
    body = EMBED.sub(_embed, body)
    body = BLOCK_EMBED.sub(_block_embed, body)
    body = BLOCK_IMAGE.sub('<figure class="image">', body)
    body = SHORTCODE.sub("", body)
    body = IMAGE_LINK.sub(r"\1", body)
    body = paragraphs(body)

    def image(match):
        tag = match.group(0)
        src = attribute(tag, SRC)
        if not src or src.startswith("data:"):
            return ""
        alt = attribute(tag, ALT)
        photo = photo_for(urljoin(base_url + "/", src), alt)
        if photo is None:
            return ""
        return format_html('<img src="{}" alt="{}">', photo.url(1200), alt or photo.alt)

    body = clean_body(IMG_TAG.sub(image, body))
    # What the old markup leaves once cleaned: empty figures and paragraphs,
    # a line break before a paragraph's end.
    body = TRAILING_BREAK.sub("</p>", EMPTY_FIGURE.sub("", body))
    return re.sub(r"\n\s*\n", "\n", EMPTY_PARAGRAPH.sub("", body)).strip()


def image_urls(body, base_url):
    """The absolute address of every image in a body, in order."""
    body = IMAGE_LINK.sub(r"\1", CAPTION.sub(_caption, body or ""))
    return [urljoin(base_url + "/", src) for src in (attribute(t, SRC) for t in IMG_TAG.findall(body)) if src and not src.startswith("data:")]
