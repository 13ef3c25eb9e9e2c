"""Reading what another site gives us: a WordPress export (WXR, Tools →
Export → "All content") or an RSS 2.0 or Atom feed (Blogspot and most
others publish one), into plain records for the importer (importer.py).

XML from outside is parsed by defusedxml with DTDs forbidden: no entity can
be declared, so no billion laughs and no external entity (a file of the
server, or an address it would fetch). Neither a WordPress export nor a
feed has a DTD. Feeds are read here too, not with feedparser: one hardened
parser for both paths; feedparser falls back to a lenient parser of its own
for broken XML, sanitises HTML its own way (every body goes through
articles.html anyway) and fetches URLs itself, past our guard (fetch.py).
An import needs a dozen fields of RSS and Atom.
"""

import datetime
import email.utils
import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree.ElementTree import ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify

from imports.models import normalize_path

HOSTILE = (
    "Berkas ini ditolak: berisi deklarasi DTD atau entitas XML. Ekspor WordPress dan umpan berita "
    "tidak pernah memuatnya, dan bagian itu bisa dipakai untuk menyerang server."
)
BROKEN = (
    "Berkas ini bukan XML yang utuh (mungkin terpotong saat diunduh). Unduh ulang ekspornya, lalu coba lagi."
)
NOT_A_SITE = (
    "Berkas ini bukan ekspor WordPress (WXR) dan bukan umpan RSS atau Atom. Di WordPress, buka "
    "Alat → Ekspor, pilih “Semua konten”, lalu unggah berkas .xml yang diunduh."
)
NOT_WXR = (
    "Berkas ini bukan ekspor WordPress (WXR). Di WordPress, buka Alat → Ekspor, pilih “Semua konten”, "
    "lalu pakai berkas .xml yang diunduh. Untuk umpan RSS atau Atom, pakai import_feed."
)
NO_POSTS = "Berkas ini tidak memuat satu pun tulisan (post) yang bisa diimpor."

# WordPress statuses, as ours: private and pending become drafts; what is
# in WordPress's trash, or an unsaved auto-draft, is left out.
STATUSES = {"publish": "published", "future": "scheduled", "draft": "draft", "pending": "draft", "private": "draft"}
# A KIM Portal export (exports/wxr.py) also keeps each article's status
# here as `_kim_status` post meta (WordPress has no review or withdrawn):
# read back as it was.
OUR_STATUSES = {"draft", "review", "scheduled", "published", "withdrawn"}

NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://www.w3.org/2005/Atom": "atom",
    "http://search.yahoo.com/mrss/": "media",
}


def _name(tag):
    """"{http://wordpress.org/export/1.2/}post_id" → "wp:post_id", whatever
    the export's version (1.0 to 1.2)."""
    if not isinstance(tag, str) or not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if uri.rstrip("/").endswith("excerpt") else "wp:") + local
    return f"{NAMESPACES.get(uri, uri)}:{local}"


def _all(element, name):
    return [child for child in element if _name(child.tag) == name]


def _one(element, name):
    found = _all(element, name)
    return found[0] if found else None


def _text(element, name):
    child = _one(element, name)
    return (child.text or "").strip() if child is not None else ""


@dataclass
class Image:
    url: str
    alt: str = ""
    caption: str = ""


@dataclass
class Term:
    kind: str  # "category", "post_tag" or "feed"
    slug: str
    name: str
    count: int = 0

    @property
    def key(self):
        return f"{self.kind}:{self.slug}"

    @property
    def label(self):
        return {"category": "Kategori", "post_tag": "Tag"}.get(self.kind, "Kategori")


@dataclass
class Post:
    remote_id: str
    title: str
    body: str
    excerpt: str = ""
    slug: str = ""
    status: str = "published"
    published_at: datetime.datetime | None = None
    terms: list = field(default_factory=list)  # term keys, categories first
    author: str = ""  # the old site's login or name
    featured: Image | None = None
    old_paths: list = field(default_factory=list)


@dataclass
class Export:
    kind: str  # "wordpress" or "feed"
    site_url: str
    title: str
    posts: list = field(default_factory=list)
    terms: dict = field(default_factory=dict)  # key → Term
    authors: dict = field(default_factory=dict)  # login → display name
    skipped: Counter = field(default_factory=Counter)  # reason → how many
    attachments: dict = field(default_factory=dict)  # image address → Image (WordPress's media library)

    def statuses(self):
        return Counter(post.status for post in self.posts)

    def used_terms(self):
        return [term for term in self.terms.values() if term.count]

    def used_authors(self):
        logins = Counter(post.author for post in self.posts if post.author)
        return [(login, self.authors.get(login) or login, n) for login, n in logins.items()]


def parse(data, not_ours=NOT_A_SITE, code="not_a_site"):
    """The XML root, or a ValidationError in Indonesian. A web page (its
    <!DOCTYPE html> would be refused as a DTD) is named for what it is."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise ValidationError(not_ours, code=code)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ValidationError(HOSTILE, code="hostile")
    except (ParseError, ValueError):
        raise ValidationError(BROKEN, code="broken")


def read(data):
    """An Export from the bytes of a WordPress export, an RSS 2.0 feed or an Atom feed."""
    root = parse(data)
    if root.tag == "rss" and root.find("channel") is not None:
        channel = root.find("channel")
        export = _wordpress(channel) if _one(channel, "wp:wxr_version") is not None else _rss(channel)
    elif _name(root.tag) == "atom:feed":
        export = _atom(root)
    else:
        raise ValidationError(NOT_A_SITE, code="not_a_site")
    if not export.posts:
        raise ValidationError(NO_POSTS, code="empty")
    return export


def read_wordpress(data):
    root = parse(data, NOT_WXR, "not_wxr")
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None or _one(channel, "wp:wxr_version") is None:
        raise ValidationError(NOT_WXR, code="not_wxr")
    return read(data)


def site_url(url):
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _title(text):
    return " ".join(html.unescape(strip_tags(text or "")).split())[:200]


def _plain(text, limit=500):
    return " ".join(html.unescape(strip_tags(text or "")).split())[:limit]


def _wp_date(value):
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return None
    return moment


def _rfc822(value):
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.timezone.utc)


def _iso(value):
    try:
        moment = datetime.datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _old_path(link):
    return normalize_path(link) if link else None


def _add_term(export, kind, slug, name):
    slug = slugify(unquote(slug or "")) or slugify(name or "")
    if not slug:
        return None
    term = export.terms.setdefault(f"{kind}:{slug}", Term(kind, slug, _title(name) or slug))
    return term


# WordPress


def _wordpress(channel):
    base = site_url(_text(channel, "wp:base_blog_url") or _text(channel, "wp:base_site_url") or _text(channel, "link"))
    export = Export("wordpress", base, _title(_text(channel, "title")))
    for author in _all(channel, "wp:author"):
        login = _text(author, "wp:author_login")
        export.authors[login] = _title(_text(author, "wp:author_display_name")) or login
    for category in _all(channel, "wp:category"):
        _add_term(export, "category", _text(category, "wp:category_nicename"), _text(category, "wp:cat_name"))
    for tag in _all(channel, "wp:tag"):
        _add_term(export, "post_tag", _text(tag, "wp:tag_slug"), _text(tag, "wp:tag_name"))

    attachments, thumbnails = {}, {}
    for item in channel.iter("item"):
        kind = _text(item, "wp:post_type")
        meta = {_text(m, "wp:meta_key"): _text(m, "wp:meta_value") for m in _all(item, "wp:postmeta")}
        if kind == "attachment":
            url = _text(item, "wp:attachment_url")
            if url:
                attachments[_text(item, "wp:post_id")] = Image(
                    url, alt=_plain(meta.get("_wp_attachment_image_alt"), 200), caption=_plain(_text(item, "excerpt:encoded"), 300)
                )
            continue
        if kind != "post":
            export.skipped[f"jenis “{kind or 'tanpa jenis'}” (hanya tulisan yang diimpor)"] += 1
            continue
        wp_status = _text(item, "wp:status")
        ours = meta.get("_kim_status") if meta.get("_kim_status") in OUR_STATUSES else None
        status = ours or STATUSES.get(wp_status)
        if status is None:
            export.skipped[f"berstatus “{wp_status}” di WordPress"] += 1
            continue
        post_id = _text(item, "wp:post_id")
        post = Post(
            remote_id=post_id,
            title=_title(_text(item, "title")) or "(tanpa judul)",
            body=_text(item, "content:encoded"),
            excerpt=_plain(_text(item, "excerpt:encoded")),
            slug=unquote(_text(item, "wp:post_name")),
            status=status,
            author=_text(item, "dc:creator"),
        )
        if ours:
            # Our own export (exports/) says when, for a draft too; a date of
            # zeros is none, as WordPress writes it for an unpublished post.
            gmt = _wp_date(_text(item, "wp:post_date_gmt"))
            post.published_at = timezone.make_aware(gmt, datetime.timezone.utc) if gmt else None
        elif status != "draft":
            gmt = _wp_date(_text(item, "wp:post_date_gmt"))
            local = _wp_date(_text(item, "wp:post_date"))
            post.published_at = (
                timezone.make_aware(gmt, datetime.timezone.utc) if gmt
                else timezone.make_aware(local) if local
                else _rfc822(_text(item, "pubDate"))
            )
        categories = [c for c in _all(item, "category") if c.get("domain") == "category"]
        tags = [c for c in _all(item, "category") if c.get("domain") == "post_tag"]
        for kind_name, elements in (("category", categories), ("post_tag", tags)):
            for element in elements:
                term = _add_term(export, kind_name, element.get("nicename"), element.text)
                if term and term.key not in post.terms:
                    term.count += 1
                    post.terms.append(term.key)
        for link in (_text(item, "link"), _text(item, "guid"), f"/?p={post_id}" if post_id.isdigit() else ""):
            path = _old_path(link)
            if path and path not in post.old_paths:
                post.old_paths.append(path)
        if meta.get("_thumbnail_id"):
            thumbnails[post_id] = meta["_thumbnail_id"]
        export.posts.append(post)
    for post in export.posts:
        post.featured = attachments.get(thumbnails.get(post.remote_id))
    export.attachments = {image.url: image for image in attachments.values()}
    return export


# Feeds


def _feed_image(item):
    for enclosure in _all(item, "enclosure"):
        if (enclosure.get("type") or "").startswith("image/") and enclosure.get("url"):
            return Image(enclosure.get("url"))
    for name in ("media:content", "media:thumbnail"):
        for media in _all(item, name):
            if media.get("url") and (media.get("medium", "image") == "image"):
                return Image(media.get("url"))
    return None


def _rss(channel):
    export = Export("feed", site_url(_text(channel, "link")), _title(_text(channel, "title")))
    for item in channel.iter("item"):
        link = _text(item, "link")
        post = Post(
            remote_id=_text(item, "guid") or link,
            title=_title(_text(item, "title")) or "(tanpa judul)",
            body=_text(item, "content:encoded") or _text(item, "description"),
            excerpt=_plain(_text(item, "description")) if _text(item, "content:encoded") else "",
            published_at=_rfc822(_text(item, "pubDate")),
            author=_title(_text(item, "dc:creator") or _text(item, "author"))[:120],
            featured=_feed_image(item),
        )
        _feed_extras(export, post, link, [c.text for c in _all(item, "category")])
    return export


def _atom_text(element):
    if element is None:
        return ""
    kind = element.get("type", "text")
    if kind == "xhtml":
        inner = element[0] if len(element) else element
        for child in inner.iter():
            if isinstance(child.tag, str) and child.tag.startswith("{"):
                child.tag = child.tag.split("}", 1)[1]  # <html:p xmlns:html=…> would be no <p> to us
        return (inner.text or "") + "".join(tostring(child, encoding="unicode") for child in inner)
    if kind == "html":
        return element.text or ""
    return "".join(f"<p>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", element.text or "") if p.strip())


def _atom_link(element):
    links = _all(element, "atom:link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and (link.get("type") or "text/html") == "text/html":
            return link.get("href", "")
    return ""


def _atom(feed):
    export = Export("feed", site_url(_atom_link(feed)), _title(_atom_text(_one(feed, "atom:title"))))
    for entry in _all(feed, "atom:entry"):
        link = _atom_link(entry)
        content, summary = _one(entry, "atom:content"), _one(entry, "atom:summary")
        author = _one(entry, "atom:author")
        post = Post(
            remote_id=_text(entry, "atom:id") or link,
            title=_title(_atom_text(_one(entry, "atom:title"))) or "(tanpa judul)",
            body=_atom_text(content) or _atom_text(summary),
            excerpt=_plain(_atom_text(summary)) if content is not None else "",
            published_at=_iso(_text(entry, "atom:published") or _text(entry, "atom:updated")),
            author=_title(_text(author, "atom:name"))[:120] if author is not None else "",
            featured=_feed_image(entry),
        )
        terms = [c.get("label") or c.get("term") for c in _all(entry, "atom:category")]
        _feed_extras(export, post, link, terms)
    return export


def _feed_extras(export, post, link, term_names):
    if export.site_url and link:
        link = urljoin(export.site_url + "/", link)
    post.slug = slugify(urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")) if link else ""
    path = _old_path(link)
    if path:
        post.old_paths.append(path)
    for name in term_names:
        term = _add_term(export, "feed", "", name)
        if term and term.key not in post.terms:
            term.count += 1
            post.terms.append(term.key)
    if post.author:
        export.authors.setdefault(post.author, post.author)
    if len(post.remote_id) > 500:  # still one id per post, in the column
        post.remote_id = "sha256:" + hashlib.sha256(post.remote_id.encode()).hexdigest()
    if post.remote_id:
        export.posts.append(post)
    else:
        export.skipped["tanpa id maupun tautan"] += 1
