"""A village as a WordPress export (WXR 1.2): the file WordPress's own
Tools → Import → WordPress reads, so a KIM can take its site elsewhere
(and the file our own importer, imports/, reads back).

WordPress's format, as its Tools → Export writes it: RSS 2.0 with the wp,
content, excerpt and dc namespaces; the authors and categories first,
then one <item> per article (post), per village page (page) and per photo
(attachment, with wp:attachment_url: WordPress's importer downloads each
from there, and puts its own copy wherever a body showed that address).
A lead photo is the post's `_thumbnail_id`, as WordPress keeps a featured
image. Bodies are our sanitised HTML with every photo's address absolute,
on the portal's media; a YouTube embed becomes WordPress's [embed].

What is ours and WordPress has no word for travels in post meta that
WordPress keeps and ignores: `_kim_status`, the article's status here
(WordPress has no "review" or "withdrawn"; the portal's importer reads it
back). Ids: an article's wp:post_id is 3 × its id, a page's 3 × id + 1, a
photo's 3 × id + 2 (WordPress needs one id space; the same article keeps
its id from one export to the next, so importing again updates it).
"""

import datetime
import email.utils
import re

from django.utils import timezone

from articles.html import youtube_id
from exports import contents
from villages import hosts

WXR_VERSION = "1.2"
NO_DATE = "0000-00-00 00:00:00"
NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)
# Characters XML 1.0 cannot carry at all, whatever the escaping.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
EMBED = re.compile(r'(?:<figure class="media">\s*)?<oembed url="([^"]*)">\s*</oembed>(?:\s*</figure>)?')


def article_id(pk):
    return 3 * pk


def page_id(pk):
    return 3 * pk + 1


def photo_id(pk):
    return 3 * pk + 2


def cdata(text):
    text = NOT_XML.sub("", str(text or ""))
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text(value):
    """Escaped element text (for what WordPress writes without CDATA)."""
    value = NOT_XML.sub("", str(value or ""))
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S") if moment else NO_DATE


def gmt(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S") if moment else NO_DATE


def rfc822(moment):
    return email.utils.format_datetime(moment.astimezone(datetime.timezone.utc), usegmt=False) if moment else ""


def wp_status(article):
    """Ours as WordPress's: live now is publish, later is future, waiting
    for review is pending; a draft, a withdrawn article and one the district
    took down are drafts."""
    if article.taken_down_at is not None:
        return "draft"
    status = article.effective_status
    return {"published": "publish", "scheduled": "future", "review": "pending"}.get(status, "draft")


def kim_status(article):
    """The status the portal's importer gives back: a taken-down article
    comes back withdrawn, never live."""
    return "withdrawn" if article.taken_down_at is not None else article.status


def page_status(page):
    if page.status == "published":
        return "publish" if page.is_shown else "private"
    return {"review": "pending"}.get(page.status, "draft")


def body(html, photos):
    """A body for WordPress: our photos at their absolute address (the
    attachment's, which WordPress's importer swaps for its own copy), a
    YouTube embed as [embed], which WordPress shows as the player."""

    def embed(match):
        url = match.group(1).replace("&amp;", "&")
        return f"[embed]{url}[/embed]" if youtube_id(url) else ""

    return EMBED.sub(embed, photos.rewrite(html, contents.photo_url))


def _meta(key, value):
    return f"\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>\n"


def _item(*, title, link, date, creator, guid, content, excerpt, post_id, created, modified, name, status,
          kind, parent=0, order=0, extra="", categories=(), meta=()):
    """One <item>, with every element WordPress's importer reads (its
    WXR_Parser_SimpleXML), in the order WordPress writes them."""
    lines = [
        "\t<item>\n",
        f"\t\t<title>{cdata(title)}</title>\n",
        f"\t\t<link>{text(link)}</link>\n",
        f"\t\t<pubDate>{rfc822(date)}</pubDate>\n",
        f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n",
        f'\t\t<guid isPermaLink="false">{text(guid)}</guid>\n',
        "\t\t<description></description>\n",
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n",
        f"\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>\n",
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n",
        f"\t\t<wp:post_date>{cdata(local(created))}</wp:post_date>\n",
        f"\t\t<wp:post_date_gmt>{cdata(gmt(date))}</wp:post_date_gmt>\n",
        f"\t\t<wp:post_modified>{cdata(local(modified))}</wp:post_modified>\n",
        f"\t\t<wp:post_modified_gmt>{cdata(gmt(modified))}</wp:post_modified_gmt>\n",
        f"\t\t<wp:comment_status>{cdata('closed')}</wp:comment_status>\n",
        f"\t\t<wp:ping_status>{cdata('closed')}</wp:ping_status>\n",
        f"\t\t<wp:post_name>{cdata(name)}</wp:post_name>\n",
        f"\t\t<wp:status>{cdata(status)}</wp:status>\n",
        f"\t\t<wp:post_parent>{parent}</wp:post_parent>\n",
        f"\t\t<wp:menu_order>{order}</wp:menu_order>\n",
        f"\t\t<wp:post_type>{cdata(kind)}</wp:post_type>\n",
        f"\t\t<wp:post_password>{cdata('')}</wp:post_password>\n",
        "\t\t<wp:is_sticky>0</wp:is_sticky>\n",
        extra,
    ]
    lines += [f'\t\t<category domain="category" nicename="{text(slug)}">{cdata(label)}</category>\n' for slug, label in categories]
    lines += [_meta(key, value) for key, value in meta]
    lines.append("\t</item>\n")
    return "".join(lines)


def _head(village, writers, topics):
    site = hosts.build_url(village.slug, "")
    lines = [
        '<?xml version="1.0" encoding="UTF-8" ?>\n',
        "<!-- Ekspor WordPress (WXR) dari KIM Portal. Impor di WordPress: Alat → Impor → WordPress. -->\n",
        f'<rss version="2.0" {NAMESPACES}>\n',
        "<channel>\n",
        f"\t<title>{text(village.kim_name)}</title>\n",
        f"\t<link>{text(site)}</link>\n",
        f"\t<description>{text(village.tagline)}</description>\n",
        f"\t<pubDate>{rfc822(timezone.now())}</pubDate>\n",
        "\t<language>id</language>\n",
        f"\t<wp:wxr_version>{WXR_VERSION}</wp:wxr_version>\n",
        f"\t<wp:base_site_url>{text(site)}</wp:base_site_url>\n",
        f"\t<wp:base_blog_url>{text(site)}</wp:base_blog_url>\n",
    ]
    for n, (login, name) in enumerate(writers.all(), start=1):
        # No email: WordPress asks for one only to match an existing user.
        lines.append(
            f"\t<wp:author><wp:author_id>{n}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
            f"<wp:author_email>{cdata('')}</wp:author_email><wp:author_display_name>{cdata(name)}</wp:author_display_name>"
            f"<wp:author_first_name>{cdata('')}</wp:author_first_name><wp:author_last_name>{cdata('')}</wp:author_last_name></wp:author>\n"
        )
    for topic in topics:
        lines.append(
            f"\t<wp:category><wp:term_id>{topic.pk}</wp:term_id><wp:category_nicename>{cdata(topic.slug)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata('')}</wp:category_parent><wp:cat_name>{cdata(topic.name)}</wp:cat_name>"
            f"<wp:category_description>{cdata(topic.description)}</wp:category_description></wp:category>\n"
        )
    lines.append("\t<generator>KIM Portal</generator>\n")
    return "".join(lines)


def write(village, out):
    """Write the village's WXR to `out` (a binary file), item by item."""
    photos, writers = contents.Photos(village), contents.Writers(village)
    out.write(_head(village, writers, list(contents.topics(village))).encode())
    parents = {}  # photo id → the wp:post_id of the first article or page showing it

    def shown(photo, parent):
        parents.setdefault(photo.pk, parent)

    for article in contents.articles(village).iterator(chunk_size=contents.CHUNK):
        wp_id = article_id(article.pk)
        for photo in [article.photo, *article.gallery.all(), *photos.in_body(article.body)]:
            if photo is not None and photo.pk in photos.by_id:
                shown(photo, wp_id)
        meta = [("_kim_status", kim_status(article))]
        if article.photo_id in photos.by_id:
            meta.insert(0, ("_thumbnail_id", photo_id(article.photo_id)))
        login, _ = writers.of(article)
        out.write(_item(
            title=article.title, link=article.url(), date=article.published_at, creator=login,
            guid=hosts.build_url(village.slug, f"/?p={wp_id}"), content=body(article.body, photos),
            excerpt=article.excerpt, post_id=wp_id, created=article.published_at or article.created,
            modified=article.updated, name=article.slug, status=wp_status(article), kind="post",
            categories=[(article.topic.slug, article.topic.name)] if article.topic else (), meta=meta,
        ).encode())
    for page in contents.pages(village).iterator(chunk_size=contents.CHUNK):
        wp_id = page_id(page.pk)
        for photo in photos.in_body(page.body):
            shown(photo, wp_id)
        out.write(_item(
            title=page.title, link=page.url(), date=page.published_at, creator="",
            guid=hosts.build_url(village.slug, f"/?page_id={wp_id}"), content=body(page.body, photos),
            excerpt="", post_id=wp_id, created=page.published_at or page.created, modified=page.updated,
            name=page.slug, status=page_status(page), kind="page", order=page.position,
        ).encode())
    for photo in contents.library(village).iterator(chunk_size=contents.CHUNK):
        if photo.pk not in parents:
            continue  # in the library, shown nowhere: the ZIP has it
        url = contents.photo_url(photo)
        out.write(_item(
            title=photo.caption or photo.alt or f"Foto {photo.pk}", link=url, date=photo.created, creator="",
            guid=url, content="", excerpt=photo.caption, post_id=photo_id(photo.pk), created=photo.created,
            modified=photo.created, name=f"foto-{photo.pk}", status="inherit", kind="attachment",
            parent=parents[photo.pk], extra=f"\t\t<wp:attachment_url>{cdata(url)}</wp:attachment_url>\n",
            meta=[("_wp_attachment_image_alt", photo.alt)] if photo.alt else (),
        ).encode())
    out.write(b"</channel>\n</rss>\n")
