"""The demo's words: the villages of Kabupaten Mamuju by their real
kecamatan, the district topics, people's names, the Indonesian story
templates and the district announcements, with the pure functions that fill a
story in for one village and day (Indonesian numbers, the village's people,
which stories fit which village).

No database and no Django: the demo seeder (demo/seeding.py) and the
benchmark data (bench/generate.py) both write their articles from these.
"""

from typing import NamedTuple
from zoneinfo import ZoneInfo

# Mamuju's time zone: the days stories name and the hours articles go out.
WITA = ZoneInfo("Asia/Makassar")
ANNOUNCEMENTS = [
    (
        "Imunisasi polio gratis di semua puskesmas, 1–12 Desember",
        "<p>Dinas Kesehatan Kabupaten Mamuju mengadakan imunisasi polio gratis untuk anak usia 0–7 tahun "
        "di semua puskesmas dan posyandu. Bawa buku KIA atau kartu keluarga.</p>"
        "<ul><li>Waktu: pukul 08.00–12.00 WITA</li><li>Tempat: puskesmas dan posyandu terdekat</li></ul>",
    ),
    (
        "Musrenbang kecamatan: usulan desa paling lambat Jumat",
        "<p>Kepala desa dan KIM diminta mengirim usulan pembangunan hasil musyawarah dusun ke kantor camat "
        "paling lambat hari Jumat. Usulan yang terlambat masuk ke tahun berikutnya.</p>",
    ),
]


class VillageSeed(NamedTuple):
    slug: str
    name: str  # without "Desa"
    kim_name: str
    setting: str  # "pesisir", "pulau" or "pedalaman": picks stories and the drawing
    crops: tuple  # what the village grows, for farming stories
    features: tuple  # extra story hooks: "nelayan", "rumput-laut", "tenun"
    tagline: str
    description: str


V = VillageSeed

# Kabupaten Mamuju, by kecamatan. Taan comes first: the README and the
# browser tests open taan.localhost.
KECAMATAN = [
    ("Tapalang", [
        V("taan", "Taan", "KIM Taan Bersatu", "pesisir", ("kakao", "kelapa", "padi"), ("nelayan",),
          "Kabar warga Taan, dari kebun sampai ke tepi laut",
          "Desa Taan berada di Kecamatan Tapalang, di pesisir selatan Kabupaten Mamuju. Sebagian besar "
          "warganya berkebun kakao dan kelapa, sementara keluarga di tepi pantai hidup dari melaut. "
          "KIM Taan Bersatu menulis kabar desa, program pemerintah, dan cerita warga."),
        V("tampalang", "Tampalang", "KIM Tampalang Maju", "pesisir", ("kelapa", "kakao", "cengkeh"), ("nelayan",),
          "Informasi desa yang cepat, benar, dan dekat dengan warga",
          "Tampalang adalah desa pesisir di Kecamatan Tapalang. Kelapa, kakao, dan hasil laut menjadi "
          "penopang ekonomi warga. KIM Tampalang Maju mengajak warga berbagi kabar yang bisa dipercaya."),
        V("ahu", "Ahu", "KIM Ahu Mandiri", "pedalaman", ("kakao", "durian", "cengkeh"), (),
          "Suara warga dari perbukitan Tapalang",
          "Desa Ahu terletak di daerah perbukitan Kecamatan Tapalang. Kebun kakao, durian, dan cengkeh "
          "menjadi sumber penghidupan sebagian besar keluarga. KIM Ahu Mandiri mencatat kegiatan desa "
          "agar warga yang merantau pun tetap mengikuti kabar kampung halaman."),
        V("bela", "Bela", "KIM Bela Sejahtera", "pedalaman", ("kakao", "padi", "pisang"), (),
          "Bersama membangun Desa Bela",
          "Bela adalah desa pertanian di Kecamatan Tapalang. Warganya menanam kakao, padi, dan pisang. "
          "Melalui KIM Bela Sejahtera, pemerintah desa dan warga saling bertukar informasi."),
    ]),
    ("Tapalang Barat", [
        V("dungkait", "Dungkait", "KIM Dungkait Bahari", "pesisir", ("kelapa", "kakao"), ("nelayan", "rumput-laut"),
          "Kabar nelayan dan petani Dungkait",
          "Desa Dungkait di Kecamatan Tapalang Barat menghadap langsung ke Selat Makassar. Warganya "
          "melaut, membudidayakan rumput laut, dan berkebun kelapa. KIM Dungkait Bahari menjadi wadah "
          "warga untuk berbagi kabar dan informasi yang benar."),
        V("lebani", "Lebani", "KIM Lebani Informatif", "pesisir", ("kelapa", "jagung", "kakao"), ("nelayan",),
          "Desa pesisir yang terus belajar",
          "Lebani adalah desa pesisir di Kecamatan Tapalang Barat dengan warga nelayan dan petani "
          "kelapa. KIM Lebani Informatif menyebarkan informasi layanan publik dan kegiatan desa."),
    ]),
    ("Mamuju", [
        V("karampuang", "Karampuang", "KIM Karampuang Bahari", "pulau", ("kelapa",), ("nelayan", "rumput-laut"),
          "Kabar dari pulau di depan Kota Mamuju",
          "Desa Karampuang meliputi Pulau Karampuang di Teluk Mamuju, sekitar dua puluh menit "
          "berperahu dari pusat kota. Warganya nelayan, pembudidaya rumput laut, dan pelaku wisata bahari. "
          "KIM Karampuang Bahari mengabarkan kehidupan pulau kepada warga dan pengunjung."),
        V("tadui", "Tadui", "KIM Tadui Bangkit", "pesisir", ("kakao", "kopi"), ("nelayan", "rumput-laut"),
          "Dari pesisir dan perbukitan Tadui",
          "Desa Tadui di Kecamatan Mamuju membentang dari pesisir sampai perbukitan. Warganya bertani "
          "kakao dan kopi, melaut, serta membudidayakan rumput laut. KIM Tadui Bangkit menulis kabar "
          "desa untuk warga."),
    ]),
    ("Simboro", [
        V("botteng", "Botteng", "KIM Botteng Raya", "pedalaman", ("nilam", "kakao", "durian"), (),
          "Warta Botteng untuk semua",
          "Desa Botteng berada di Kecamatan Simboro, tidak jauh dari Kota Mamuju. Selain kakao dan "
          "durian, banyak warga kini menanam nilam. KIM Botteng Raya mengabarkan kegiatan warga "
          "dan program desa."),
        V("sumare", "Sumare", "KIM Sumare Cerdas", "pesisir", ("kelapa", "kakao"), ("nelayan",),
          "Menjaga laut, merawat desa",
          "Sumare adalah desa pesisir di Kecamatan Simboro. Nelayan dan petani kelapa hidup "
          "berdampingan di desa ini. KIM Sumare Cerdas mengajak warga cakap digital dan waspada hoaks."),
    ]),
    ("Kalukku", [
        V("beru-beru", "Beru-Beru", "KIM Beru-Beru Bersinar", "pesisir", ("padi", "kelapa"),
          ("nelayan", "rumput-laut"),
          "Kabar terkini dari pesisir Kalukku",
          "Desa Beru-Beru di Kecamatan Kalukku dikenal dengan sawah dan pesisirnya. Warganya bertani "
          "padi, melaut, dan membudidayakan rumput laut. KIM Beru-Beru Bersinar menjadi sumber kabar desa."),
        V("pammulukang", "Pammulukang", "KIM Pammulukang Bersatu", "pedalaman", ("padi", "kakao", "jagung"), (),
          "Rukun, maju, dan terbuka",
          "Pammulukang adalah desa pertanian di Kecamatan Kalukku. Padi, kakao, dan jagung menjadi "
          "andalan warga. KIM Pammulukang Bersatu mencatat kegiatan desa dari musim tanam sampai panen."),
        V("sondoang", "Sondoang", "KIM Sondoang Maju", "pesisir", ("kelapa", "kakao"), ("nelayan",),
          "Informasi desa tanpa hoaks",
          "Desa Sondoang berada di Kecamatan Kalukku, di tepi Selat Makassar. Warganya melaut dan "
          "berkebun. KIM Sondoang Maju mengabarkan kegiatan warga dan layanan pemerintah desa."),
    ]),
    ("Papalang", [
        V("papalang", "Papalang", "KIM Papalang Jaya", "pesisir", ("kelapa sawit", "kakao", "padi"), ("nelayan",),
          "Kabar desa di jalur trans-Sulawesi",
          "Desa Papalang adalah pusat Kecamatan Papalang yang dilalui jalan trans-Sulawesi. Warganya "
          "berkebun sawit dan kakao, bersawah, dan melaut. KIM Papalang Jaya mengabarkan kegiatan desa."),
        V("topore", "Topore", "KIM Topore Berkarya", "pedalaman", ("kelapa sawit", "kakao", "jagung"), (),
          "Petani sawit dan kakao bercerita",
          "Topore adalah desa di Kecamatan Papalang yang sebagian besar warganya berkebun sawit dan "
          "kakao. KIM Topore Berkarya mengajak warga menulis dan membaca kabar dari desanya sendiri."),
    ]),
    ("Sampaga", [
        V("tarailu", "Tarailu", "KIM Tarailu Transparan", "pedalaman", ("padi", "kakao", "kelapa sawit"), (),
          "Desa terbuka, warga berdaya",
          "Desa Tarailu di Kecamatan Sampaga dikenal dengan sawah dan kebun kakaonya. Pemerintah desa "
          "berusaha terbuka soal anggaran dan pembangunan. KIM Tarailu Transparan membantu kabar itu "
          "sampai ke setiap rumah."),
        V("sampaga", "Sampaga", "KIM Sampaga Sigap", "pesisir", ("kelapa", "kelapa sawit", "kakao"), ("nelayan",),
          "Sigap mengabarkan, cermat memeriksa",
          "Sampaga adalah desa di Kecamatan Sampaga dengan warga petani dan nelayan. KIM Sampaga Sigap "
          "menulis kabar desa dan membantu warga memeriksa kebenaran informasi."),
    ]),
    ("Tommo", [
        V("tommo", "Tommo", "KIM Tommo Harmoni", "pedalaman", ("kelapa sawit", "padi", "kakao"), (),
          "Dari lembah Tommo untuk Mamuju",
          "Desa Tommo adalah pusat Kecamatan Tommo di pedalaman Kabupaten Mamuju. Warganya berasal "
          "dari berbagai suku dan hidup dari sawah serta kebun sawit dan kakao. KIM Tommo Harmoni "
          "merangkum kabar warga."),
        V("campaloga", "Campaloga", "KIM Campaloga Maju", "pedalaman", ("padi", "kakao", "jagung"), (),
          "Kabar kebun dan sekolah kami",
          "Campaloga adalah desa pertanian di Kecamatan Tommo. Padi dan kakao menjadi andalan warga. "
          "KIM Campaloga Maju mengabarkan kegiatan desa, sekolah, dan kelompok tani."),
    ]),
    ("Kalumpang", [
        V("kalumpang", "Kalumpang", "KIM Kalumpang Sekomandi", "pedalaman", ("kopi", "kakao", "padi"), ("tenun",),
          "Menjaga budaya di hulu Sungai Karama",
          "Desa Kalumpang berada di hulu Sungai Karama, di pedalaman Kabupaten Mamuju. Desa ini dikenal "
          "dengan tenun ikat sekomandi dan kebun kopinya. KIM Kalumpang Sekomandi merawat cerita "
          "dan kabar warga."),
        V("karama", "Karama", "KIM Karama Lestari", "pedalaman", ("kakao", "kopi", "pisang"), ("tenun",),
          "Kabar dari tepian Sungai Karama",
          "Desa Karama di Kecamatan Kalumpang terletak di sepanjang Sungai Karama. Warganya berkebun "
          "kakao dan kopi serta menjaga tradisi tenun. KIM Karama Lestari mengabarkan kehidupan desa."),
    ]),
    ("Bonehau", [
        V("bonehau", "Bonehau", "KIM Bonehau Tangguh", "pedalaman", ("kakao", "kopi", "durian"), (),
          "Desa di pegunungan, kabarnya sampai ke kota",
          "Desa Bonehau adalah pusat Kecamatan Bonehau di pegunungan Kabupaten Mamuju. Kakao, kopi, dan "
          "durian tumbuh di kebun warga. KIM Bonehau Tangguh memastikan kabar desa tidak tertinggal."),
    ]),
    ("Kepulauan Balabalakang", [
        V("balabalakang-timur", "Balabalakang Timur", "KIM Balabalakang Timur Bahari", "pulau", ("kelapa",),
          ("nelayan", "rumput-laut"),
          "Kabar dari gugusan pulau di tengah Selat Makassar",
          "Desa Balabalakang Timur meliputi beberapa pulau kecil di Kepulauan Balabalakang, berjam-jam "
          "perjalanan perahu dari Mamuju. Warganya nelayan dan pembudidaya rumput laut. "
          "KIM Balabalakang Timur Bahari membawa kabar pulau ke daratan."),
    ]),
]


class TopicSeed(NamedTuple):
    slug: str
    name: str
    description: str
    light: tuple  # the illustration's gradient, light to dark
    dark: tuple
    colour: str  # the same colour in words, for alt text


T = TopicSeed

TOPICS = [
    T("umkm", "UMKM", "Usaha mikro, kecil, dan menengah serta produk unggulan desa.",
      (255, 183, 77), (214, 90, 20), "jingga"),
    T("pariwisata", "Pariwisata", "Pantai, pulau, sungai, dan tempat wisata yang dikelola warga.",
      (100, 200, 240), (10, 110, 170), "biru langit"),
    T("pertanian", "Pertanian", "Kakao, kelapa, padi, rumput laut, dan hasil kebun warga.",
      (178, 215, 130), (56, 135, 60), "hijau daun"),
    T("kesehatan", "Kesehatan", "Posyandu, puskesmas, gizi anak, dan pencegahan stunting.",
      (130, 220, 215), (0, 125, 130), "hijau toska"),
    T("pendidikan", "Pendidikan", "Sekolah, PAUD, perpustakaan desa, dan kegiatan belajar warga.",
      (165, 175, 230), (50, 65, 160), "biru nila"),
    T("program-pemerintah", "Program Pemerintah", "Dana desa, bantuan sosial, musrenbang, dan layanan publik.",
      (190, 200, 210), (60, 78, 92), "abu-abu kebiruan"),
    T("keamanan-digital", "Keamanan Digital", "Waspada hoaks, penipuan daring, dan menjaga akun tetap aman.",
      (175, 150, 225), (70, 40, 150), "ungu"),
    T("budaya", "Budaya", "Adat, seni, tenun, dan tradisi masyarakat Mamuju.",
      (240, 140, 170), (150, 30, 85), "merah muda"),
    T("infrastruktur", "Infrastruktur", "Jalan tani, jembatan, air bersih, dan penerangan desa.",
      (250, 210, 110), (135, 95, 60), "kuning kecokelatan"),
    T("lingkungan", "Lingkungan", "Hutan, pesisir, mangrove, sampah, dan kebersihan desa.",
      (140, 205, 150), (0, 100, 85), "hijau tua"),
]

MEN = [
    "Muhammad Arsyad", "Syamsuddin", "Baharuddin", "Abdul Rahman", "Hamzah", "Ridwan", "Irwan",
    "Kaharuddin", "Muhlis", "Zainal", "Yusran", "Arifuddin", "Sudirman", "Jamaluddin", "Askar",
    "Rustam", "Nasrullah", "Hasbi", "Amiruddin", "Suardi", "Darwis", "Ilham",
]
WOMEN = [
    "Nurhayati", "Sitti Aisyah", "Hasriani", "Darmawati", "Nurdiana", "Masyita", "Sukmawati",
    "Jumriah", "Rosmiati", "Nirwana", "Hasmawati", "Fitriani", "Ratnasari", "Halijah", "Marwah",
    "Suriani", "Hasna", "Rahmawati", "Hadijah", "Nurlina", "Kartini", "Asmawati",
]
FAMILY_NAMES = [
    "Saleh", "Idris", "Basri", "Tahir", "Hamid", "Rahman", "Sanusi", "Jafar", "Malik", "Syarif",
    "Halim", "Mansyur", "Kadir", "Salam", "Rasyid", "Pattola", "Latif", "Mustafa", "Yunus", "Haruna",
    "Daud", "Nur",
]

HOME_PRODUCTS = ["minyak kelapa", "kue tradisional", "jepa", "keripik pisang", "keripik ubi", "gula merah"]
COAST_PRODUCTS = ["abon ikan", "ikan asin", "kerupuk ikan", "dodol rumput laut", "terasi"]
HILL_PRODUCTS = ["bubuk kakao", "kopi bubuk", "keripik pisang", "gula aren", "madu hutan"]

# Indonesian news spells out numbers below ten.
SMALL_NUMBERS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

COAST = ("pesisir", "pulau")


class Story(NamedTuple):
    topic: str  # topic slug
    titles: tuple  # one is picked per village, so villages read differently
    body: tuple  # HTML blocks; "{...}" placeholders are filled from story_context()
    where: tuple = ()  # settings it fits; empty means anywhere
    needs: str = ""  # a crop or feature the village must have


S = Story

# Placeholders: {desa} Taan, {nama_desa} Desa Taan, {kec}, {kim}, {kades},
# {ketua_kim}, {bidan}, {ketua_pkk}, {ketua_tani}, {warga}, {warga_p},
# {pemuda}, {guru}, {pendamping}, {tanaman}/{Tanaman} (a garden crop, never
# padi), {produk}/{Produk}, {produk2}, {hari}, and numbers ({peserta}, {balita}, {kk},
# {km}, {kg}, {persen}, {bibit}, {juta}, {lansia}, {kelompok}, {anak}).
STORIES = [
    # UMKM
    S("umkm", ("Pelaku UMKM {nama_desa} Belajar Mengemas {Produk} agar Layak Pasar",
               "Pelatihan Kemasan dan Label Halal untuk Pelaku Usaha {nama_desa}"), (
        "<p>Sebanyak {peserta} pelaku usaha mikro di {nama_desa}, Kecamatan {kec}, mengikuti pelatihan "
        "pengemasan produk di balai desa, {hari}. Pelatihan ini difokuskan pada {produk}, salah satu produk "
        "rumahan yang paling banyak dibuat warga.</p>",
        "<p>Peserta belajar memilih kemasan yang kedap udara, menulis label yang memuat komposisi, berat "
        "bersih, dan tanggal kedaluwarsa, serta langkah awal mengurus Nomor Induk Berusaha (NIB) dan "
        "sertifikat halal gratis.</p>",
        "<blockquote><p>“Selama ini {produk} kami hanya dibungkus plastik biasa dan dijual ke tetangga. "
        "Kalau kemasannya rapi, kami berani menitipkannya di toko oleh-oleh di Mamuju,” kata {warga_p}, "
        "salah satu peserta.</p></blockquote>",
        "<p>Kepala {nama_desa}, {kades}, mengatakan pemerintah desa akan membantu pendaftaran NIB secara "
        "kolektif bagi peserta yang sudah siap.</p>",
    )),
    S("umkm", ("BUMDes {desa} Buka Gerai Produk Lokal di Depan Kantor Desa",
               "Gerai Produk Warga Milik BUMDes {desa} Resmi Dibuka"), (
        "<p>Badan Usaha Milik Desa (BUMDes) {nama_desa} membuka gerai produk lokal di depan kantor desa, "
        "{hari}. Gerai kecil ini menampung {produk}, {produk2}, dan hasil kebun warga untuk dijual kepada "
        "pengunjung maupun pengendara yang melintas.</p>",
        "<p>Menurut pengelola BUMDes, {warga}, setiap produk yang dititipkan dicatat dengan harga dari "
        "pembuatnya. BUMDes hanya mengambil jasa penjualan sekitar sepuluh persen untuk biaya listrik dan "
        "kebersihan gerai.</p>",
        "<h2>Cara menitipkan produk</h2>",
        "<ul><li>Datang ke kantor BUMDes pada hari kerja dengan membawa contoh produk.</li>"
        "<li>Produk harus berlabel dan mencantumkan nama pembuat serta tanggal produksi.</li>"
        "<li>Hasil penjualan dibayarkan setiap akhir pekan.</li></ul>",
        "<p>{kim} akan membagikan daftar produk yang tersedia setiap pekan melalui grup WhatsApp desa.</p>",
    )),
    S("umkm", ("Dari Dapur Rumah, PKK {nama_desa} Pasarkan {Produk} hingga ke Mamuju",
               "Ibu-Ibu PKK {desa} Kembangkan Usaha {Produk}"), (
        "<p>Kelompok ibu-ibu PKK {nama_desa} mulai serius menggarap usaha {produk}. Dalam sebulan terakhir, "
        "kelompok yang diketuai {ketua_pkk} ini sudah menerima pesanan dari sejumlah kios di Kecamatan "
        "{kec} dan Kota Mamuju.</p>",
        "<p>Usaha tersebut berawal dari arisan bulanan. Para anggota lalu sepakat menyisihkan sebagian iuran "
        "sebagai modal bersama untuk membeli bahan baku dan peralatan sederhana.</p>",
        "<blockquote><p>“Kami bagi tugas. Ada yang mengolah, ada yang mengemas, ada yang mengurus pesanan "
        "lewat WhatsApp. Hasilnya kami bagi setiap bulan,” jelas {ketua_pkk}.</p></blockquote>",
        "<p>Pemerintah desa berencana memasukkan bantuan peralatan produksi untuk kelompok ini dalam "
        "rencana kerja desa tahun depan.</p>",
    )),
    S("umkm", ("Warga {desa} Belajar Berjualan Daring lewat Ponsel",
               "Pelatihan Pemasaran Digital untuk Pelaku Usaha Kecil {nama_desa}"), (
        "<p>Puluhan pelaku usaha kecil di {nama_desa} belajar memasarkan produk melalui media sosial dan "
        "lokapasar dalam pelatihan yang digelar {kim} bersama pendamping desa, {hari}.</p>",
        "<p>Materinya antara lain cara memotret produk dengan cahaya alami, menulis keterangan yang jujur "
        "dan menarik, serta mencatat pesanan dan pembayaran agar tidak tercecer.</p>",
        "<p>“Yang penting fotonya terang dan harganya jelas. Pembeli di kota ingin tahu barangnya seperti "
        "apa sebelum memesan,” ujar {pendamping}, pendamping kegiatan.</p>",
        "<p>Peserta juga diingatkan untuk berhati-hati terhadap pembeli palsu yang meminta kode OTP atau "
        "mengirim tautan mencurigakan dengan dalih konfirmasi pembayaran.</p>",
    )),
    S("umkm", ("Abon Ikan Jadi Andalan Baru Keluarga Nelayan {desa}",
               "Saat Tak Bisa Melaut, Keluarga Nelayan {desa} Olah Ikan Jadi Abon"), (
        "<p>Ketika cuaca buruk dan perahu tidak bisa turun ke laut, sejumlah keluarga nelayan di "
        "{nama_desa} kini tetap punya penghasilan. Ikan tongkol dan cakalang hasil tangkapan diolah menjadi "
        "abon yang tahan disimpan berbulan-bulan.</p>",
        "<p>Usaha ini dimulai oleh {kelompok} keluarga yang tergabung dalam kelompok usaha bersama. Mereka "
        "mendapat pelatihan pengolahan dari penyuluh perikanan dan bantuan alat peniris minyak dari "
        "pemerintah desa.</p>",
        "<p>“Dulu kalau tangkapan banyak, harga ikan jatuh dan sebagian terbuang. Sekarang yang tidak "
        "terjual kami olah,” kata {warga_p}, salah satu anggota kelompok.</p>",
    ), where=COAST, needs="nelayan"),
    # Pariwisata
    S("pariwisata", ("Pokdarwis {desa} Tata Kawasan Pantai untuk Wisata Keluarga",
                     "Pantai {desa} Berbenah Sambut Pengunjung Akhir Pekan"), (
        "<p>Kelompok Sadar Wisata (Pokdarwis) {nama_desa} menata kawasan pantai desa agar nyaman untuk "
        "wisata keluarga. Pada {hari}, anggota kelompok bersama pemuda membangun gazebo bambu dan "
        "memasang papan petunjuk.</p>",
        "<p>Ketua Pokdarwis, {pemuda}, mengatakan pengunjung dari Kota Mamuju dan kecamatan sekitar mulai "
        "berdatangan setiap akhir pekan. Pedagang kecil menjual ikan bakar, kelapa muda, dan jajanan khas "
        "Mandar.</p>",
        "<ul><li>Pengunjung diminta membawa pulang sampahnya sendiri.</li>"
        "<li>Anak-anak yang berenang harus didampingi orang dewasa.</li>"
        "<li>Parkir kendaraan dikelola pemuda desa dengan tarif yang disepakati bersama.</li></ul>",
        "<p>Pemerintah desa berencana menambah toilet umum dan tempat bilas melalui dana desa.</p>",
    ), where=COAST),
    S("pariwisata", ("Warga {desa} Siapkan Paket Wisata Snorkeling dan Menginap di Rumah Warga",
                     "Homestay dan Snorkeling, Cara Warga {desa} Kenalkan Pulau Mereka"), (
        "<p>Warga {nama_desa} mulai menyiapkan paket wisata yang menggabungkan snorkeling di sekitar "
        "terumbu karang dengan menginap di rumah warga. Sebanyak {kelompok} rumah sudah ditata menjadi "
        "homestay sederhana.</p>",
        "<p>Para pemandu lokal mendapat pelatihan keselamatan di air dan cara mengajak tamu menikmati "
        "karang tanpa menginjak atau mematahkannya.</p>",
        "<blockquote><p>“Tamu senang karena bisa makan ikan segar bersama keluarga kami. Uangnya juga "
        "langsung berputar di desa,” kata {warga_p}, pemilik salah satu homestay.</p></blockquote>",
        "<p>{kim} akan memuat informasi pemesanan dan nomor kontak pemandu di halaman Tentang KIM.</p>",
    ), where=("pulau",)),
    S("pariwisata", ("Pemandian Alam di {desa} Ramai Dikunjungi Saat Libur Sekolah",
                     "Sungai Jernih di {desa} Jadi Tujuan Wisata Akhir Pekan"), (
        "<p>Pemandian alam di {nama_desa}, Kecamatan {kec}, ramai dikunjungi selama libur sekolah. Airnya "
        "yang jernih dan teduh pepohonan membuat keluarga betah berlama-lama.</p>",
        "<p>Pemuda desa bergiliran menjaga kebersihan dan keselamatan pengunjung. Mereka juga memasang "
        "tanda batas di bagian sungai yang dalam.</p>",
        "<p>“Kami ingin tempat ini tetap bersih dan aman. Kalau pengunjung nyaman, warung warga di sekitar "
        "juga ikut ramai,” ujar {pemuda}, koordinator pemuda.</p>",
    ), where=("pedalaman",)),
    S("pariwisata", ("Pemuda {desa} Bentuk Kelompok Sadar Wisata",
                     "Kenalkan Potensi Desa, Pemuda {desa} Dirikan Pokdarwis"), (
        "<p>Sebanyak {peserta} pemuda {nama_desa} membentuk Kelompok Sadar Wisata (Pokdarwis) dalam "
        "pertemuan di balai desa, {hari}. Kelompok ini akan mendata tempat-tempat yang layak dikunjungi "
        "dan menyiapkan pemandu dari kalangan warga sendiri.</p>",
        "<p>Kepala {nama_desa}, {kades}, berharap Pokdarwis dapat membuka peluang usaha bagi warga tanpa "
        "merusak alam dan kebiasaan setempat.</p>",
        "<p>Langkah pertama kelompok ini adalah memotret dan menulis profil tempat wisata desa untuk "
        "diterbitkan bersama {kim}.</p>",
    )),
    S("pariwisata", ("Pengunjung dari Luar Daerah Mulai Melirik Kebun dan Alam {desa}",
                     "Wisata Kebun Jadi Daya Tarik Baru {nama_desa}"), (
        "<p>Kebun-kebun warga {nama_desa} mulai didatangi pengunjung dari luar daerah. Mereka ingin "
        "melihat langsung cara petani merawat dan memanen {tanaman}, lalu berbincang dengan pemilik kebun.</p>",
        "<p>Beberapa pemilik kebun sepakat menerima rombongan kecil dengan jadwal yang diatur bersama "
        "pemerintah desa agar tidak mengganggu pekerjaan sehari-hari.</p>",
        "<p>“Kami tidak perlu membangun apa-apa. Cukup kebun yang terawat dan cerita dari petani sendiri,” "
        "kata {ketua_tani}, ketua kelompok tani.</p>",
    ), where=("pedalaman",)),
    # Pertanian
    S("pertanian", ("Petani {desa} Ikuti Sekolah Lapang Budidaya {Tanaman}",
                    "Sekolah Lapang {Tanaman} Digelar di {nama_desa}"), (
        "<p>Sebanyak {peserta} petani {nama_desa} mengikuti sekolah lapang budidaya {tanaman} yang digelar "
        "penyuluh pertanian Kecamatan {kec}. Kegiatan berlangsung langsung di kebun warga sejak {hari}.</p>",
        "<p>Peserta belajar memilih bibit, memangkas tanaman, memupuk secara berimbang, dan mengenali "
        "hama sejak dini. Setiap pekan mereka mencatat perkembangan tanaman di petak percontohan.</p>",
        "<h2>Yang dipelajari petani</h2>",
        "<ul><li>Pemangkasan untuk sirkulasi udara dan cahaya</li>"
        "<li>Pupuk organik dari limbah kebun sendiri</li>"
        "<li>Pengamatan hama dan penyakit setiap pekan</li></ul>",
        "<p>“Ilmunya langsung bisa dipraktikkan di kebun masing-masing,” kata {ketua_tani}, ketua kelompok "
        "tani.</p>",
    )),
    S("pertanian", ("Serangan Hama Penggerek Buah, Petani Kakao {desa} Panen Lebih Sering",
                    "Petani Kakao {desa} Lawan Hama PBK dengan Sanitasi Kebun"), (
        "<p>Hama penggerek buah kakao (PBK) kembali menyerang kebun warga {nama_desa}. Penyuluh pertanian "
        "menganjurkan petani memanen lebih sering, sekurangnya sepekan sekali, agar hama tidak sempat "
        "berkembang.</p>",
        "<p>Kulit buah bekas panen juga diminta dibenamkan ke tanah, bukan ditumpuk di bawah pohon. "
        "Tumpukan kulit buah menjadi tempat hama berkembang biak.</p>",
        "<blockquote><p>“Kalau semua petani di satu hamparan melakukannya bersama, serangan bisa ditekan. "
        "Kalau hanya satu-dua kebun, hama pindah ke kebun tetangga,” jelas {pendamping}, penyuluh "
        "pertanian lapangan.</p></blockquote>",
        "<p>Kelompok tani {desa} sepakat melakukan sanitasi kebun serentak setiap awal bulan.</p>",
    ), needs="kakao"),
    S("pertanian", ("Panen Rumput Laut di {desa} Meningkat Berkat Bibit Baru",
                    "Pembudidaya Rumput Laut {desa} Tersenyum, Panen Naik"), (
        "<p>Pembudidaya rumput laut di {nama_desa} memanen hasil yang lebih banyak pada musim ini. Bibit "
        "baru yang dibagikan dinas perikanan beberapa bulan lalu tumbuh lebih cepat dan jarang terserang "
        "penyakit.</p>",
        "<p>Rumput laut dijemur di atas para-para agar tetap bersih dari pasir. Hasil yang kering dan "
        "bersih dihargai lebih tinggi oleh pengepul.</p>",
        "<p>“Satu tali bentangan sekarang bisa menghasilkan jauh lebih banyak dibanding musim lalu,” kata "
        "{warga}, salah satu pembudidaya.</p>",
        "<p>Pemerintah desa mendorong para pembudidaya membentuk koperasi agar bisa menjual langsung ke "
        "pabrik pengolahan.</p>",
    ), where=COAST, needs="rumput-laut"),
    S("pertanian", ("Kelompok Tani {desa} Terima Bantuan {bibit} Bibit {Tanaman}",
                    "Bibit {Tanaman} Dibagikan kepada Petani {nama_desa}"), (
        "<p>Sebanyak {kelompok} kelompok tani di {nama_desa} menerima bantuan {bibit} bibit {tanaman} dari "
        "Dinas Pertanian Kabupaten Mamuju, {hari}. Bibit dibagikan di balai desa dan disaksikan penyuluh "
        "pertanian.</p>",
        "<p>Petani diminta menanam bibit dalam dua pekan agar tidak layu, dan melaporkan bibit yang mati "
        "untuk diganti pada penyaluran berikutnya.</p>",
        "<p>Kepala {nama_desa}, {kades}, berpesan agar bantuan dirawat dengan baik. “Bibit ini untuk masa "
        "depan kebun kita, bukan untuk dijual lagi,” ujarnya.</p>",
    )),
    S("pertanian", ("Harga {Tanaman} di Tingkat Petani {desa} Naik, Warga Diminta Jaga Mutu",
                    "Harga {Tanaman} Membaik, Petani {nama_desa} Bersemangat"), (
        "<p>Harga {tanaman} di tingkat petani {nama_desa} naik sekitar {persen} persen dibanding bulan lalu. "
        "Kenaikan ini disambut gembira petani yang baru memasuki masa panen.</p>",
        "<p>Ketua kelompok tani, {ketua_tani}, mengingatkan anggotanya agar tidak tergoda menjual hasil "
        "yang belum siap. Hasil panen yang belum matang atau tidak ditangani dengan baik akan "
        "menurunkan kepercayaan pembeli.</p>",
        "<p>{kim} akan memperbarui informasi harga dari pengepul di Kecamatan {kec} setiap pekan.</p>",
    )),
    S("pertanian", ("Petani Kelapa {desa} Belajar Membuat Kopra Putih",
                    "Kopra Putih, Cara Petani {desa} Dapat Harga Lebih Baik"), (
        "<p>Petani kelapa di {nama_desa} belajar membuat kopra putih dengan pengering yang tidak berasap. "
        "Kopra putih dihargai lebih tinggi karena bersih dan tidak berbau asap.</p>",
        "<p>Pelatihan yang berlangsung {hari} ini diikuti {peserta} petani. Mereka juga belajar membuat "
        "minyak kelapa murni dari kelapa yang tidak lolos pilah.</p>",
        "<p>“Selama ini kopra kami diasap, jadi hitam dan murah. Kalau caranya benar, hasilnya bisa "
        "bersaing,” kata {warga}, salah satu peserta.</p>",
    ), needs="kelapa"),
    S("pertanian", ("Petani {desa} Mulai Tanam Serentak di Awal Musim Hujan",
                    "Tanam Serentak di {nama_desa} untuk Kendalikan Hama"), (
        "<p>Petani {nama_desa} memulai tanam serentak pada awal musim hujan. Kesepakatan ini diambil dalam "
        "rapat kelompok tani agar masa panen bersamaan dan serangan hama lebih mudah dikendalikan.</p>",
        "<p>Saluran irigasi sudah dibersihkan secara gotong royong sepekan sebelumnya. Pupuk bersubsidi "
        "juga sudah diterima sebagian besar anggota kelompok.</p>",
        "<p>Penyuluh pertanian akan mendampingi petani selama musim tanam dan mencatat hasil panen untuk "
        "perencanaan tahun depan.</p>",
    ), needs="padi"),
    # Kesehatan
    S("kesehatan", ("Posyandu {desa} Timbang {balita} Balita, Kader Ingatkan Gizi Seimbang",
                    "{balita} Balita Ditimbang di Posyandu {nama_desa}"), (
        "<p>Posyandu di {nama_desa} kembali dibuka pada {hari}. Sebanyak {balita} balita ditimbang dan "
        "diukur tinggi badannya oleh kader posyandu bersama bidan desa, {bidan}.</p>",
        "<p>Kader PKK membagikan makanan tambahan berupa bubur kacang hijau dan telur rebus. Ibu-ibu diajak "
        "memberikan ASI eksklusif hingga enam bulan dan makanan bergizi seimbang setelahnya.</p>",
        "<blockquote><p>“Kalau berat badan anak tidak naik dua bulan berturut-turut, segera bawa ke "
        "puskesmas. Jangan menunggu anak sakit,” pesan {bidan}.</p></blockquote>",
        "<p>Posyandu berikutnya dijadwalkan bulan depan di tempat yang sama.</p>",
    )),
    S("kesehatan", ("Cegah Stunting, {nama_desa} Bagikan Makanan Tambahan untuk Balita dan Ibu Hamil",
                    "Program Makanan Tambahan di {desa} Sasar Balita Berisiko Stunting"), (
        "<p>Pemerintah {nama_desa} membagikan makanan tambahan bergizi kepada balita dan ibu hamil selama "
        "sembilan puluh hari. Program ini dibiayai dana desa sebagai bagian dari upaya menurunkan angka "
        "stunting di Kecamatan {kec}.</p>",
        "<p>Menu disusun bersama bidan desa dan memakai bahan pangan lokal: ikan, telur, sayuran hijau, "
        "dan buah. Kader posyandu mengantar makanan langsung ke rumah sasaran.</p>",
        "<h2>Tanda anak perlu diperiksa</h2>",
        "<ul><li>Berat badan tidak naik dalam dua kali penimbangan</li>"
        "<li>Tinggi badan jauh di bawah anak seusianya</li>"
        "<li>Anak sering sakit dan kurang nafsu makan</li></ul>",
        "<p>“Stunting bisa dicegah sejak masa kehamilan. Kami minta ibu hamil rutin memeriksakan kandungan,” "
        "kata {bidan}, bidan desa.</p>",
    )),
    S("kesehatan", ("Pemeriksaan Kesehatan Gratis untuk Lansia di {nama_desa}",
                    "Posbindu {desa} Periksa Tekanan Darah dan Gula Darah {lansia} Warga"), (
        "<p>Puskesmas Kecamatan {kec} menggelar pemeriksaan kesehatan gratis di {nama_desa}, {hari}. "
        "Sebanyak {lansia} warga, sebagian besar lanjut usia, memeriksakan tekanan darah, gula darah, dan "
        "kolesterol.</p>",
        "<p>Petugas juga memberikan penyuluhan tentang bahaya darah tinggi serta pentingnya mengurangi "
        "garam, gula, dan rokok.</p>",
        "<p>“Banyak warga yang baru tahu tekanan darahnya tinggi hari ini. Mereka kami minta kontrol rutin "
        "ke puskesmas,” ujar {bidan}, bidan desa.</p>",
    )),
    S("kesehatan", ("Imunisasi Kejar untuk Anak Digelar di {nama_desa}",
                    "Kader {desa} Datangi Rumah Warga Ajak Anak Ikut Imunisasi"), (
        "<p>Puskesmas bersama kader posyandu {nama_desa} menggelar imunisasi kejar bagi anak-anak yang "
        "belum lengkap imunisasinya. Sebanyak {anak} anak sudah terdata sebagai sasaran.</p>",
        "<p>Kader mendatangi rumah warga satu per satu untuk mengingatkan jadwal dan menjawab keraguan "
        "orang tua.</p>",
        "<p>“Imunisasi aman dan gratis. Kalau anak demam ringan setelahnya, itu wajar,” jelas {bidan}.</p>",
    )),
    S("kesehatan", ("Warga {desa} Diimbau Waspadai Demam Berdarah di Musim Hujan",
                    "Gerakan 3M Plus di {nama_desa} Cegah Demam Berdarah"), (
        "<p>Memasuki musim hujan, pemerintah {nama_desa} mengimbau warga mewaspadai demam berdarah dengue. "
        "Kader kesehatan mulai memeriksa jentik nyamuk dari rumah ke rumah.</p>",
        "<ul><li>Menguras dan menutup tempat penampungan air</li>"
        "<li>Mendaur ulang barang bekas yang bisa menampung air</li>"
        "<li>Memakai kelambu dan obat antinyamuk saat tidur</li></ul>",
        "<p>Warga yang mengalami demam tinggi lebih dari dua hari diminta segera memeriksakan diri ke "
        "puskesmas atau pustu terdekat.</p>",
    )),
    # Pendidikan
    S("pendidikan", ("Perpustakaan Desa {desa} Buka Kelas Membaca Sore untuk Anak",
                     "Anak-Anak {desa} Belajar Membaca di Perpustakaan Desa"), (
        "<p>Perpustakaan desa {nama_desa} membuka kelas membaca sore bagi anak-anak sekolah dasar. Setiap "
        "pekan sekitar {anak} anak datang membaca, mendengarkan dongeng, dan meminjam buku.</p>",
        "<p>Kelas ini dipandu relawan, sebagian di antaranya mahasiswa asal desa yang sedang libur kuliah. "
        "Buku-buku berasal dari sumbangan warga dan perpustakaan daerah.</p>",
        "<p>“Anak-anak lebih senang membaca kalau bukunya bergambar dan ceritanya dekat dengan kehidupan "
        "mereka,” kata {guru}, salah satu relawan.</p>",
    )),
    S("pendidikan", ("Siswa SD di {desa} Terima Bantuan Seragam dan Alat Tulis",
                     "Awal Tahun Ajaran, {anak} Siswa {nama_desa} Dapat Perlengkapan Sekolah"), (
        "<p>Sebanyak {anak} siswa sekolah dasar di {nama_desa} menerima bantuan seragam dan alat tulis dari "
        "pemerintah desa, {hari}. Bantuan diprioritaskan bagi anak dari keluarga kurang mampu.</p>",
        "<p>Kepala sekolah berterima kasih atas bantuan tersebut. Menurutnya, perlengkapan sekolah kerap "
        "menjadi beban orang tua di awal tahun ajaran, terutama saat harga hasil kebun turun.</p>",
        "<p>{kades}, kepala desa, berharap tidak ada lagi anak di {desa} yang berhenti sekolah karena "
        "alasan biaya.</p>",
    )),
    S("pendidikan", ("Mahasiswa KKN Ajari Anak-Anak {desa} Bahasa Inggris Dasar",
                     "Mahasiswa KKN Buka Kelas Belajar Gratis di {nama_desa}"), (
        "<p>Mahasiswa Kuliah Kerja Nyata (KKN) yang bertugas di {nama_desa} membuka kelas belajar gratis "
        "bagi anak-anak. Selain bahasa Inggris dasar, mereka juga mengajar matematika dan cara memakai "
        "komputer.</p>",
        "<p>Kelas berlangsung setiap sore di kantor desa dan diikuti sekitar {anak} anak. Orang tua "
        "menyambut baik kegiatan ini karena tempat les jauh dari desa.</p>",
        "<p>Para mahasiswa juga membantu {kim} menulis dan memotret kegiatan desa selama masa KKN.</p>",
    )),
    S("pendidikan", ("Warga Putus Sekolah di {desa} Ikut Program Kejar Paket C",
                     "Tak Ada Kata Terlambat, Warga {desa} Kejar Ijazah Paket C"), (
        "<p>Sebanyak {peserta} warga {nama_desa} yang dulu putus sekolah mendaftar program Kejar Paket C, "
        "setara SMA. Pesertanya beragam, dari pemuda sampai ibu rumah tangga berusia empat puluhan.</p>",
        "<p>Kegiatan belajar digelar dua kali sepekan pada malam hari agar tidak bentrok dengan pekerjaan "
        "di kebun atau di laut.</p>",
        "<blockquote><p>“Saya ingin punya ijazah supaya bisa mendaftar jadi kader dan perangkat desa,” "
        "ujar {warga_p}, salah satu peserta.</p></blockquote>",
    )),
    S("pendidikan", ("PAUD {desa} Lepas {anak} Anak Didik Menuju Sekolah Dasar",
                     "Wisuda PAUD {nama_desa} Diwarnai Tarian dan Lagu Daerah"), (
        "<p>Pendidikan Anak Usia Dini (PAUD) di {nama_desa} melepas {anak} anak didik yang akan melanjutkan "
        "ke sekolah dasar. Acara pelepasan digelar di halaman sekolah dan dihadiri para orang tua.</p>",
        "<p>Anak-anak menampilkan tarian dan lagu daerah yang sudah mereka latih selama sebulan. Guru PAUD, "
        "{guru}, tampak terharu melihat anak didiknya tampil percaya diri.</p>",
        "<p>Pemerintah desa berencana memperbaiki ruang kelas dan menambah alat permainan edukatif tahun "
        "depan.</p>",
    )),
    # Program Pemerintah
    S("program-pemerintah", ("Musrenbang {nama_desa} Tetapkan Prioritas Pembangunan Tahun Depan",
                             "Warga {desa} Sampaikan Usulan dalam Musrenbang Desa"), (
        "<p>Pemerintah {nama_desa} menggelar musyawarah perencanaan pembangunan (musrenbang) di balai desa, "
        "{hari}. Perwakilan setiap dusun, kelompok perempuan, dan pemuda menyampaikan usulan mereka.</p>",
        "<p>Usulan yang paling banyak muncul adalah perbaikan jalan tani, air bersih, dan pelatihan usaha "
        "bagi pemuda.</p>",
        "<h2>Prioritas yang disepakati</h2>",
        "<ul><li>Jalan tani sepanjang {km} kilometer</li>"
        "<li>Perluasan jaringan air bersih ke dusun terjauh</li>"
        "<li>Pelatihan usaha dan pemasaran bagi pemuda</li></ul>",
        "<p>Hasil musrenbang akan dibawa ke musrenbang Kecamatan {kec}. “Yang tidak masuk tahun ini tetap "
        "kami catat untuk tahun berikutnya,” kata {kades}, kepala desa.</p>",
    )),
    S("program-pemerintah", ("Penyaluran BLT Dana Desa untuk {kk} Keluarga di {desa} Berjalan Lancar",
                             "{kk} Keluarga di {nama_desa} Terima BLT Dana Desa"), (
        "<p>Pemerintah {nama_desa} menyalurkan Bantuan Langsung Tunai (BLT) Dana Desa kepada {kk} keluarga "
        "penerima manfaat, {hari}. Penyaluran dilakukan di kantor desa dan disaksikan pendamping desa.</p>",
        "<p>Penerima diminta membawa KTP dan kartu keluarga. Bagi warga lanjut usia yang sakit, perangkat "
        "desa mengantarkan bantuan ke rumah.</p>",
        "<blockquote><p>“Bantuan ini untuk kebutuhan pokok keluarga. Gunakan dengan bijak,” pesan "
        "{kades}.</p></blockquote>",
        "<p>Daftar penerima dipasang di papan pengumuman kantor desa. Warga yang merasa berhak tetapi belum "
        "terdata dapat melapor kepada sekretaris desa.</p>",
    )),
    S("program-pemerintah", ("Pemerintah {nama_desa} Pasang Baliho APBDes sebagai Wujud Keterbukaan",
                             "APBDes {desa} Kini Bisa Dibaca Warga di Depan Kantor Desa"), (
        "<p>Pemerintah {nama_desa} memasang baliho Anggaran Pendapatan dan Belanja Desa (APBDes) di depan "
        "kantor desa. Warga dapat melihat berapa dana desa yang diterima dan untuk apa saja dana itu "
        "dipakai.</p>",
        "<p>Tahun ini sekitar Rp{juta} juta dialokasikan untuk pembangunan fisik, sementara sisanya untuk "
        "pemberdayaan masyarakat, kesehatan, dan bantuan sosial.</p>",
        "<p>“Dana desa adalah uang rakyat. Warga berhak tahu dan berhak bertanya,” ujar {kades}. {kim} juga "
        "akan mengunggah ringkasan APBDes agar warga yang merantau dapat membacanya.</p>",
    )),
    S("program-pemerintah", ("Perekaman KTP Elektronik Keliling Hadir di {nama_desa}",
                             "Warga {desa} Tak Perlu ke Kota untuk Rekam KTP Elektronik"), (
        "<p>Dinas Kependudukan dan Pencatatan Sipil Kabupaten Mamuju menggelar perekaman KTP elektronik "
        "keliling di {nama_desa}, {hari}. Sebanyak {peserta} warga memanfaatkan layanan ini.</p>",
        "<p>Sebagian besar peserta adalah pelajar yang baru berusia tujuh belas tahun dan warga lanjut usia "
        "yang sulit bepergian ke kota.</p>",
        "<p>Selain KTP elektronik, petugas juga melayani pembuatan akta kelahiran dan perbaikan data "
        "kartu keluarga.</p>",
    )),
    S("program-pemerintah", ("Pemutakhiran Data Penerima Bantuan Sosial di {nama_desa} Dimulai",
                             "Perangkat {desa} Datangi Rumah Warga untuk Perbarui Data Bansos"), (
        "<p>Perangkat {nama_desa} mulai memperbarui data keluarga penerima bantuan sosial. Petugas "
        "mendatangi rumah warga untuk mencocokkan data dengan kondisi sebenarnya.</p>",
        "<p>Warga yang sudah mampu diharapkan jujur agar bantuan bisa dialihkan kepada keluarga lain yang "
        "lebih membutuhkan.</p>",
        "<p>Hasil pendataan akan dibahas dalam musyawarah desa sebelum dikirim ke Dinas Sosial. Warga "
        "dapat menyampaikan sanggahan dalam musyawarah tersebut.</p>",
    )),
    # Keamanan Digital
    S("keamanan-digital", ("Waspada Undangan Pernikahan Palsu Berformat APK, Warga {desa} Diminta Tak Asal Klik",
                           "Modus Undangan Digital Berisi APK Sasar Warga {desa}"), (
        "<p>Beberapa warga {nama_desa} menerima pesan WhatsApp berisi “undangan pernikahan” berupa berkas "
        "berakhiran .apk. Berkas seperti itu adalah aplikasi yang dapat mencuri isi ponsel, termasuk akses "
        "ke mobile banking.</p>",
        "<h2>Yang perlu dilakukan</h2>",
        "<ul><li>Jangan membuka berkas .apk dari pengirim mana pun, termasuk kenalan.</li>"
        "<li>Hapus pesannya dan beri tahu pengirim bahwa akunnya mungkin dibajak.</li>"
        "<li>Bila terlanjur memasang, matikan data seluler dan segera hubungi bank.</li></ul>",
        "<p>{kim} membuka layanan tanya jawab di kantor desa bagi warga yang ragu terhadap pesan yang "
        "mereka terima.</p>",
    )),
    S("keamanan-digital", ("{kim} Ajak Warga Cek Fakta Sebelum Membagikan Kabar",
                           "Jangan Langsung Teruskan, {kim} Ajari Warga Memeriksa Kabar"), (
        "<p>{kim} mengadakan pertemuan dengan warga untuk membahas cara mengenali kabar bohong yang beredar "
        "di grup WhatsApp, {hari}. Sekitar {peserta} warga hadir di balai desa.</p>",
        "<p>Peserta diajak memeriksa sumber berita, membandingkan dengan media resmi, dan tidak langsung "
        "meneruskan pesan berantai yang memancing emosi.</p>",
        "<blockquote><p>“Kalau ragu, tanyakan dulu ke kantor desa atau ke kami di KIM. Lebih baik terlambat "
        "membagikan daripada ikut menyebarkan kabar bohong,” kata {ketua_kim}.</p></blockquote>",
    )),
    S("keamanan-digital", ("Perangkat {nama_desa} Belajar Mengamankan Akun Media Sosial",
                           "Verifikasi Dua Langkah Jadi Materi Pelatihan Perangkat {desa}"), (
        "<p>Perangkat {nama_desa} dan anggota {kim} mengikuti pelatihan keamanan akun media sosial yang "
        "difasilitasi Diskominfosandi Kabupaten Mamuju.</p>",
        "<p>Peserta mempraktikkan cara memasang verifikasi dua langkah, membuat kata sandi yang kuat, dan "
        "memeriksa perangkat mana saja yang sedang masuk ke akun mereka.</p>",
        "<p>Akun media sosial desa kerap menjadi sasaran pembajakan karena banyak diikuti warga. Akun yang "
        "dibajak bisa dipakai untuk menipu dengan mengatasnamakan pemerintah desa.</p>",
    )),
    S("keamanan-digital", ("Modus Telepon Mengaku Petugas Bansos, Warga {desa} Diimbau Tak Berikan Kode OTP",
                           "Penipuan Berkedok Bantuan Sosial Kembali Beredar di {nama_desa}"), (
        "<p>Sejumlah warga {nama_desa} menerima telepon dari orang yang mengaku petugas bantuan sosial. "
        "Penelepon meminta kode OTP yang dikirim lewat SMS dengan alasan untuk mencairkan bantuan.</p>",
        "<p>Sekretaris desa menegaskan bahwa petugas resmi tidak pernah meminta kode OTP, PIN, atau kata "
        "sandi. Pencairan bantuan selalu diumumkan melalui kantor desa.</p>",
        "<p>Warga yang menerima telepon atau pesan serupa diminta melapor ke kantor desa atau ke {kim}.</p>",
    )),
    # Budaya
    S("budaya", ("Syukuran Nelayan dan Lomba Perahu Meriahkan Pesisir {desa}",
                 "Warga {desa} Gelar Syukuran Laut, Perahu Hias Berlomba"), (
        "<p>Nelayan {nama_desa} menggelar syukuran atas hasil laut sepanjang tahun, {hari}. Acara diisi doa "
        "bersama, makan bersama di tepi pantai, dan lomba perahu hias.</p>",
        "<p>Sebanyak {kelompok} perahu ikut berlomba. Perahu-perahu dihias kain warna-warni dan umbul-umbul, "
        "ditonton ratusan warga dari desa-desa tetangga.</p>",
        "<p>“Tradisi ini mengingatkan kami untuk bersyukur dan menjaga laut, karena dari laut kami hidup,” "
        "kata {warga}, tokoh nelayan setempat.</p>",
    ), where=COAST, needs="nelayan"),
    S("budaya", ("Sanggar Seni {desa} Latih Anak Muda Menari Tradisional",
                 "Anak Muda {nama_desa} Belajar Tari dan Musik Tradisional"), (
        "<p>Sanggar seni di {nama_desa} rutin melatih anak muda menari dan memainkan musik tradisional. "
        "Latihan berlangsung dua kali sepekan di balai desa dan diikuti sekitar {anak} peserta.</p>",
        "<p>Pelatih sanggar, {guru}, mengatakan anak-anak kini lebih percaya diri tampil di acara desa "
        "maupun kecamatan.</p>",
        "<p>Sanggar berencana tampil pada peringatan hari jadi Kabupaten Mamuju mendatang.</p>",
    )),
    S("budaya", ("Penenun {desa} Lestarikan Motif Sekomandi Warisan Leluhur",
                 "Tenun Sekomandi dari {nama_desa} Makin Dikenal"), (
        "<p>Para penenun di {nama_desa} terus menjaga tenun ikat sekomandi, kain khas Kalumpang yang "
        "dibuat dengan pewarna alami dan motif turun-temurun. Satu lembar kain bisa dikerjakan berbulan-"
        "bulan.</p>",
        "<p>Kelompok penenun kini melibatkan remaja putri agar keterampilan ini tidak hilang. Mereka belajar "
        "dari memintal benang, mengikat motif, hingga mencelup warna.</p>",
        "<blockquote><p>“Setiap motif punya cerita. Kalau kami berhenti menenun, ceritanya ikut hilang,” "
        "tutur {warga_p}, penenun senior.</p></blockquote>",
        "<p>{kim} sedang mendata para penenun agar pemesan dari luar daerah dapat menghubungi mereka "
        "langsung.</p>",
    ), needs="tenun"),
    S("budaya", ("Festival Budaya {nama_desa} Tampilkan Kuliner dan Permainan Tradisional",
                 "Festival Budaya di {desa} Jadi Ajang Kumpul Warga"), (
        "<p>{nama_desa} menggelar festival budaya yang menampilkan kuliner khas, permainan tradisional, "
        "dan pertunjukan seni, {hari}. Warga dari desa-desa tetangga di Kecamatan {kec} ikut memeriahkan.</p>",
        "<p>Setiap dusun menyajikan makanan khas, mulai dari jepa hingga olahan ikan dan pisang. Anak-anak "
        "berlomba dalam permainan tradisional yang kini jarang dimainkan.</p>",
        "<p>“Festival ini kami adakan supaya anak-anak kenal budayanya sendiri,” kata {kades}, kepala "
        "desa.</p>",
    )),
    S("budaya", ("Gotong Royong Membangun Rumah Warga, Tradisi yang Masih Hidup di {desa}",
                 "Warga {desa} Bahu-Membahu Dirikan Rumah Panggung Tetangga"), (
        "<p>Puluhan warga {nama_desa} bergotong royong mendirikan rumah panggung milik salah satu keluarga, "
        "{hari}. Tiang dan rangka rumah didirikan bersama dalam satu hari.</p>",
        "<p>Kaum ibu menyiapkan makanan untuk semua yang bekerja, sementara anak-anak muda mengangkat kayu "
        "dan papan. Tradisi ini masih terjaga di banyak dusun.</p>",
        "<p>“Hari ini kami membantu, lain waktu kami yang dibantu. Begitu cara kami hidup di kampung,” kata "
        "{warga}, salah satu tokoh masyarakat.</p>",
    )),
    # Infrastruktur
    S("infrastruktur", ("Jalan Tani Sepanjang {km} Kilometer di {nama_desa} Rampung Dikerjakan",
                        "Jalan Tani Baru Permudah Petani {desa} Angkut Hasil Kebun"), (
        "<p>Pembangunan jalan tani sepanjang {km} kilometer di {nama_desa} rampung dikerjakan. Jalan ini "
        "menghubungkan permukiman dengan kebun {tanaman} warga yang sebelumnya hanya bisa dilalui jalan "
        "kaki.</p>",
        "<p>Pekerjaan dilakukan secara padat karya dengan dana desa sekitar Rp{juta} juta, sehingga warga "
        "setempat ikut bekerja dan menerima upah.</p>",
        "<p>“Dulu hasil kebun dipikul berjam-jam. Sekarang motor dan gerobak bisa masuk,” kata {ketua_tani}, "
        "ketua kelompok tani.</p>",
    )),
    S("infrastruktur", ("Warga {desa} Gotong Royong Perbaiki Jembatan Penghubung Dusun",
                        "Jembatan Kayu di {nama_desa} Kembali Bisa Dilalui"), (
        "<p>Warga {nama_desa} bergotong royong memperbaiki jembatan kayu penghubung dusun yang rusak "
        "diterjang banjir. Perbaikan dimulai {hari} dan selesai dalam tiga hari.</p>",
        "<p>Kayu disumbangkan warga, sementara pemerintah desa menyediakan paku, baut, dan konsumsi. "
        "Jembatan ini setiap hari dilalui anak sekolah dan petani.</p>",
        "<p>Pemerintah desa telah mengusulkan pembangunan jembatan permanen dalam musrenbang Kecamatan "
        "{kec}.</p>",
    )),
    S("infrastruktur", ("Sumur Bor dan Bak Penampung Air Bersih Dibangun di {nama_desa}",
                        "Air Bersih Kini Lebih Dekat bagi Warga {desa}"), (
        "<p>Pemerintah {nama_desa} membangun sumur bor dan bak penampung air bersih untuk warga di dusun "
        "yang selama ini kesulitan air. Sekitar {kk} keluarga akan terlayani.</p>",
        "<p>Air dari bak penampung dialirkan melalui pipa ke beberapa keran umum. Pengelolaannya diserahkan "
        "kepada kelompok warga yang dibentuk melalui musyawarah dusun.</p>",
        "<p>“Dulu kami menimba dari sumur yang airnya keruh saat kemarau. Sekarang anak-anak bisa mandi "
        "sebelum sekolah,” kata {warga_p}, warga setempat.</p>",
    )),
    S("infrastruktur", ("Lampu Jalan Tenaga Surya Terangi Permukiman {nama_desa}",
                        "{desa} Pasang Lampu Jalan Tenaga Surya di Titik Rawan Gelap"), (
        "<p>Pemerintah {nama_desa} memasang lampu jalan tenaga surya di sejumlah titik permukiman yang "
        "selama ini gelap pada malam hari.</p>",
        "<p>Lampu tenaga surya dipilih karena tidak menambah tagihan listrik desa dan tetap menyala saat "
        "listrik padam. Perawatannya dilakukan oleh pemuda desa.</p>",
        "<p>Warga menyambut baik pemasangan lampu ini karena anak-anak dan ibu-ibu yang pulang mengaji atau "
        "dari pasar kini merasa lebih aman.</p>",
    )),
    S("infrastruktur", ("Dermaga Perahu Nelayan {desa} Selesai Diperbaiki",
                        "Nelayan {desa} Kini Lebih Mudah Menambatkan Perahu"), (
        "<p>Dermaga perahu nelayan di {nama_desa} selesai diperbaiki. Papan dan tiang yang lapuk diganti "
        "sehingga nelayan kembali bisa menambatkan perahu dan menurunkan hasil tangkapan dengan aman.</p>",
        "<p>Perbaikan dibiayai dana desa dan dikerjakan oleh nelayan sendiri. Pekerjaan disesuaikan dengan "
        "pasang surut air laut.</p>",
        "<p>“Dermaga ini jantung kampung kami. Ikan, penumpang, dan barang semua lewat sini,” kata {warga}, "
        "ketua kelompok nelayan.</p>",
    ), where=COAST, needs="nelayan"),
    # Lingkungan
    S("lingkungan", ("Pemuda {desa} Tanam {bibit} Bibit Mangrove di Pesisir",
                     "Cegah Abrasi, {bibit} Bibit Mangrove Ditanam di {nama_desa}"), (
        "<p>Pemuda {nama_desa} bersama nelayan menanam {bibit} bibit mangrove di pesisir desa, {hari}. "
        "Penanaman ini untuk menahan abrasi yang setiap tahun menggerus bibir pantai.</p>",
        "<p>Selain melindungi pantai, hutan mangrove menjadi tempat ikan, udang, dan kepiting bertelur, "
        "sehingga ikut menopang hasil tangkapan nelayan.</p>",
        "<p>Kelompok pemuda akan memantau bibit setiap bulan dan menyulam bibit yang mati. “Menanam itu "
        "mudah, merawatnya yang perlu kesabaran,” kata {pemuda}.</p>",
    ), where=COAST),
    S("lingkungan", ("Bank Sampah {desa} Mulai Beroperasi, Sampah Bisa Jadi Tabungan",
                     "Warga {nama_desa} Kini Bisa Menabung dengan Sampah"), (
        "<p>Bank sampah {nama_desa} mulai beroperasi. Warga dapat menyetor sampah plastik, kardus, dan "
        "kaleng yang sudah dipilah, lalu hasilnya dicatat sebagai tabungan.</p>",
        "<p>Pengelola bank sampah, {ketua_pkk}, mengatakan sampah yang terkumpul dijual ke pengepul di "
        "Mamuju. Tabungan dapat diambil menjelang hari raya atau tahun ajaran baru.</p>",
        "<ul><li>Plastik dan botol dipisahkan dari sampah dapur.</li>"
        "<li>Kardus dilipat dan dijaga tetap kering.</li>"
        "<li>Penyetoran dilayani setiap Sabtu pagi di balai desa.</li></ul>",
    )),
    S("lingkungan", ("Jumat Bersih, Warga {desa} Bersihkan Saluran Air Jelang Musim Hujan",
                     "Warga {nama_desa} Kerja Bakti Bersihkan Selokan dan Saluran Air"), (
        "<p>Warga {nama_desa} menggelar kerja bakti membersihkan saluran air dan selokan, {hari}. Kegiatan "
        "ini untuk mencegah genangan dan banjir saat musim hujan tiba.</p>",
        "<p>Sampah plastik yang menyumbat saluran diangkat dan dikumpulkan untuk dibawa ke tempat "
        "pembuangan. Kaum ibu menyiapkan makanan dan minuman bagi warga yang bekerja.</p>",
        "<p>Kepala {nama_desa}, {kades}, mengajak warga tidak membuang sampah ke saluran air. “Banjir kecil "
        "pun bisa merusak kebun dan rumah,” ujarnya.</p>",
    )),
    S("lingkungan", ("Warga {desa} Sepakat Jaga Hutan di Hulu Sungai",
                     "Aturan Desa Baru Lindungi Hutan di Hulu Sungai {nama_desa}"), (
        "<p>Warga {nama_desa} menyepakati peraturan desa untuk melindungi hutan di hulu sungai. Penebangan "
        "pohon di sekitar mata air kini dilarang dan pelanggarnya dikenai sanksi adat.</p>",
        "<p>Kesepakatan ini diambil setelah debit air sungai menurun pada kemarau lalu dan beberapa sumur "
        "warga mengering.</p>",
        "<p>“Air yang kami minum datang dari hutan itu. Kalau hutannya habis, kami juga yang susah,” kata "
        "{warga}, tokoh masyarakat.</p>",
    ), where=("pedalaman",)),
    S("lingkungan", ("Aksi Bersih Pantai {desa} Kumpulkan {kg} Kilogram Sampah",
                     "Ratusan Warga Bersihkan Pantai {nama_desa}"), (
        "<p>Warga, pelajar, dan nelayan {nama_desa} membersihkan pantai desa, {hari}. Dalam dua jam, "
        "terkumpul sekitar {kg} kilogram sampah, sebagian besar plastik dan sandal bekas.</p>",
        "<p>Sampah yang masih bisa dijual dipilah untuk bank sampah, sedangkan sisanya diangkut ke tempat "
        "pembuangan.</p>",
        "<p>{kim} mengajak warga memotret tumpukan sampah di pantai dan mengirimkannya ke KIM agar bisa "
        "ditindaklanjuti bersama pemerintah desa.</p>",
    ), where=COAST),
]

# Appended to some stories so that two villages' versions differ in more than names.
CLOSINGS = [
    "<p>{kim} akan terus mengabarkan perkembangan kegiatan ini. Warga yang punya informasi atau foto "
    "kegiatan dapat mengirimkannya lewat WhatsApp KIM yang tercantum di halaman Tentang KIM.</p>",
    "<p>Kepala {nama_desa}, {kades}, berterima kasih kepada semua warga yang terlibat. “Kegiatan seperti "
    "ini berjalan karena warga mau bergerak bersama, bukan hanya menunggu bantuan,” ujarnya.</p>",
    "<p>Camat {kec} mendorong desa-desa di wilayahnya untuk saling belajar dari kegiatan serupa, "
    "termasuk dengan membagikan kabarnya melalui KIM masing-masing.</p>",
    "<p>Warga yang ingin bertanya lebih lanjut dapat datang ke kantor desa pada jam kerja, Senin sampai "
    "Jumat pukul 08.00–15.00 WITA.</p>",
]


# Text


def angka(n):
    """An Indonesian number: 1.500, not 1,500."""
    return f"{n:,}".replace(",", ".")


def desimal(x):
    """One decimal, Indonesian style: 1,8."""
    return f"{x:.1f}".replace(".", ",")


def title_case(text):
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def person(rng, women=None):
    women = rng.random() < 0.5 if women is None else women
    return f"{rng.choice(WOMEN if women else MEN)} {rng.choice(FAMILY_NAMES)}"


def village_people(rng):
    """The people every story in a village agrees on."""
    return {
        "kades": person(rng),
        "bidan": person(rng, women=True),
        "ketua_pkk": person(rng, women=True),
        "ketua_tani": person(rng, women=False),
    }


def fits(story, seed):
    if story.where and seed.setting not in story.where:
        return False
    return not story.needs or story.needs in seed.crops or story.needs in seed.features


def products_for(seed):
    local = COAST_PRODUCTS if seed.setting in COAST else HILL_PRODUCTS
    return local + HOME_PRODUCTS


def story_context(seed, kecamatan, people, ketua_kim, day, rng):
    produk, produk2 = rng.sample(products_for(seed), 2)
    # Rice grows in sawah and is neither pruned nor dried like garden crops; it has its own story.
    tanaman = rng.choice([crop for crop in seed.crops if crop != "padi"])
    return {
        "desa": seed.name,
        "nama_desa": f"Desa {seed.name}",
        "kec": kecamatan,
        "kim": seed.kim_name,
        "ketua_kim": ketua_kim,
        **people,
        "warga": person(rng),
        "warga_p": person(rng, women=True),
        "pemuda": person(rng),
        "guru": person(rng),
        "pendamping": person(rng),
        "tanaman": tanaman,
        "Tanaman": title_case(tanaman),
        "produk": produk,
        "Produk": title_case(produk),
        "produk2": produk2,
        # News style: "Sabtu (12/4/2025)".
        "hari": f"{DAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})",
        "peserta": rng.randint(18, 65),
        "balita": rng.randint(45, 140),
        "anak": rng.randint(20, 60),
        "kk": rng.randint(35, 160),
        "km": desimal(rng.uniform(0.8, 3.6)),
        "kg": rng.randint(60, 420),
        "persen": rng.randint(8, 30),
        "bibit": angka(rng.choice([500, 750, 1000, 1200, 1500, 2000])),
        "juta": rng.choice([85, 120, 150, 180, 210, 260, 320]),
        "lansia": rng.randint(30, 90),
        "kelompok": SMALL_NUMBERS[rng.randint(3, 9)],
    }


def write_story(story, context, rng):
    title = rng.choice(story.titles).format(**context)
    blocks = [block.format(**context) for block in story.body]
    if len(blocks) < 6 and rng.random() < 0.6:
        blocks.append(rng.choice(CLOSINGS).format(**context))
    return title, "\n".join(blocks)


# Residents' messages for each demo KIM's inbox (tips/): a news tip, a
# question, and the same chain message about a fake aid payment, forwarded
# in every village with the resident's own words before it. The district's
# fact-check desk finds them together. Names and numbers are made up.
TIP_NEWS = [
    "Jembatan kayu ke dusun atas mulai lapuk, dua papan sudah patah. Anak sekolah lewat situ tiap pagi. Mungkin bisa diberitakan supaya cepat diperbaiki.",
    "Kelompok tani perempuan di dusun kami panen jagung pertama hari Sabtu, hasilnya bagus sekali. Mereka senang kalau diliput.",
    "Posyandu bulan ini pindah ke rumah kepala dusun karena balai desa sedang diperbaiki. Tolong diumumkan.",
]
TIP_QUESTIONS = [
    "Kapan pendaftaran beasiswa untuk anak SMA dibuka lagi? Dan syaratnya apa saja?",
    "Apakah benar air PDAM akan mati tiga hari minggu depan? Kami perlu menampung air.",
]
TIP_HOAX = (
    "PENGUMUMAN RESMI: Pemerintah membagikan bantuan tunai Rp 3.500.000 untuk setiap kepala keluarga "
    "penerima BLT tahap akhir. Segera isi data KTP dan nomor rekening Anda di tautan berikut sebelum "
    "batas waktu hari Jumat: http://bit.ly/blt-tahap-akhir-2026 Sebarkan ke grup keluarga!"
)
TIP_HOAX_COMMENTS = [
    "Ini masuk di grup WA ibu-ibu, apakah benar? Banyak yang sudah isi datanya.",
    "Pesan ini beredar di grup desa kami.",
    "Tolong dicek, tetangga saya sudah kirim foto KTP.",
    "",
]
TIP_SENDERS = [("Ibu Hasna", "6281390012345"), ("Pak Rusdi", ""), ("", "6285240067890"), ("", "")]
