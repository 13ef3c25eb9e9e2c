"""What import_wordpress and import_feed share: the options that choose
topics and authors, and how the plan and the report are printed."""

import getpass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from articles.models import Article, Topic
from imports.importer import Options, import_export, members_of, topic_mapping
from villages.models import Village


def add_arguments(parser):
    parser.add_argument("--village", required=True, help="Subdomain desa tujuan, misalnya taan.")
    parser.add_argument("--dry-run", action="store_true", help="Tampilkan rencana dan laporan tanpa menyimpan apa pun.")
    parser.add_argument(
        "--topic", action="append", default=[], metavar="KATEGORI=TOPIK",
        help="Petakan kategori atau tag (slug-nya, boleh diawali category: atau post_tag:) ke slug topik portal. Boleh berulang.",
    )
    parser.add_argument("--default-topic", metavar="TOPIK", help="Slug topik untuk berita yang kategorinya tidak dipetakan.")
    parser.add_argument(
        "--author", action="append", default=[], metavar="LOGIN=PENGGUNA",
        help="Jadikan penulis lama (login WordPress, atau nama di umpan) anggota desa ini sebagai penulis. "
        "Penulis lain tampil sebagai nama saja.",
    )
    parser.add_argument("--no-fetch", action="store_true", help="Jangan mengunduh gambar dari situs lama.")
    parser.add_argument(
        "--workers", type=int, default=settings.KIM_IMPORT_WORKERS, metavar="N",
        help="Banyaknya proses yang membuat foto (bawaan: KIM_IMPORT_WORKERS).",
    )


def village(slug):
    found = Village.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"Tidak ada desa dengan subdomain “{slug}”.")
    return found


def _topic(slug):
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        known = ", ".join(Topic.objects.values_list("slug", flat=True)) or "(belum ada topik)"
        raise CommandError(f"Tidak ada topik “{slug}”. Topik yang ada: {known}.")
    return topic


def _pairs(values, what):
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise CommandError(f"Tulis {what} sebagai KIRI=KANAN, bukan “{value}”.")
        yield left.strip(), right.strip()


def server_actor(command_name):
    """Who the audit log names for an import run on the server."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "?"
    return f"{who} di server (manage.py {command_name})"


def options(export, target, opts, **extra):
    topics = {}
    for term, slug in _pairs(opts["topic"], "--topic"):
        keys = [term] if ":" in term else [f"{kind}:{term}" for kind in ("category", "post_tag", "feed")]
        key = next((k for k in keys if k in export.terms), None)
        if key is None:
            raise CommandError(f"Kategori atau tag “{term}” tidak ada di berkas ini.")
        topics[key] = _topic(slug)
    members = {}
    for login, username in _pairs(opts["author"], "--author"):
        user = members_of(target).filter(username=username).first()
        if user is None:
            raise CommandError(f"“{username}” bukan anggota {target}. Tambahkan dulu sebagai anggota desa itu.")
        members[login] = user
    return Options(
        village=target,
        topics=topics,
        default_topic=_topic(opts["default_topic"]) if opts["default_topic"] else None,
        members=members,
        fetch=not opts["no_fetch"],
        dry_run=opts["dry_run"],
        workers=max(1, opts["workers"]),
        **extra,
    )


def run(command, export, options):
    """Print the plan (what each category and author becomes), import, print the report."""
    out = command.stdout
    out.write(f"{export.title or export.site_url} ({export.site_url or 'tanpa alamat'}) → {options.village} ({options.village.slug})")
    statuses = export.statuses()
    out.write("Tulisan: " + ", ".join(f"{Article.Status(status).label} {n}" for status, n in sorted(statuses.items())))
    mapping = topic_mapping(export, options.topics)
    default = options.default_topic.name if options.default_topic else "tanpa topik"
    out.write("Kategori dan tag → topik:")
    for term in export.used_terms():
        topic = mapping.get(term.key)
        out.write(f"  {term.label} {term.name} ({term.count} berita) → {topic.name if topic else f'(topik bawaan: {default})'}")
    out.write("Penulis:")
    for login, name, count in export.used_authors():
        member = options.members.get(login)
        out.write(f"  {name} ({count} berita) → {f'anggota {member.username}' if member else 'nama di berita'}")
    try:
        report = import_export(export, options)
    except ValidationError as error:
        raise CommandError(" ".join(error.messages))
    for line in report.lines():
        out.write(line)
    if options.dry_run:
        out.write("Uji coba: tidak ada yang disimpan.")


def read_file(path):
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Berkas {path} tidak bisa dibaca: {error.strerror}.")
