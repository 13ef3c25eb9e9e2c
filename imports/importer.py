"""Writing an old site (an Export, sources.py) into a village: articles,
their photos through the one photo pipeline, and their old addresses.

Running it again updates what it made before instead of duplicating it: a
post is known by its old site's address and its id there (ImportedPost), an
image by its address (ImportedPhoto). An article the KIM has changed here
since the last import is left as it is, and the report says so. An image
that cannot be had (not in the media folder, not fetchable, not a photo)
is reported and left out of the body; it never stops the import.
"""

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from articles.models import Article, Photo, Topic
from imports import bodies
from imports.fetch import FetchError
from imports.models import ImportedPhoto, ImportedPost, OldLink, Source, image_key
from imports.photos_ahead import Job, PhotosAhead
from villages.models import AuditEntry, User

UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: kakao-300x200.jpg is kakao.jpg, smaller.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def _in_uploads(path):
    """The part of an image's path inside an uploads folder: WordPress's
    wp-content/uploads, or our own media (a KIM Portal export: exports/)."""
    for folder in (UPLOADS, urlsplit(settings.MEDIA_URL).path):
        if len(folder) > 1 and folder in path:
            return path.split(folder, 1)[1]
    return None


def original_url(url):
    """The address of the full-size image a resized copy was made from."""
    parts = urlsplit(url)
    if UPLOADS not in parts.path:
        return url
    return parts._replace(path=SIZE_SUFFIX.sub("", parts.path), query="", fragment="").geturl()


@dataclass
class Options:
    village: object
    user: object = None
    media_dir: Path | None = None
    topics: dict = field(default_factory=dict)  # term key → Topic, or None to leave a term unmapped
    default_topic: Topic | None = None
    members: dict = field(default_factory=dict)  # old author → User, a member of the village
    fetch: bool = True
    dry_run: bool = False
    source_url: str = ""  # for a feed that does not name its site
    origin: str = ""  # the file or feed address imported, for the audit log
    actor_name: str = ""  # who ran it, when no account did (a command on the server)
    workers: int = 1  # processes making photos (imports/photos_ahead.py)


def suggested_topics(export):
    """{term key: Topic or None}: a category or tag whose slug or name is a
    topic's is mapped to it; the rest are left for staff to choose."""
    topics = list(Topic.objects.all())
    by_slug = {t.slug: t for t in topics}
    by_name = {t.name.casefold(): t for t in topics}
    return {
        key: by_slug.get(term.slug) or by_name.get(term.name.casefold())
        for key, term in export.terms.items() if term.count
    }


def topic_mapping(export, chosen=None):
    return {**suggested_topics(export), **(chosen or {})}


@dataclass
class Report:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    kept: list = field(default_factory=list)  # titles changed here since the last import
    skipped: dict = field(default_factory=dict)  # reason → how many
    photos_new: int = 0
    photos_reused: int = 0
    photos_in_folder: int = 0  # dry run: found in the media folder
    photos_to_fetch: int = 0  # dry run: to be fetched
    missing: list = field(default_factory=list)  # [title, address, why]
    renamed: list = field(default_factory=list)  # [title, wanted slug, slug given]
    old_links: int = 0

    def as_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        return cls(**{k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__})

    def lines(self):
        """The report in Indonesian, one fact a line, the missing images last."""
        lines = self.summary()
        if self.missing:
            lines.append(f"Gambar yang tidak didapat: {len(self.missing)}")
            lines += [f"  – {title}: {url} ({why})" for title, url, why in self.missing]
        return lines

    def summary(self):
        """The report without the list of missing images (the desk shows that apart)."""
        verb = "akan " if self.dry_run else ""
        lines = [
            f"Berita baru {verb}dibuat: {self.created}",
            f"Berita {verb}diperbarui: {self.updated}",
        ]
        if self.kept:
            lines.append(f"Dibiarkan karena sudah diubah di portal: {len(self.kept)} ({', '.join(self.kept[:10])})")
        if self.dry_run and self.photos_in_folder:
            lines.append(f"Gambar dari folder media: {self.photos_in_folder}; diunduh dari situs lama: {self.photos_to_fetch}")
        elif self.dry_run:
            lines.append(f"Gambar yang akan diunduh dari situs lama: {self.photos_to_fetch}")
        else:
            lines.append(f"Foto baru: {self.photos_new}; dipakai ulang: {self.photos_reused}")
            lines.append(f"Alamat lama baru yang dialihkan: {self.old_links}")
        for reason, count in self.skipped.items():
            lines.append(f"Dilewati, {reason}: {count}")
        for title, wanted, given in self.renamed:
            lines.append(f"Slug “{wanted}” sudah dipakai; “{title}” memakai “{given}”")
        return lines


class Importer:
    def __init__(self, export, options):
        self.export, self.options = export, options
        self.village = options.village
        self.report = Report(dry_run=options.dry_run, skipped=dict(export.skipped))
        self.topics = topic_mapping(export, options.topics)
        self.source = self._source()
        self.images = {}  # original address → Photo or None, for this run
        self.media_dir = Path(options.media_dir).resolve() if options.media_dir else None

    def _source(self):
        url = (self.export.site_url or self.options.source_url or f"tanpa-alamat:{self.export.title}")[:500]
        found = Source.objects.filter(village=self.village, site_url=url).first()
        if found is not None or self.options.dry_run:
            return found or Source(village=self.village, site_url=url, kind=self.export.kind, title=self.export.title[:200])
        return Source.objects.create(village=self.village, site_url=url, kind=self.export.kind, title=self.export.title[:200])

    def run(self):
        self.ahead = None if self.options.dry_run else PhotosAhead(self._photo_jobs(), self.options.workers)
        try:
            for post in self.export.posts:
                self._post(post)
        finally:
            if self.ahead is not None:
                self.ahead.close()
        if self.source.pk and not self.options.dry_run:
            self.source.save(update_fields=["last_imported"])
        return self.report

    # Articles

    def _post(self, post):
        record = None
        if self.source.pk:
            record = ImportedPost.objects.filter(source=self.source, remote_id=post.remote_id).select_related("article").first()
        if record and record.article.updated != record.article_updated:
            self.report.kept.append(record.article.title)
            self._old_links(post, record.article)
            return
        if self.options.dry_run:
            self.report.updated += bool(record)
            self.report.created += not record
            if record is None:
                self._free_slug(post)  # reported if taken
            for url in ([post.featured.url] if post.featured else []) + bodies.image_urls(post.body, self.export.site_url):
                self._plan_image(url)
            return
        featured = self._photo(post.featured.url, post.title, post.featured.alt, post.featured.caption) if post.featured else None
        body = bodies.convert(post.body, self.export.site_url, lambda url, alt: self._body_photo(url, post.title, alt))
        with transaction.atomic():
            article = record.article if record else Article(village=self.village)
            article.title, article.body, article.excerpt = post.title, body, post.excerpt
            article.status, article.published_at = post.status, post.published_at
            article.topic = self._topic(post)
            member = self.options.members.get(post.author)
            article.author = member
            article.byline = "" if member else (self.export.authors.get(post.author) or post.author)[:120]
            if featured is not None or record is None:
                article.photo = featured
            if record is None:
                article.slug = self._free_slug(post)
            article.save()
            if record is None:
                article.snapshot(self.options.user)
            ImportedPost.objects.update_or_create(
                source=self.source, remote_id=post.remote_id,
                defaults={"article": article, "article_updated": article.updated},
            )
            self._old_links(post, article)
        self.report.updated += bool(record)
        self.report.created += not record

    def _topic(self, post):
        for key in post.terms:
            if self.topics.get(key):
                return self.topics[key]
        return self.options.default_topic

    def _free_slug(self, post):
        base = (slugify(post.slug)[:200].strip("-") or slugify(post.title)[:200].strip("-") or "berita")
        taken = Article.objects.filter(village=self.village)
        slug, n = base, 2
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        if slug != base:
            self.report.renamed.append([post.title, base, slug])
        return slug

    def _old_links(self, post, article):
        if self.options.dry_run:
            return
        for path in post.old_paths:
            _, created = OldLink.objects.get_or_create(village=self.village, path=path, defaults={"article": article})
            self.report.old_links += created

    # Images

    def _photo_jobs(self):
        """{key: Job} for every image the posts show that this source has
        not brought in before, in the order the posts show them."""
        jobs = {}
        for post in self.export.posts:
            for url in ([post.featured.url] if post.featured else []) + bodies.image_urls(post.body, self.export.site_url):
                key = original_url(url)
                jobs.setdefault(key, self._job(url, key))
        if self.source.pk:
            known = set(ImportedPhoto.objects.filter(source=self.source).values_list("key", flat=True))
            jobs = {key: job for key, job in jobs.items() if image_key(key) not in known}
        return jobs

    def _job(self, url, original):
        return Job(self._local_file(url), tuple(dict.fromkeys([original, url])), self.options.fetch)

    def _plan_image(self, url):
        key = original_url(url)
        if key in self.images:
            return
        self.images[key] = None
        if self._local_file(url):
            self.report.photos_in_folder += 1
        else:
            self.report.photos_to_fetch += 1

    def _body_photo(self, url, title, alt):
        """An image in a body, with the description and caption its media
        library entry (an attachment) has, when it has one."""
        known = self.export.attachments.get(url)
        if known is None:
            return self._photo(url, title, alt)
        return self._photo(url, title, alt or known.alt, known.caption)

    def _photo(self, url, title, alt="", caption=""):
        """Our photo for an old image address (made, or made before), or None, reported."""
        key = original_url(url)
        if key in self.images:
            return self.images[key]
        record = ImportedPhoto.objects.filter(source=self.source, key=image_key(key)).select_related("photo").first()
        if record is not None:
            self.report.photos_reused += 1
            self.images[key] = record.photo
            return record.photo
        try:
            processed = self.ahead.take(key, self._job(url, key))
        except (FetchError, ValidationError) as error:
            why = str(error) if isinstance(error, FetchError) else " ".join(error.messages)
            self.report.missing.append([title, url, why])
            self.images[key] = None
            return None
        photo = Photo.from_processed(processed, self.village, self.options.user, alt=alt[:200], caption=caption[:300])
        ImportedPhoto.objects.create(source=self.source, key=image_key(key), url=key, photo=photo)
        self.report.photos_new += 1
        self.images[key] = photo
        return photo

    def _local_file(self, url):
        """The copy of an image in the --media-dir (a copy of wp-content/uploads,
        or the media/ folder of a KIM Portal export's ZIP), full size first;
        never a file outside that folder."""
        if self.media_dir is None:
            return None
        relative = _in_uploads(unquote(urlsplit(url).path))
        if relative is None:
            return None
        for candidate in dict.fromkeys([SIZE_SUFFIX.sub("", relative), relative]):
            found = (self.media_dir / candidate).resolve()
            if found.is_relative_to(self.media_dir) and found.is_file():
                return found
        return None


def import_export(export, options):
    """Import `export` into `options.village`; the Report. A real import
    (not a dry run) is written to the audit log: who, what, into which
    village, and the counts."""
    report = Importer(export, options).run()
    if not options.dry_run:
        record_import(export, options, report)
    return report


def record_import(export, options, report, failed=""):
    """The audit log's entry of an import (villages.models.AuditEntry)."""
    site = export.site_url or options.source_url
    what = Source.Kind(export.kind).label if export.kind in Source.Kind.values else "Situs lama"
    subject = f"{what}: {export.title or site or 'tanpa nama'}" + (f" ({site})" if site and export.title else "")
    counts = (
        f"berita baru {report.created}, diperbarui {report.updated}, dibiarkan {len(report.kept)}; "
        f"foto baru {report.photos_new}, dipakai ulang {report.photos_reused}, gambar tidak didapat {len(report.missing)}; "
        f"alamat lama baru {report.old_links}"
    )
    reason = "; ".join(part for part in (
        f"gagal: {failed}" if failed else "", counts, f"berkas: {options.origin}" if options.origin else "",
    ) if part)
    AuditEntry.record(options.user, AuditEntry.Action.SITE_IMPORTED, options.village, subject=subject, reason=reason,
                      actor_name=options.actor_name or ("" if options.user else "server"))


def members_of(village):
    """Who may be named the author of an imported article: the village's members."""
    return User.objects.filter(memberships__village=village).distinct()
