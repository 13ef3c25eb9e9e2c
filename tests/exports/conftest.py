"""A village with something of everything to export (Taan): articles in
every status with topics, lead and body photos, Indonesian text and emoji,
a YouTube video, a byline from an old site and its old address, pages, an
unused photo; and beside it Bela, whose things must never come along."""

import datetime
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles import photos
from articles.models import Article, Photo, Topic
from exports import archive, wxr
from imports.models import OldLink
from tests.factories import ArticleFactory, MembershipFactory, UserFactory
from tips.models import Tip
from villagepages.models import Page

WITA = datetime.timezone(datetime.timedelta(hours=8))
PANEN = "Panen raya kakao 🍫 di Desa Taan"
PANEN_BODY_TEXT = "Warga memanen kakao bersama-sama. Hasilnya naik dua kali lipat! 🎉"
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
SECRETS = [
    "RAHASIA-BELA-9d2e",  # Bela's article, page and photo caption
    "sari@rahasia.test", "6281390012345",  # a member's email and WhatsApp
    "penerbit-taan", "editor-taan",  # login names
    "Ibu Pengirim Rahasia", "6281377700011", "Pesan warga yang rahasia",  # a resident's tip
    "md5$",  # a password hash (tests hash with MD5)
    "Berita di tempat sampah",
]


def jpeg(color, size=(900, 600)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=92)
    return out.getvalue()


def make_photo(village, color, alt="", caption="", size=(900, 600)):
    processed = photos.process(ContentFile(jpeg(color, size), name="foto.jpg"))
    return Photo.from_processed(processed, village, alt=alt, caption=caption)


def figure(photo, alt, caption):
    return f'<figure class="image"><img src="{photo.url(1200)}" alt="{alt}"><figcaption>{caption}</figcaption></figure>'


@pytest.fixture
def topics(db):
    names = [("Pertanian", "pertanian"), ("Kesehatan", "kesehatan"), ("Pemerintahan", "pemerintahan")]
    return {slug: Topic.objects.create(name=name, slug=slug) for name, slug in names}


@pytest.fixture
def bela_things(bela):
    """What Bela has, none of which belongs in Taan's export."""
    photo = make_photo(bela, (200, 30, 30), caption="RAHASIA-BELA-9d2e foto")
    ArticleFactory(village=bela, title="RAHASIA-BELA-9d2e berita", photo=photo, body="<p>RAHASIA-BELA-9d2e</p>")
    Page.objects.create(village=bela, title="RAHASIA-BELA-9d2e halaman", body="<p>Isi.</p>", status="published")
    return photo


@pytest.fixture
def site(taan, topics, bela_things):
    """Taan with something of everything; {name: object}."""
    lead = UserFactory(username="penerbit-taan", first_name="Sari", last_name="Wulandari",
                       email="sari@rahasia.test", whatsapp="6281390012345")
    MembershipFactory(user=lead, village=taan, role="publisher")
    editor = UserFactory(username="editor-taan", first_name="Andi", last_name="Saputra", email="andi@rahasia.test")
    MembershipFactory(user=editor, village=taan, role="editor")
    lead_photo = make_photo(taan, (40, 140, 60), alt="Kebun kakao Pak Rahman", caption="Kebun kakao di Dusun II 🌱")
    body_photo = make_photo(taan, (180, 120, 40), alt="Biji kakao dijemur", caption="Biji kakao dijemur", size=(800, 1000))
    page_photo = make_photo(taan, (40, 60, 160), alt="Kantor desa lama")
    unused = make_photo(taan, (90, 90, 90), caption="Foto yang belum dipakai")
    now = timezone.now()
    made = {"lead": lead, "editor": editor, "lead_photo": lead_photo, "body_photo": body_photo,
            "page_photo": page_photo, "unused": unused}
    made["published"] = ArticleFactory(
        village=taan, title=PANEN, slug="panen-raya-kakao", author=lead, topic=topics["pertanian"], photo=lead_photo,
        excerpt="Hasil panen kakao naik dua kali lipat.", status="published",
        published_at=datetime.datetime(2026, 5, 15, 10, 0, tzinfo=WITA),
        body=f"<p>{PANEN_BODY_TEXT}</p>{figure(body_photo, 'Biji kakao dijemur', 'Biji kakao dijemur di halaman')}"
             f'<figure class="media"><oembed url="{YOUTUBE}"></oembed></figure><p>Terima kasih, Pak Kades. Jangan lupa: ]]&gt; bukan akhir.</p>',
    )
    made["scheduled"] = ArticleFactory(
        village=taan, title="Jadwal posyandu bulan depan", author=lead, topic=topics["kesehatan"], status="scheduled",
        published_at=(now + datetime.timedelta(days=10)).replace(microsecond=0),
        body="<p>Posyandu balita di balai desa, bawa buku KIA.</p>",
    )
    made["draft"] = ArticleFactory(
        village=taan, title="Rencana musyawarah desa", author=editor, topic=topics["pemerintahan"], status="draft",
        published_at=None, body="<p>Musyawarah membahas dana desa tahun depan.</p>",
    )
    made["review"] = ArticleFactory(
        village=taan, title="Usulan jalan tani ke kebun", author=editor, topic=None, status="review", published_at=None,
        body=f"<p>Jalan tani sepanjang dua kilometer.</p>{figure(body_photo, 'Biji kakao', 'Dijemur')}",
    )
    made["withdrawn"] = ArticleFactory(
        village=taan, title="Berita yang ditarik", author=lead, topic=topics["pertanian"], status="withdrawn",
        published_at=datetime.datetime(2026, 3, 1, 8, 30, tzinfo=WITA), body="<p>Sudah tidak berlaku.</p>",
    )
    made["imported"] = ArticleFactory(
        village=taan, title="Gotong royong membersihkan saluran", byline="Pak Rahman (situs lama)", author=None,
        topic=topics["pertanian"], status="published", published_at=datetime.datetime(2023, 5, 20, 7, 0, tzinfo=WITA),
        body="<p>Warga bergotong royong. Semangat! 💪</p>",
    )
    OldLink.objects.create(village=taan, path="/2023/05/gotong-royong", article=made["imported"])
    OldLink.objects.create(village=taan, path="/kategori/berita", target="/topik/pertanian/")
    made["taken_down"] = ArticleFactory(
        village=taan, title="Berita yang diturunkan distrik", author=lead, topic=topics["kesehatan"], status="published",
        published_at=datetime.datetime(2026, 4, 2, 9, 0, tzinfo=WITA), body="<p>Memuat data pribadi warga.</p>",
    )
    Article.objects.filter(pk=made["taken_down"].pk).update(taken_down_at=now, takedown_reason="Data pribadi warga.")
    trashed = ArticleFactory(village=taan, title="Berita di tempat sampah", author=lead, status="draft", published_at=None)
    trashed.move_to_trash()
    made["page"] = Page.objects.create(
        village=taan, title="Sejarah Desa Taan", status="published",
        body=f"<p>Desa Taan berdiri tahun 1960.</p>{figure(page_photo, 'Kantor desa lama', 'Kantor desa tahun 1970')}",
    )
    made["draft_page"] = Page.objects.create(village=taan, title="Visi dan misi", body="<p>Draf visi.</p>", status="draft")
    Tip.objects.create(village=taan, kind="hoaks", message="Pesan warga yang rahasia", sender_name="Ibu Pengirim Rahasia",
                       sender_phone="6281377700011")
    taan.tagline = "Kabar dari kebun kakao"
    taan.whatsapp = "6281244556677"
    taan.save()
    return made


def wxr_bytes(village):
    out = io.BytesIO()
    wxr.write(village, out)
    return out.getvalue()


def zip_bytes(village):
    out = io.BytesIO()
    archive.write(village, out)
    return out.getvalue()


def unzip(data, folder):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(folder)
    return folder
