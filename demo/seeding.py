"""The demo written into the database: villages of Kabupaten Mamuju grouped
by their real kecamatan, the district topics, newsroom users, about six
months of village news with illustrations, two district announcements, and
a few messages from residents in each KIM's inbox.
`manage.py seed_demo` runs it; the words come from demo/stories.py and the
pictures from demo/drawing.py.

Running it again changes nothing that already exists: rows are found by
their natural keys (kecamatan slug, village slug, topic slug, username,
village + article slug), and an existing article is left alone, image and
all. Text and images come from seeded random generators, so every run
writes the same demo.
"""

import random
import zlib
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from articles import identity, photos
from articles.models import Announcement, Article, Photo, Topic
from demo.drawing import alt_text, illustration, logo
from demo.stories import (
    ANNOUNCEMENTS,
    COAST,
    FAMILY_NAMES,
    KECAMATAN,
    MEN,
    STORIES,
    TIP_HOAX,
    TIP_HOAX_COMMENTS,
    TIP_NEWS,
    TIP_QUESTIONS,
    TIP_SENDERS,
    TOPICS,
    WITA,
    WOMEN,
    fits,
    story_context,
    village_people,
    write_story,
)
from tips.models import Tip
from villagepages.models import Page
from villages import identity as identity_rules
from villages.models import Kecamatan, Membership, User, Village

DEMO_PASSWORD = "kimportal-demo"  # demo only; printed on screen
DEFAULT_ARTICLES = 26  # published per village; drafts, review and scheduled come on top
DAYS_BACK = 180
QUIET_DAYS = 25  # how long the quiet demo KIMs have published nothing
IMAGE_VARIANTS = 3  # drawings per topic and landscape, shared by many articles


def past_time(now, days_ago, rng):
    """A daytime moment (07.00–19.59 WITA) some days ago."""
    day = now.astimezone(WITA).date() - timedelta(days=days_ago)
    hour = rng.choice([7, 8, 8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 16, 17, 19])
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=WITA)


def future_time(now, rng):
    day = now.astimezone(WITA).date() + timedelta(days=rng.randint(2, 6))
    return datetime(day.year, day.month, day.day, rng.choice([7, 8, 9]), 0, tzinfo=WITA)


class DemoSeeder:
    """Writes the demo as of `now`. `warn` gets a line for whoever runs it
    when a village has fewer stories than articles were asked for."""

    def __init__(self, now, warn):
        self.now = now
        self.warn = warn
        self.processed = {}  # pipeline output per drawing, reused across articles
        self.created = {"articles": 0, "photos": 0}  # new this run, for the report
        # One hash for every demo account: hashing is deliberately slow, and
        # these passwords protect nothing.
        self.password_hash = make_password(DEMO_PASSWORD)

    def seed(self, villages=None, articles=DEFAULT_ARTICLES):
        """The first `villages` villages (all when None), each with `articles`
        published articles; returns the logins as (username, role, village name)."""
        # Files written before a failure stay in MEDIA_ROOT; the rows do not.
        with transaction.atomic():
            topics = self.seed_topics()
            logins = self.seed_staff()
            for index, (kecamatan_name, seed) in enumerate(self.chosen_villages(villages)):
                village = self.seed_village(kecamatan_name, seed)
                editor, publisher = self.seed_members(village, seed)
                logins += [(editor.username, "editor", village.name), (publisher.username, "penerbit", village.name)]
                self.seed_pages(village, seed, kecamatan_name, publisher)
                # Every fourth KIM has gone quiet, so the district desk has some to find.
                quiet = index % 4 == 3
                self.seed_articles(village, seed, kecamatan_name, topics, editor, publisher, articles, quiet)
                self.seed_tips(village, publisher, index)
            self.seed_announcements()
        return logins

    # Reference data

    def chosen_villages(self, limit):
        """Round-robin over kecamatan, so a small demo still spans the district."""
        queues = [[(name, seed) for seed in seeds] for name, seeds in KECAMATAN]
        order = []
        while any(queues):
            order += [queue.pop(0) for queue in queues if queue]
        return order[:limit] if limit else order

    def seed_topics(self):
        topics = {}
        for position, seed in enumerate(TOPICS):
            topic, _ = Topic.objects.update_or_create(
                slug=seed.slug, defaults={"name": seed.name, "description": seed.description, "position": position}
            )
            topics[seed.slug] = (topic, seed)
        return topics

    def seed_village(self, kecamatan_name, seed):
        kecamatan, _ = Kecamatan.objects.update_or_create(
            slug=slugify(kecamatan_name), defaults={"name": kecamatan_name}
        )
        village = Village.objects.filter(slug=seed.slug).first() or Village(slug=seed.slug)
        village.name = f"Desa {seed.name}"
        village.kim_name = seed.kim_name
        village.kecamatan = kecamatan
        village.tagline = seed.tagline
        village.description = seed.description
        # Well-formed but fake: 62 812 34 and six digits from the slug.
        village.whatsapp = f"6281234{zlib.crc32(seed.slug.encode()) % 1_000_000:06d}"
        village.is_active = True
        village.full_clean()  # the subdomain rules (format, reserved names) live in validators
        village.save()
        # Its news goes back DAYS_BACK days, so it was added before that: old
        # enough for the district desk to call it quiet when it is.
        added = self.now - timedelta(days=DAYS_BACK + 1)
        if village.created > added:
            Village.objects.filter(pk=village.pk).update(created=added)
            village.created = added
        if not village.logo:
            self.seed_identity(village, seed)
        return village

    def seed_identity(self, village, seed):
        """A logo, a cover drawing, a colour of the palette and contact
        details (no social links: they would point at real accounts)."""
        colour = identity_rules.PALETTE[zlib.crc32(seed.slug.encode()) % len(identity_rules.PALETTE)][0]
        badge = logo(seed.name[:1].upper(), colour)
        drawing = illustration("", (150, 200, 170), (40, 100, 70), seed.setting in COAST, f"sampul:{seed.slug}")
        identity.save(
            village,
            {
                "accent": colour,
                "address": f"Kantor {village.name}, Kecamatan {village.kecamatan.name}",
                "opening_hours": "Senin–Jumat, 08.00–15.00 WITA",
                "email": f"kim-{seed.slug}@kimportal.test",
            },
            logo=photos.process(ContentFile(badge, name="logo.png")),
            cover=photos.process(ContentFile(drawing, name="sampul.jpg"), aspect=identity.COVER_ASPECT),
        )

    # People

    def seed_user(self, username, first_name, last_name, **flags):
        user = User.objects.filter(username=username).first() or User(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@kimportal.test"
        # Fake, like the villages' numbers: the newsroom's WhatsApp buttons have someone to message.
        user.whatsapp = f"6281299{zlib.crc32(username.encode()) % 1_000_000:06d}"
        user.is_active = True
        for flag, value in flags.items():
            setattr(user, flag, value)
        # Reset on every run: the printed logins must keep working.
        user.password = self.password_hash
        user.save()
        return user

    def seed_staff(self):
        self.seed_user("admin", "Admin", "Portal", is_staff=True, is_superuser=True)
        self.seed_user("distrik", "Staf", "Diskominfosandi", is_district_staff=True)
        return [("admin", "superuser", "semua desa"), ("distrik", "staf distrik", "semua desa")]

    def seed_members(self, village, seed):
        rng = random.Random(f"people:{seed.slug}")
        members = []
        for prefix, role in (("editor", Membership.Role.EDITOR), ("penerbit", Membership.Role.PUBLISHER)):
            first = rng.choice(WOMEN if rng.random() < 0.5 else MEN)
            user = self.seed_user(f"{prefix}-{seed.slug}", first, rng.choice(FAMILY_NAMES))
            Membership.objects.update_or_create(user=user, village=village, defaults={"role": role})
            members.append(user)
        return members

    # The village's own pages

    def seed_pages(self, village, seed, kecamatan_name, publisher):
        """Write and publish a few of the starter pages every village gets
        (villagepages/starters.py); the others stay drafts, as in a real KIM
        that has not got to them yet. A page already written is left alone."""
        setting = {"pesisir": "di pesisir Selat Makassar", "pulau": "di sebuah pulau", "pedalaman": "di pedalaman"}
        crops = ", ".join(seed.crops) or "kebun dan laut"
        texts = {
            "profil": f"<p>{village.name} terletak {setting.get(seed.setting, '')}, Kecamatan {kecamatan_name}, "
                      f"Kabupaten Mamuju. {seed.description}</p><p>Sebagian besar warga hidup dari {crops}.</p>",
            "sejarah": f"<p>Menurut cerita para tetua, kampung {seed.name} dibuka oleh beberapa keluarga yang datang "
                       "mencari lahan dan air bersih. Nama desa diambil dari nama tempat mereka pertama bermukim.</p>"
                       f"<p>{village.name} menjadi desa definitif setelah pemekaran, dan sejak itu dipimpin kepala "
                       "desa yang dipilih warga.</p>",
            "visi-misi": f"<h2>Visi</h2><p>{seed.tagline or 'Desa yang maju, mandiri dan sejahtera'}.</p>"
                         "<h2>Misi</h2><ol><li>Meningkatkan pelayanan kepada warga.</li>"
                         "<li>Mengembangkan usaha warga dan hasil desa.</li>"
                         "<li>Menjaga lingkungan dan budaya setempat.</li></ol>",
            "kontak": f"<p>Kantor {village.name}, Kecamatan {kecamatan_name}.</p>"
                      "<p>Jam pelayanan: Senin sampai Jumat, pukul 08.00 sampai 14.00 WITA.</p>"
                      f"<p>{village.kim_name} menerima kabar dan foto kegiatan warga lewat WhatsApp kontak desa.</p>",
        }
        for page in Page.objects.for_village(village).filter(slug__in=texts, body=""):
            page.body = texts[page.slug]
            page.save_by(publisher, "publish")

    # Articles

    def seed_articles(self, village, seed, kecamatan_name, topics, editor, publisher, count, quiet=False):
        rng = random.Random(f"stories:{seed.slug}")
        stories = [story for story in STORIES if fits(story, seed)]
        rng.shuffle(stories)
        people = village_people(rng)
        ketua_kim = publisher.get_full_name()

        # The unpublished ones take the first stories, so --articles only
        # changes how many published ones follow.
        drafts = 1 + rng.randrange(2)
        unpublished = [Article.Status.DRAFT] * drafts + [Article.Status.REVIEW, Article.Status.SCHEDULED]
        if count > len(stories) - len(unpublished):
            count = len(stories) - len(unpublished)
            self.warn(f"{village.name}: cerita hanya cukup untuk {count} berita terbit.")
        plan = unpublished + [Article.Status.PUBLISHED] * count

        existing = set(village.articles.values_list("slug", flat=True))
        for index, status in enumerate(plan):
            story = stories[index]
            # One generator per article: the same article comes out the same
            # whatever --articles says.
            arng = random.Random(f"story:{seed.slug}:{index}")
            when = self.publish_time(status, index - len(unpublished), count, arng, QUIET_DAYS if quiet else 0)
            day = (when or self.now).astimezone(WITA).date() - timedelta(days=arng.choice([0, 0, 1]))
            context = story_context(seed, kecamatan_name, people, ketua_kim, day, arng)
            title, body = write_story(story, context, arng)
            slug = slugify(title)[:200].strip("-")
            if slug in existing:
                continue
            existing.add(slug)
            author = publisher if status == Article.Status.SCHEDULED else editor
            if status == Article.Status.PUBLISHED and arng.random() < 0.6:
                author = publisher
            topic, topic_seed = topics[story.topic]
            article = Article(
                village=village, title=title, slug=slug, body=body, topic=topic,
                author=author, status=status, published_at=when,
            )
            # Most articles have a picture; the newest always does, as the
            # village home page leads with it.
            if index == len(unpublished) or arng.random() < 0.85:
                article.photo = self.make_photo(village, author, topic_seed, seed.setting in COAST, arng)
            article.save()
            self.created["articles"] += 1

    def publish_time(self, status, published_index, count, rng, silence=0):
        if status == Article.Status.SCHEDULED:
            return future_time(self.now, rng)
        if status != Article.Status.PUBLISHED:
            return None
        # Spread over the last months, newest first, never today (it might still be morning).
        spacing = DAYS_BACK / max(count, 1)
        return past_time(self.now, 1 + silence + int(published_index * spacing + rng.random() * spacing * 0.8), rng)

    def seed_tips(self, village, publisher, index):
        """Three messages from residents; the chain message passed to the
        district by the first three KIMs. Left alone once a village has any."""
        if village.tips.exists():
            return
        rng = random.Random(f"tips:{village.slug}")
        comment = TIP_HOAX_COMMENTS[index % len(TIP_HOAX_COMMENTS)]
        plans = [
            (Tip.Kind.NEWS, rng.choice(TIP_NEWS), 3),
            (Tip.Kind.QUESTION, rng.choice(TIP_QUESTIONS), 2),
            (Tip.Kind.HOAX, f"{comment}\n\n{TIP_HOAX}".strip(), 1),
        ]
        for kind, message, days_ago in plans:
            name, phone = rng.choice(TIP_SENDERS)
            tip = Tip.objects.create(
                village=village, kind=kind, message=message, sender_name=name, sender_phone=phone,
                created=past_time(self.now, days_ago, rng),
            )
            if kind == Tip.Kind.HOAX and index < 3:
                Tip.objects.filter(pk=tip.pk).update(
                    passed_at=tip.created + timedelta(hours=2), passed_by=publisher,
                    passed_by_name=publisher.get_full_name(),
                )

    def seed_announcements(self):
        """Two district announcements: one for every village, one for a kecamatan."""
        first = Kecamatan.objects.filter(villages__isnull=False).order_by("pk").first()
        plans = [
            (ANNOUNCEMENTS[0], Announcement.Audience.ALL, None),
            (ANNOUNCEMENTS[1], Announcement.Audience.KECAMATAN, first),
        ]
        for (title, body), audience, kecamatan in plans:
            announcement, created = Announcement.objects.get_or_create(
                title=title,
                defaults={
                    "body": body, "audience": audience,
                    "starts_at": self.now - timedelta(days=2), "ends_at": self.now + timedelta(days=12),
                },
            )
            if created and kecamatan is not None:
                announcement.kecamatans.add(kecamatan)

    def make_photo(self, village, author, topic_seed, by_the_sea, rng):
        key = (topic_seed.slug, by_the_sea, rng.randrange(IMAGE_VARIANTS))
        if key not in self.processed:
            drawing_seed = ":".join(map(str, key))
            jpeg = illustration(topic_seed.name, topic_seed.light, topic_seed.dark, by_the_sea, drawing_seed)
            self.processed[key] = photos.process(ContentFile(jpeg, name="ilustrasi.jpg"))
        self.created["photos"] += 1
        return Photo.from_processed(self.processed[key], village, user=author, alt=alt_text(topic_seed, by_the_sea))

