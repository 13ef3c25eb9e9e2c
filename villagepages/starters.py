"""The pages every village starts with: drafts, so nothing shows on the
site until the KIM has written and published them, each with a hint that
tells the writer what readers look for there."""

from django.db import transaction

# (slug, title, hint for the writer), in the menu's starting order.
STARTERS = [
    ("profil", "Profil desa",
     "Gambaran singkat desa: letak, luas wilayah, jumlah dusun, jumlah penduduk dan kepala keluarga, "
     "mata pencaharian utama warga."),
    ("sejarah", "Sejarah",
     "Asal-usul nama desa, siapa yang membuka kampung, peristiwa penting, daftar kepala desa dari masa ke masa."),
    ("visi-misi", "Visi dan misi",
     "Visi dan misi desa sebagaimana tertulis dalam RPJM Desa."),
    ("perangkat-desa", "Perangkat desa",
     "Nama dan jabatan kepala desa, sekretaris, kepala urusan, kepala seksi dan kepala dusun, serta anggota BPD. "
     "Jangan cantumkan NIK atau nomor telepon pribadi."),
    ("potensi", "Potensi desa",
     "UMKM, hasil tani dan laut, tempat wisata: apa yang bisa dibeli atau dikunjungi, dan cara menghubunginya."),
    ("peta", "Peta desa",
     "Unggah foto peta desa (dari kantor desa atau papan peta), dan tautan ke lokasi desa di OpenStreetMap "
     "(openstreetmap.org), misalnya: https://www.openstreetmap.org/#map=14/-2.68/118.89"),
    ("kontak", "Kontak",
     "Alamat kantor desa, jam pelayanan, dan nomor atau email resmi yang boleh dihubungi warga."),
]
HINTS = {slug: hint for slug, _, hint in STARTERS}


def create_starter_pages(village, page_model=None):
    """Give `village` the starter pages it does not have yet (by slug): safe
    to run again. `page_model`: the historical model, for the data migration."""
    if page_model is None:
        from villagepages.models import Page as page_model
    with transaction.atomic():
        have = set(page_model.objects.filter(village=village).values_list("slug", flat=True))
        last = page_model.objects.filter(village=village).order_by("-position").values_list("position", flat=True).first()
        position = -1 if last is None else last
        new = []
        for slug, title, _ in STARTERS:
            if slug not in have:
                position += 1
                new.append(page_model(village=village, slug=slug, title=title, body="", status="draft", position=position))
        page_model.objects.bulk_create(new)
    return new
