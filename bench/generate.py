"""Benchmark data: N villages × M articles in a PostgreSQL database.

    DATABASE_URL=postgres://... .venv/bin/python bench/generate.py --villages 100 --articles 2000

Flags:
    --villages N   villages to create (default 100), spread over the real
                   kecamatan of Kabupaten Mamuju; every tenth has gone quiet
                   (nothing published for 20 to 60 days), every fiftieth is
                   inactive.
    --articles M   articles per village (default 2,000): about 93 % published
                   over the last three years (more of them lately, as a
                   portal grows), the rest drafts, waiting for review,
                   scheduled or withdrawn; about 0.5 % taken down by the
                   district (each with its audit log entry) and 0.5 % in the
                   trash.
    --seed S       random seed (default 1): the same flags write the same data.

Runs the migrations first and expects an empty portal (use a fresh database).
Text comes from the demo's Indonesian story templates (demo/stories.py),
filled in per article, so search has real words to find. Rows go in through
PostgreSQL COPY: what Article.save() would do (clean_body, excerpt, a slug
unique in the village) is done here beforehand. Photos: one illustration per
topic goes through the real pipeline (articles.photos.process) once; every
village gets three Photo rows of its own (renditions written under its
folder in MEDIA_ROOT, by default a temporary directory) and its articles
point at them. No revisions are written. Ends with VACUUM ANALYZE and
prints the time of each step.

Benchmark data only: the accounts get one password, "kimportal-bench".
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kimportal.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "kimportal-bench-media"))

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from articles import photos  # noqa: E402
from articles.html import clean_body, plain_excerpt  # noqa: E402
from articles.models import Announcement, Article, Photo, Topic  # noqa: E402
from demo.drawing import alt_text, illustration  # noqa: E402
from demo.stories import (  # noqa: E402
    ANNOUNCEMENTS,
    CLOSINGS,
    FAMILY_NAMES,
    KECAMATAN,
    MEN,
    STORIES,
    TOPICS,
    WITA,
    WOMEN,
    fits,
    story_context,
    village_people,
    write_story,
)
from villages.models import AuditEntry, Kecamatan, Membership, User, Village  # noqa: E402

PASSWORD = "kimportal-bench"
YEARS_BACK = 3
PHOTOS_PER_VILLAGE = 3
# Status mix for one article, cumulative: the rest is published.
MIX = [
    (0.030, Article.Status.DRAFT),
    (0.045, Article.Status.REVIEW),
    (0.050, Article.Status.SCHEDULED),
    (0.065, Article.Status.WITHDRAWN),
]
TAKEN_DOWN, IN_TRASH = 0.005, 0.005
# Made-up village names after the first ones (the real demo villages).
NAME_HEADS = ["Salu", "Batu", "Buttu", "Tanete", "Lembang", "Kalo", "Bonde", "Pasa", "Tamo", "Kasambang"]
NAME_TAILS = ["Baru", "Raya", "Utara", "Selatan", "Indah", "Jaya", "Makmur", "Tengah", "Timur", "Barat"]
ARTICLE_COLUMNS = [
    "village_id", "title", "slug", "excerpt", "body", "photo_id", "topic_id", "author_id", "status",
    "published_at", "review_note", "created", "updated", "deleted_at", "taken_down_at", "takedown_reason",
    "byline",
]
TAKEDOWN_REASONS = [
    "Memuat data pribadi warga (NIK dan alamat) tanpa izin.",
    "Judul menyesatkan dan belum dikonfirmasi ke puskesmas.",
    "Berisi tuduhan kepada seseorang tanpa bukti.",
]


class Timer:
    def __init__(self):
        self.started = self.last = time.monotonic()

    def step(self, what):
        now = time.monotonic()
        print(f"  {what:<44} {now - self.last:7.1f} s", flush=True)
        self.last = now

    @property
    def total(self):
        return time.monotonic() - self.started


def village_plans(count):
    """(kecamatan name, VillageSeed) for `count` villages: the demo's real
    ones first, then made-up names that borrow a real village's landscape."""
    real = [(kecamatan, seed) for kecamatan, seeds in KECAMATAN for seed in seeds]
    plans, used = list(real[:count]), {seed.slug for _, seed in real}
    n = 0
    while len(plans) < count:
        head, tail = NAME_HEADS[n % len(NAME_HEADS)], NAME_TAILS[(n // len(NAME_HEADS)) % len(NAME_TAILS)]
        suffix = f" {n // 100 + 1}" if n >= 100 else ""
        name = f"{head} {tail}{suffix}"
        kecamatan, base = real[n % len(real)]
        slug = slugify(name)
        if slug not in used:
            used.add(slug)
            plans.append((kecamatan, base._replace(slug=slug, name=name, kim_name=f"KIM {name}")))
        n += 1
    return plans


def seed_reference(plans, timer):
    password = make_password(PASSWORD)
    topics = {}
    for position, seed in enumerate(TOPICS):
        topics[seed.slug] = Topic.objects.create(
            slug=seed.slug, name=seed.name, description=seed.description, position=position
        )
    kecamatans = {}
    for name in dict.fromkeys(kecamatan for kecamatan, _ in plans):
        kecamatans[name] = Kecamatan.objects.create(name=name, slug=slugify(name))
    villages = Village.objects.bulk_create([
        Village(
            slug=seed.slug, name=f"Desa {seed.name}", kim_name=seed.kim_name, kecamatan=kecamatans[kecamatan],
            tagline=seed.tagline, description=seed.description, whatsapp=f"6281234{index:06d}",
            is_active=index % 50 != 49,
        )
        for index, (kecamatan, seed) in enumerate(plans)
    ])
    rng = random.Random("people")
    users = [User(
        username="distrik", first_name="Staf", last_name="Diskominfosandi", password=password,
        is_district_staff=True, is_staff=True,
    )]
    for village in villages:
        for prefix in ("editor", "penerbit"):
            first = rng.choice(WOMEN + MEN)
            users.append(User(
                username=f"{prefix}-{village.slug}", first_name=first, last_name=rng.choice(FAMILY_NAMES),
                email=f"{prefix}-{village.slug}@kimportal.test", password=password, is_staff=True,
            ))
    users = User.objects.bulk_create(users)
    staff, members = users[0], users[1:]
    # members alternate editor, publisher: two per village, in village order.
    Membership.objects.bulk_create([
        Membership(user=user, village=villages[n // 2], role=Membership.Role.PUBLISHER if n % 2 else Membership.Role.EDITOR)
        for n, user in enumerate(members)
    ])
    now = timezone.now()
    for title, body in ANNOUNCEMENTS:
        Announcement.objects.create(
            title=title, body=body, starts_at=now - timedelta(days=2), ends_at=now + timedelta(days=12), created_by=staff
        )
    timer.step(f"{len(villages)} villages, {len(users)} users, topics")
    pairs = {village.pk: (members[2 * n], members[2 * n + 1]) for n, village in enumerate(villages)}
    return topics, villages, pairs, staff


def seed_photos(villages, timer):
    """Three Photo rows per village; the pipeline runs once per topic."""
    processed = {}
    for seed in TOPICS:
        jpeg = illustration(seed.name, seed.light, seed.dark, False, seed.slug)
        processed[seed.slug] = (photos.process(ContentFile(jpeg, name="ilustrasi.jpg")), alt_text(seed, False))
    timer.step(f"image pipeline, {len(processed)} illustrations")
    rng = random.Random("photos")
    pools = {}
    for village in villages:
        pools[village.pk] = []
        for slug in rng.sample(sorted(processed), PHOTOS_PER_VILLAGE):
            rendition, alt = processed[slug]
            pools[village.pk].append(Photo.from_processed(rendition, village, alt=alt).pk)
    timer.step(f"{sum(map(len, pools.values()))} photos (renditions copied)")
    return pools


def published_time(now, rng, silence_days):
    """A daytime moment in the last three years, more of them lately."""
    days = silence_days + (YEARS_BACK * 365 - silence_days) * rng.random() ** 1.4
    day = (now - timedelta(days=max(days, 1))).astimezone(WITA).date()
    return datetime(day.year, day.month, day.day, rng.randrange(7, 20), rng.randrange(60), tzinfo=WITA)


def excerpt_of(body):
    """plain_excerpt(body), reading only the first paragraph when it is long
    enough to be cut (the same result, in a third of the time)."""
    first = plain_excerpt(body.split("\n", 1)[0])
    return first if first.endswith("…") else plain_excerpt(body)


def article_rows(village, seed, kecamatan, editor, publisher, photo_pool, topics, count, now, rng, quiet_days):
    stories = [story for story in STORIES if fits(story, seed)]
    by_topic = {}
    for story in stories:
        by_topic.setdefault(story.topic, []).append(story)
    people = village_people(rng)
    ketua_kim = publisher.get_full_name()
    slugs = set()
    for _ in range(count):
        story = rng.choice(stories)
        roll = rng.random()
        status = next((status for limit, status in MIX if roll < limit), Article.Status.PUBLISHED)
        if status in (Article.Status.DRAFT, Article.Status.REVIEW):
            published_at = None
            created = now - timedelta(days=rng.uniform(0, 60 if status == Article.Status.DRAFT else 14))
            updated = min(now, created + timedelta(hours=rng.uniform(0, 72)))
        elif status == Article.Status.SCHEDULED:
            published_at = now + timedelta(days=rng.uniform(1, 14))
            created = now - timedelta(days=rng.uniform(0, 7))
            updated = created
        else:
            published_at = published_time(now, rng, quiet_days)
            created = published_at - timedelta(hours=rng.uniform(0.5, 48))
            updated = min(now, published_at + timedelta(minutes=rng.uniform(0, 180)))
        day = (published_at or created).astimezone(WITA).date()
        context = story_context(seed, kecamatan, people, ketua_kim, day, rng)
        title, body = write_story(story, context, rng)
        # Village news runs longer than the demo's: two paragraphs of a
        # related story and sometimes a second closing, so bodies differ in
        # length and words too.
        related = rng.choice(by_topic[story.topic])
        body += "\n" + "\n".join(block.format(**context) for block in related.body[:2])
        if rng.random() < 0.5:
            body += "\n" + rng.choice(CLOSINGS).format(**context)
        body = clean_body(body)
        # Article._unique_slug, without a query per article.
        base = slugify(title)[:200].strip("-") or "berita"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        live = published_at is not None and status in Article.LIVE_STATUSES
        taken_down_at = deleted_at = None
        reason = ""
        roll = rng.random()
        if live and status == Article.Status.PUBLISHED and roll < TAKEN_DOWN:
            taken_down_at = min(now, published_at + timedelta(hours=rng.uniform(1, 72)))
            reason = rng.choice(TAKEDOWN_REASONS)
        elif roll > 1 - IN_TRASH:
            deleted_at = min(now, updated + timedelta(days=rng.uniform(0, 10)))
        author = publisher if status == Article.Status.SCHEDULED or rng.random() < 0.5 else editor
        yield (
            village.pk, title, slug, excerpt_of(body), body,
            rng.choice(photo_pool) if rng.random() < 0.85 else None,
            topics[story.topic].pk, author.pk, status, published_at,
            "Lengkapi nama narasumber." if status == Article.Status.DRAFT and rng.random() < 0.2 else "",
            created, updated, deleted_at, taken_down_at, reason, "",
        )


def seed_articles(plans, villages, pairs, pools, topics, per_village, seed, timer):
    now = timezone.now()
    copy_sql = f"COPY articles_article ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN"
    written = 0
    connection.ensure_connection()
    with connection.connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for index, ((kecamatan, village_seed), village) in enumerate(zip(plans, villages, strict=True)):
            rng = random.Random(f"{seed}:{village.slug}")
            quiet_days = rng.randint(20, 60) if index % 10 == 9 else 0
            editor, publisher = pairs[village.pk]
            for row in article_rows(
                village, village_seed, kecamatan, editor, publisher, pools[village.pk], topics,
                per_village, now, rng, quiet_days,
            ):
                copy.write_row(row)
                written += 1
            if (index + 1) % 10 == 0 or index + 1 == len(villages):
                print(f"    … {index + 1} villages, {written} articles", flush=True)
    timer.step(f"{written} articles (text + COPY)")


def seed_audit_log(staff, timer):
    taken_down = Article.objects.taken_down().values_list("pk", "village_id", "title", "takedown_reason")
    AuditEntry.objects.bulk_create([
        AuditEntry(
            actor=staff, actor_name=staff.get_full_name(), action=AuditEntry.Action.TAKE_DOWN,
            village_id=village_id, subject=title[:300], subject_id=pk, reason=reason,
        )
        for pk, village_id, title, reason in taken_down
    ])
    # created is auto_now_add; give each entry its take-down's time.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE villages_auditentry AS e SET created = a.taken_down_at FROM articles_article AS a "
            "WHERE e.subject_id = a.id AND e.action = %s",
            [AuditEntry.Action.TAKE_DOWN],
        )
    timer.step(f"{len(taken_down)} audit log entries")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--villages", type=int, default=100, metavar="N")
    parser.add_argument("--articles", type=int, default=2000, metavar="M")
    parser.add_argument("--seed", default="1")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        parser.error("DATABASE_URL must point at PostgreSQL (COPY and the plans are PostgreSQL's).")
    if args.villages < 1 or args.articles < 1:
        parser.error("--villages and --articles must be at least 1")

    print(f"Generating {args.villages} villages × {args.articles} articles into {connection.settings_dict['NAME']}")
    timer = Timer()
    call_command("migrate", verbosity=0)
    timer.step("migrate")
    if Village.objects.exists() or Article.objects.exists():
        sys.exit("The database already has villages or articles: generate into a fresh database.")
    plans = village_plans(args.villages)
    with transaction.atomic():
        topics, villages, pairs, staff = seed_reference(plans, timer)
        pools = seed_photos(villages, timer)
        seed_articles(plans, villages, pairs, pools, topics, args.articles, args.seed, timer)
        seed_audit_log(staff, timer)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        timer.step("VACUUM ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('articles_article'))")
        size = cursor.fetchone()[0]
    print(f"Done in {timer.total:.1f} s: {Article.objects.count()} articles, articles_article {size}.")


if __name__ == "__main__":
    main()
