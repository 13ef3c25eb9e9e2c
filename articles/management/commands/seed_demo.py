"""Demo data: villages of Kabupaten Mamuju with their KIMs, topics, users
and a few months of village news. Safe to run again: nothing is duplicated."""

import datetime
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

from articles import photos
from articles.models import Article, Photo, Topic
from villages.models import Kecamatan, Membership, User, Village

PASSWORD = "kimportal-demo"

# (kecamatan, village, KIM name, tagline)
VILLAGES = [
    ("Tapalang", "Taan", "KIM Taan Bersatu", "Dari pesisir Tapalang, kabar desa untuk warga"),
    ("Tapalang", "Tampalang", "KIM Tampalang Cerdas", "Informasi desa yang cepat dan benar"),
    ("Tapalang", "Ahu", "KIM Ahu Mandiri", "Suara warga dari kaki bukit Ahu"),
    ("Tapalang", "Bela", "KIM Bela Maju", "Bersama membangun Desa Bela"),
    ("Tapalang Barat", "Dungkait", "KIM Dungkait Sejahtera", "Kabar nelayan dan petani Dungkait"),
    ("Tapalang Barat", "Lebani", "KIM Lebani Informatif", "Desa pesisir yang terus belajar"),
    ("Simboro", "Botteng", "KIM Botteng Bangkit", "Warta Botteng untuk semua"),
    ("Simboro", "Sumare", "KIM Sumare Lestari", "Menjaga laut, merawat desa"),
    ("Simboro", "Tadui", "KIM Tadui Peduli", "Informasi dari warga, untuk warga"),
    ("Kalukku", "Beru-Beru", "KIM Beru-Beru Membangun", "Kabar terkini Desa Beru-Beru"),
    ("Kalukku", "Pammulukang", "KIM Pammulukang Cakap Digital", "Desa cakap digital, warga berdaya"),
    ("Kalukku", "Sondoang", "KIM Sondoang Harmoni", "Rukun, maju, dan terbuka"),
    ("Papalang", "Papalang", "KIM Papalang Jaya", "Kabar desa di jalur trans Sulawesi"),
    ("Papalang", "Topore", "KIM Topore Berkarya", "Petani sawit dan kakao bercerita"),
    ("Sampaga", "Tarailu", "KIM Tarailu Makmur", "Desa transmigran yang terus tumbuh"),
    ("Sampaga", "Sampaga", "KIM Sampaga Sigap", "Informasi desa tanpa hoaks"),
    ("Tommo", "Tommo", "KIM Tommo Bersinar", "Dari lembah Tommo untuk Mamuju"),
    ("Tommo", "Campaloga", "KIM Campaloga Sehati", "Kabar kebun dan sekolah kami"),
    ("Kalumpang", "Kalumpang", "KIM Kalumpang Warisan", "Menjaga budaya di hulu Karama"),
    ("Bonehau", "Bonehau", "KIM Bonehau Tangguh", "Desa di pegunungan, kabar sampai ke kota"),
]

TOPICS = [
    ("UMKM", "Usaha kecil dan produk unggulan desa.", (196, 98, 45)),
    ("Pariwisata", "Pantai, air terjun, dan tempat wisata desa.", (20, 130, 160)),
    ("Pertanian", "Kakao, padi, sawit, dan hasil kebun warga.", (70, 140, 60)),
    ("Kesehatan", "Posyandu, puskesmas, dan pencegahan stunting.", (200, 60, 80)),
    ("Pendidikan", "Sekolah, PAUD, dan kegiatan belajar warga.", (60, 90, 170)),
    ("Program Pemerintah", "Bantuan, dana desa, dan layanan publik.", (110, 80, 150)),
    ("Keamanan Digital", "Cakap digital dan waspada hoaks.", (40, 60, 80)),
    ("Budaya", "Adat, seni, dan tradisi Mandar.", (160, 110, 30)),
    ("Infrastruktur", "Jalan tani, air bersih, dan listrik desa.", (100, 100, 100)),
    ("Lingkungan", "Hutan, laut, sampah, dan kebersihan desa.", (30, 120, 90)),
]

FIRST_NAMES = ["Andi", "Sitti", "Muhammad", "Nurhayati", "Rahmat", "Hasniah", "Syamsul", "Marwah",
               "Ilham", "Fitriani", "Basri", "Jumriah", "Arman", "Sri", "Yusuf", "Hasmawati"]
LAST_NAMES = ["Mandar", "Saleh", "Rasyid", "Ambo", "Daeng", "Lamba", "Pua", "Hamzah", "Patta", "Kadir"]

# (topic, title template, paragraphs). {desa}, {kec} and {n} are filled in.
STORIES = [
    ("Pertanian", "Petani {desa} Mulai Panen Kakao, Harga Naik di Tingkat Pengepul", [
        "Petani kakao di Desa {desa}, Kecamatan {kec}, mulai memanen buah kakao pekan ini. Sebagian besar kebun warga berbuah lebat setelah musim hujan yang cukup.",
        "Menurut ketua kelompok tani, harga biji kakao kering di tingkat pengepul naik dibanding bulan lalu. Warga berharap harga tetap stabil hingga akhir musim panen.",
        "Penyuluh pertanian mengingatkan petani untuk memangkas cabang dan membersihkan buah yang terserang hama busuk buah agar panen berikutnya tetap baik.",
    ]),
    ("Pertanian", "Kelompok Tani {desa} Terima Bantuan Bibit Padi Unggul", [
        "Sebanyak {n} kelompok tani di Desa {desa} menerima bantuan bibit padi unggul dari Dinas Pertanian Kabupaten Mamuju.",
        "Bibit dibagikan di balai desa dan disaksikan kepala desa serta penyuluh pertanian lapangan. Petani diminta menanam serentak agar serangan hama dapat dikendalikan.",
        "Kepala desa berpesan agar bantuan dimanfaatkan sebaik-baiknya dan hasil panen dilaporkan kepada pemerintah desa.",
    ]),
    ("Kesehatan", "Posyandu {desa} Timbang {n} Balita, Kader Ajak Warga Cegah Stunting", [
        "Posyandu di Desa {desa} kembali dibuka pada hari Sabtu. Sebanyak {n} balita ditimbang dan diukur tinggi badannya oleh kader posyandu bersama bidan desa.",
        "Kader PKK juga membagikan makanan tambahan berupa bubur kacang hijau dan telur rebus. Ibu-ibu diajak memberikan ASI eksklusif dan makanan bergizi seimbang.",
        "Bidan desa mengingatkan bahwa pencegahan stunting dimulai sejak masa kehamilan. Ibu hamil diminta rutin memeriksakan kandungan di puskesmas.",
    ]),
    ("Kesehatan", "Warga {desa} Ikuti Pemeriksaan Kesehatan Gratis", [
        "Puskesmas Kecamatan {kec} menggelar pemeriksaan kesehatan gratis di Desa {desa}. Warga lanjut usia memeriksakan tekanan darah dan gula darah.",
        "Petugas kesehatan juga memberikan penyuluhan tentang bahaya hipertensi dan pentingnya mengurangi garam serta rokok.",
    ]),
    ("UMKM", "Keripik Pisang Buatan Ibu-Ibu {desa} Kini Dijual ke Mamuju", [
        "Kelompok usaha ibu-ibu di Desa {desa} berhasil memasarkan keripik pisang hingga ke toko oleh-oleh di Kota Mamuju.",
        "Usaha yang dimulai dengan modal kecil dari BUMDes ini kini mempekerjakan {n} warga. Kemasan baru dengan label halal membuat produk lebih dipercaya pembeli.",
        "Pengurus berharap dapat menjual produk melalui toko daring agar pembeli dari luar Sulawesi Barat juga bisa memesan.",
    ]),
    ("UMKM", "BUMDes {desa} Buka Usaha Pengeringan Rumput Laut", [
        "Badan Usaha Milik Desa (BUMDes) {desa} membuka usaha pengeringan rumput laut untuk membantu nelayan dan pembudidaya di pesisir.",
        "Dengan para-para pengering yang baru, kualitas rumput laut lebih bersih dan harga jualnya lebih baik. BUMDes membeli rumput laut basah dari warga dengan harga yang disepakati bersama.",
    ]),
    ("Pariwisata", "Pantai di {desa} Ramai Dikunjungi Saat Libur Panjang", [
        "Pantai di Desa {desa} ramai dikunjungi wisatawan lokal selama libur panjang. Pengunjung datang dari Kota Mamuju dan kecamatan sekitar.",
        "Pemuda desa mengelola parkir dan kebersihan pantai. Pedagang kecil menjual ikan bakar, kelapa muda, dan jajanan khas Mandar.",
        "Pemerintah desa berencana membangun gazebo dan toilet umum menggunakan dana desa tahun depan.",
    ]),
    ("Pendidikan", "Siswa SD di {desa} Belajar Membaca Bersama Relawan", [
        "Relawan pendidikan membuka kelas membaca sore hari bagi siswa sekolah dasar di Desa {desa}. Setiap pekan sekitar {n} anak ikut belajar.",
        "Kegiatan berlangsung di perpustakaan desa yang baru dirapikan. Buku-buku bacaan berasal dari sumbangan warga dan perpustakaan daerah.",
    ]),
    ("Pendidikan", "PAUD {desa} Gelar Wisuda Anak Didik", [
        "Pendidikan Anak Usia Dini (PAUD) di Desa {desa} menggelar wisuda bagi {n} anak didik yang akan melanjutkan ke sekolah dasar.",
        "Anak-anak menampilkan tarian dan lagu daerah di depan orang tua. Kepala desa memberi apresiasi kepada para guru PAUD yang mengajar dengan penuh kesabaran.",
    ]),
    ("Program Pemerintah", "Musrenbang {desa} Tetapkan Prioritas Pembangunan Tahun Depan", [
        "Pemerintah Desa {desa} menggelar musyawarah perencanaan pembangunan (musrenbang) di balai desa. Warga dari setiap dusun menyampaikan usulan.",
        "Usulan yang paling banyak disampaikan adalah perbaikan jalan tani, air bersih, dan pelatihan usaha bagi pemuda.",
        "<h2>Prioritas yang disepakati</h2>",
        "<ul><li>Perbaikan jalan tani sepanjang {n}00 meter</li><li>Pipa air bersih ke dusun terjauh</li><li>Pelatihan usaha bagi pemuda</li></ul>",
        "Hasil musrenbang desa akan dibawa ke musrenbang Kecamatan {kec}.",
    ]),
    ("Program Pemerintah", "Penyaluran BLT Dana Desa Tahap Ini di {desa} Berjalan Lancar", [
        "Pemerintah Desa {desa} menyalurkan Bantuan Langsung Tunai (BLT) Dana Desa kepada {n} keluarga penerima manfaat.",
        "Penyaluran dilakukan di kantor desa dengan tertib. Warga diminta membawa KTP dan kartu keluarga.",
        "<blockquote><p>Bantuan ini untuk kebutuhan pokok keluarga. Gunakan dengan bijak.</p></blockquote>",
    ]),
    ("Keamanan Digital", "KIM {desa} Ajak Warga Waspada Hoaks di Grup WhatsApp", [
        "Anggota KIM Desa {desa} mengadakan pertemuan dengan warga untuk membahas cara mengenali berita bohong yang beredar di grup WhatsApp.",
        "Warga diajak memeriksa sumber berita, tidak langsung meneruskan pesan berantai, dan bertanya kepada perangkat desa bila ragu.",
        "Peserta juga belajar mengamankan akun media sosial dengan verifikasi dua langkah.",
    ]),
    ("Keamanan Digital", "Waspada Penipuan Berkedok Bantuan Sosial, Ini Pesan KIM {desa}", [
        "Beberapa warga Desa {desa} menerima pesan singkat yang mengatasnamakan bantuan sosial dan meminta kode OTP.",
        "KIM mengingatkan bahwa petugas resmi tidak pernah meminta kode OTP atau PIN. Warga yang menerima pesan seperti ini diminta melapor ke kantor desa.",
    ]),
    ("Budaya", "Festival Budaya {desa} Tampilkan Sayyang Pattu'du", [
        "Desa {desa} menggelar festival budaya yang menampilkan tradisi Sayyang Pattu'du, kuda menari khas Mandar.",
        "Anak-anak yang telah khatam Al-Qur'an diarak keliling desa di atas kuda yang menari mengikuti irama rebana.",
        "Tradisi ini menjadi kebanggaan warga dan menarik pengunjung dari desa-desa tetangga.",
    ]),
    ("Infrastruktur", "Jalan Tani {desa} Selesai Dibangun dengan Dana Desa", [
        "Pembangunan jalan tani sepanjang {n}00 meter di Desa {desa} telah selesai. Jalan ini memudahkan petani mengangkut hasil kebun.",
        "Pekerjaan dilakukan secara padat karya sehingga warga setempat ikut bekerja dan mendapat upah.",
    ]),
    ("Infrastruktur", "Air Bersih Kini Mengalir ke Dusun Terjauh di {desa}", [
        "Warga dusun terjauh di Desa {desa} kini dapat menikmati air bersih setelah pemasangan pipa dari sumber mata air di perbukitan.",
        "Sebelumnya warga harus berjalan jauh untuk mengambil air. Pengelolaan air dilakukan oleh kelompok warga yang dibentuk bersama pemerintah desa.",
    ]),
    ("Lingkungan", "Gotong Royong Bersihkan Pantai dan Saluran Air di {desa}", [
        "Ratusan warga Desa {desa} bergotong royong membersihkan pantai dan saluran air pada hari Jumat pagi.",
        "Sampah plastik dikumpulkan dan dipilah. Sebagian dibawa ke bank sampah yang dikelola pemuda desa.",
    ]),
    ("Lingkungan", "Pemuda {desa} Tanam {n}00 Bibit Mangrove", [
        "Pemuda Desa {desa} bersama nelayan menanam bibit mangrove di pesisir untuk mencegah abrasi.",
        "Mangrove juga menjadi tempat berkembang biak ikan dan kepiting sehingga bermanfaat bagi nelayan.",
    ]),
]


def _font(size):
    for name in ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def demo_image(topic_name, colour, seed):
    """A simple illustrated card: sky, hills or sea, sun, and the topic name."""
    rng = random.Random(seed)
    width, height = 1200, 675
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient towards a lighter horizon
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * 0.55 * t) for c in colour))
    sun = rng.randint(150, width - 150)
    draw.ellipse([sun - 70, 90, sun + 70, 230], fill=(255, 214, 102))
    for layer in range(3):
        base = 420 + layer * 70
        shade = tuple(max(0, int(c * (0.75 - layer * 0.18))) for c in colour)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 90)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(2, 5)):  # houses on stilts
        x = rng.randint(60, width - 160)
        y = rng.randint(470, 560)
        draw.rectangle([x, y, x + 90, y + 55], fill=(245, 235, 215))
        draw.polygon([(x - 10, y), (x + 45, y - 40), (x + 100, y)], fill=(150, 60, 40))
    font = _font(48)
    draw.rounded_rectangle([40, 40, 90 + draw.textlength(topic_name, font=font), 120], radius=18, fill=(255, 255, 255))
    draw.text((65, 52), topic_name, font=font, fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


class Command(BaseCommand):
    help = "Membuat data demo: desa-desa Kabupaten Mamuju, KIM, topik, pengguna, dan berita."

    def add_arguments(self, parser):
        parser.add_argument("--villages", type=int, default=len(VILLAGES), help="berapa desa (maks. 20)")
        parser.add_argument("--articles", type=int, default=24, help="berita terbit per desa")

    @transaction.atomic
    def handle(self, *args, villages, articles, **options):
        rng = random.Random(2024)
        self.processed, self.photos = {}, {}
        topics = self._topics()
        logins = [("admin", "superuser", "semua desa"), ("distrik", "staf distrik", "semua desa")]
        self._user("admin", "Admin", "Portal", is_superuser=True)
        self._user("distrik", "Staf", "Diskominfosandi", is_district_staff=True)
        created = 0
        for kec_name, name, kim, tagline in VILLAGES[:villages]:
            village = self._village(kec_name, name, kim, tagline, rng)
            editor = self._member(village, Membership.Role.EDITOR, f"editor-{village.slug}", rng)
            publisher = self._member(village, Membership.Role.PUBLISHER, f"penerbit-{village.slug}", rng)
            logins += [(editor.username, "editor", village.name), (publisher.username, "penerbit", village.name)]
            created += self._articles(village, topics, [editor, publisher], articles, rng)
        self._print(logins, created)

    def _topics(self):
        topics = {}
        for position, (name, description, colour) in enumerate(TOPICS):
            topic, _ = Topic.objects.update_or_create(
                slug=slugify(name), defaults={"name": name, "description": description, "position": position}
            )
            topics[name] = (topic, colour)
        return topics

    def _user(self, username, first, last, **flags):
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "is_staff": True, **flags}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user

    def _village(self, kec_name, name, kim, tagline, rng):
        kecamatan, _ = Kecamatan.objects.get_or_create(slug=slugify(kec_name), defaults={"name": kec_name})
        village, _ = Village.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": f"Desa {name}", "kim_name": kim, "kecamatan": kecamatan, "tagline": tagline,
                "description": (
                    f"{kim} adalah kelompok relawan informasi Desa {name}, Kecamatan {kec_name}. "
                    "Kami menulis kabar desa, menyampaikan informasi program pemerintah, "
                    "dan mengajak warga cakap digital serta waspada hoaks."
                ),
                "whatsapp": f"62812{rng.randint(10000000, 99999999)}",
            },
        )
        return village

    def _member(self, village, role, username, rng):
        user = self._user(username, rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        Membership.objects.get_or_create(user=user, village=village, defaults={"role": role})
        return user

    def _articles(self, village, topics, authors, count, rng):
        if village.articles.exists():
            return 0
        now = timezone.now()
        stories = rng.sample(STORIES, len(STORIES))
        plan = [(Article.Status.PUBLISHED, now - datetime.timedelta(days=rng.uniform(0.2, 180))) for _ in range(count)]
        plan += [
            (Article.Status.DRAFT, None),
            (Article.Status.DRAFT, None),
            (Article.Status.REVIEW, None),
            (Article.Status.SCHEDULED, now + datetime.timedelta(days=3)),
        ]
        for i, (status, when) in enumerate(plan):
            topic_name, title, paragraphs = stories[i % len(stories)]
            topic, colour = topics[topic_name]
            values = {"desa": village.name.removeprefix("Desa "), "kec": village.kecamatan.name, "n": rng.randint(3, 40)}
            body = "".join(p.format(**values) if p.startswith("<") else f"<p>{p.format(**values)}</p>" for p in paragraphs)
            if when is not None:
                # Villagers write in daylight, Sulawesi time.
                when = timezone.localtime(when).replace(hour=rng.randint(7, 17), minute=rng.choice([0, 15, 30, 45]))
            article = Article(
                village=village, title=title.format(**values), body=body, topic=topic,
                author=rng.choice(authors), status=status, published_at=when,
            )
            if i % 5 != 4:  # most, not all, stories have a photo
                article.photo = self._photo(village, topic.name, colour, rng.randrange(3))
            article.save()
        return len(plan)

    def _photo(self, village, topic_name, colour, variant):
        """A village's library holds a few illustrations per topic; making
        each once keeps the demo quick to seed."""
        key = (village.pk, topic_name, variant)
        if key not in self.photos:
            if (topic_name, variant) not in self.processed:
                upload = SimpleUploadedFile("demo.jpg", demo_image(topic_name, colour, variant), "image/jpeg")
                self.processed[topic_name, variant] = photos.process(upload)
            self.photos[key] = Photo.from_processed(
                self.processed[topic_name, variant], village, alt=f"Ilustrasi bertema {topic_name.lower()}"
            )
        return self.photos[key]

    def _print(self, logins, created):
        self.stdout.write(self.style.SUCCESS(f"Data demo siap ({created} berita baru)."))
        self.stdout.write(f"\nLogin demo (kata sandi untuk semua: {PASSWORD}, hanya untuk demo):")
        for username, role, village in logins[:8]:
            self.stdout.write(f"  {username:<22} {role:<14} {village}")
        if len(logins) > 8:
            self.stdout.write(f"  … dan {len(logins) - 8} akun editor/penerbit lain (editor-<desa>, penerbit-<desa>)")
        self.stdout.write("\nPortal distrik: http://localhost:8000/")
        self.stdout.write("Situs desa:     http://taan.localhost:8000/")
        self.stdout.write("Ruang redaksi:  http://localhost:8000/admin/")
