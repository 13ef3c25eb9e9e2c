"""A real WordPress export moved into a village: tests/imports/wordpress-real.xml
was written by WordPress 6.1 itself (Debian's `wordpress` package, its own
export_wp()) and wordpress-real-uploads/ is that site's wp-content/uploads,
images uploaded through WordPress's media functions with the resized copies
it made. `bash bench/wordpress/setup.sh fixture` makes both again.

The site: three published posts (classic editor, block editor with an emoji
in its slug, one with a list and a pasted Facebook script), one scheduled
with a YouTube embed block, a draft, a post waiting for review and a private
one; a page and a post in the trash, which are not moved."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from articles import photos
from articles.html import image_sources
from articles.models import Article, Photo
from imports import bodies, sources
from imports.models import ImportedPhoto, ImportedPost, OldLink, Source
from tests.conftest import host
from tests.imports.conftest import import_wordpress
from tests.imports.test_hostile_files import BILLION_LAUGHS, EXTERNAL_ENTITY

HERE = Path(__file__).parent
REAL = HERE / "wordpress-real.xml"
UPLOADS = HERE / "wordpress-real-uploads"

PANEN = "Panen raya kakao – hasil naik dua kali lipat 🍫"
FESTIVAL = "Festival budaya 🎉 meriah di lapangan desa"
KERJA_BAKTI = "Kerja bakti “Jumat Bersih” di Dusun II"
POSYANDU = "Jadwal posyandu bulan Juni"
DRAFTS = ("Rencana musyawarah desa", "Usulan jalan tani ke kebun", "Catatan rapat perangkat")
UTC = datetime.timezone.utc


def import_real(village, **options):
    options.setdefault("media_dir", UPLOADS)
    options.setdefault("fetch", False)
    return import_wordpress(village, REAL.read_bytes(), **options)


def _articles(village):
    return {a.title: a for a in Article.objects.filter(village=village).select_related("topic", "photo")}


def _remote_id(title):
    return next(p.remote_id for p in sources.read_wordpress(REAL.read_bytes()).posts if p.title == title)


def test_the_fixture_is_what_wordpress_wrote():
    head = REAL.read_text()[:2000]
    assert 'generator="WordPress/6.1' in head and "<wp:wxr_version>1.2</wp:wxr_version>" in head


def test_every_post_becomes_an_article_and_pages_attachments_and_trash_stay_behind(taan, topics):
    report = import_real(taan)
    assert set(_articles(taan)) == {PANEN, FESTIVAL, KERJA_BAKTI, POSYANDU, *DRAFTS}
    assert report.created == 7
    # Attachments are the posts' images, not counted as left behind.
    assert report.skipped == {
        "jenis “page” (hanya tulisan yang diimpor)": 1,
        "berstatus “trash” di WordPress": 1,
    }


def test_published_scheduled_private_and_pending_posts_get_our_statuses(taan, topics):
    import_real(taan)
    articles = _articles(taan)
    assert {articles[t].status for t in (PANEN, FESTIVAL, KERJA_BAKTI)} == {"published"}
    assert articles[POSYANDU].status == "scheduled"
    for title in DRAFTS:  # a draft, a pending post and a private post
        assert (articles[title].status, articles[title].published_at) == ("draft", None), title
        assert not articles[title].is_public


def test_dates_are_wordpress_dates_in_utc(taan, topics):
    import_real(taan)
    articles = _articles(taan)
    # Written at 10:00 WITA (Asia/Makassar, UTC+8) on the old site.
    assert articles[PANEN].published_at == datetime.datetime(2024, 5, 15, 2, 0, tzinfo=UTC)
    assert articles[FESTIVAL].published_at == datetime.datetime(2024, 8, 17, 8, 30, tzinfo=UTC)
    assert articles[KERJA_BAKTI].published_at == datetime.datetime(2023, 11, 2, 23, 15, tzinfo=UTC)
    assert articles[POSYANDU].published_at == datetime.datetime(2030, 6, 3, 0, 0, tzinfo=UTC)


def test_slugs_are_kept_and_an_emoji_leaves_the_slug(taan, topics):
    import_real(taan)
    articles = _articles(taan)
    assert articles[PANEN].slug == "panen-raya-kakao"
    assert articles[KERJA_BAKTI].slug == "kerja-bakti-jumat-bersih"
    # WordPress wrote festival-budaya-%f0%9f%8e%89-meriah-di-lapangan-desa.
    assert articles[FESTIVAL].slug == "festival-budaya-meriah-di-lapangan-desa"


def test_excerpts_written_in_wordpress_are_kept_and_the_others_come_from_the_body(taan, topics):
    import_real(taan)
    articles = _articles(taan)
    assert articles[PANEN].excerpt == "Hasil panen kakao tahun ini naik dua kali lipat berkat pupuk organik."
    assert articles[POSYANDU].excerpt == "Posyandu balita dan lansia dibuka di balai desa."
    assert articles[FESTIVAL].excerpt.startswith("Ratusan warga memadati lapangan desa")


def test_a_classic_editor_body_gets_paragraphs_and_its_caption_a_figure(taan, topics):
    import_real(taan)
    body = _articles(taan)[PANEN].body
    assert body.startswith(
        "<p>Warga Desa Contoh memanen kakao bersama-sama pada hari Sabtu pagi.<br>\n"
        "Hasilnya naik dua kali lipat dibanding tahun lalu.</p>"
    )
    assert "<figcaption>Panen kakao di kebun Pak Rahman</figcaption>" in body
    assert "<p>Kelompok tani juga bergotong royong membersihkan saluran irigasi 💪</p>" in body
    assert body.endswith("<p>Terima kasih kepada penyuluh pertanian yang mendampingi warga.</p>")
    assert "[caption" not in body and "<p></p>" not in body


def test_a_list_written_after_a_line_of_text_stays_a_list_and_a_pasted_script_goes(taan, topics):
    import_real(taan)
    body = _articles(taan)[KERJA_BAKTI].body
    assert "<p>Yang dikerjakan pekan ini:</p>" in body
    assert "<ul>\n<li>membersihkan selokan</li>" in body and "<li>mengecat pagar balai desa</li>\n</ul>" in body
    assert "<br>\n<li>" not in body and "<p><ul>" not in body
    assert "<script" not in body and "facebook" not in body and "fb-root" not in body
    assert "<p><strong>Ayo ikut!</strong> Kerja bakti berikutnya dimulai pukul 07.00 WITA.</p>" in body


def test_a_block_editor_body_keeps_its_heading_emoji_and_figure_without_block_comments(taan, topics):
    import_real(taan)
    body = _articles(taan)[FESTIVAL].body
    assert "<!--" not in body and "wp-block" not in body and "wp-image" not in body
    assert "<h2>Lomba dan pentas seni</h2>" in body
    assert "HUT RI ke-79. 🇮🇩</p>" in body and "Terima kasih semuanya 🙏" in body
    assert '<figure class="image"><img src="' in body
    assert "<figcaption>Penonton dari tiga dusun</figcaption></figure>" in body


def test_a_youtube_embed_block_becomes_our_video_embed(taan, topics):
    import_real(taan)
    body = _articles(taan)[POSYANDU].body
    assert '<figure class="media"><oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></oembed></figure>' in body
    assert "wp-block-embed" not in body


def test_an_embed_block_of_another_site_becomes_a_link_to_it():
    body = bodies.convert(
        '<!-- wp:embed {"url":"https://www.facebook.com/desacontoh/posts/1"} -->\n'
        '<figure class="wp-block-embed is-provider-facebook"><div class="wp-block-embed__wrapper">\n'
        "https://www.facebook.com/desacontoh/posts/1\n</div></figure>\n<!-- /wp:embed -->",
        "https://desacontoh.example",
        lambda url, alt: None,
    )
    assert body.startswith('<p><a href="https://www.facebook.com/desacontoh/posts/1"')
    assert body.endswith(">https://www.facebook.com/desacontoh/posts/1</a></p>")


def test_categories_map_to_topics_and_the_unmapped_go_to_the_default(taan, topics):
    import_real(taan, default_topic=topics["umum"])
    articles = _articles(taan)
    assert articles[PANEN].topic == topics["pertanian"]
    assert articles[POSYANDU].topic == topics["kesehatan"]
    assert articles[KERJA_BAKTI].topic == topics["pemerintahan-desa"]  # "Pemerintahan Desa"
    assert articles[FESTIVAL].topic == topics["umum"]  # "Seni & Budaya": no such topic
    assert articles["Usulan jalan tani ke kebun"].topic == topics["umum"]  # "Uncategorized"


def test_a_tag_mapped_to_a_topic_serves_a_post_whose_category_is_not(taan, topics):
    export = sources.read_wordpress(REAL.read_bytes())
    assert export.terms["category:seni-budaya"].name == "Seni & Budaya"
    assert export.terms["post_tag:17-agustus"].name == "17 Agustus"
    import_real(taan, topics={"post_tag:festival": topics["umum"]})
    assert _articles(taan)[FESTIVAL].topic == topics["umum"]


def test_authors_become_names_on_the_article(client, taan, topics):
    import_real(taan)
    articles = _articles(taan)
    assert (articles[PANEN].byline, articles[FESTIVAL].byline) == ("Pak Kades", "Sari Wulandari")
    page = client.get("/berita/festival-budaya-meriah-di-lapangan-desa/", HTTP_HOST=host("taan")).content.decode()
    assert "Sari Wulandari" in page and "Festival budaya 🎉 meriah" in page


def test_featured_images_come_from_the_uploads_with_their_alt_and_caption(taan, topics):
    import_real(taan)
    articles = _articles(taan)
    assert (articles[PANEN].photo.alt, articles[PANEN].photo.caption) == ("Warga memanen kakao", "Panen kakao di kebun Pak Rahman")
    assert (articles[FESTIVAL].photo.alt, articles[FESTIVAL].photo.caption) == ("Penari pattudu di panggung", "Tari pattudu membuka festival")
    assert articles[KERJA_BAKTI].photo.alt == "Warga membersihkan selokan"
    assert articles[POSYANDU].photo is None


def test_body_images_are_our_photos_and_a_resized_copy_is_its_original(taan, topics):
    report = import_real(taan)
    articles = _articles(taan)
    panen = image_sources(articles[PANEN].body)
    # The caption's 300x200 copy is the featured panen-kakao.jpg: one photo.
    assert [photos.folder_of(src) for src in panen] == [articles[PANEN].photo.folder, photos.folder_of(panen[1])]
    assert len(set(photos.folder_of(src) for src in panen)) == 2
    assert len(image_sources(articles[FESTIVAL].body)) == 1
    assert len(image_sources(articles["Usulan jalan tani ke kebun"].body)) == 1
    assert all("desacontoh.example" not in a.body for a in articles.values())
    # kakao, gotong royong, tari, penonton, kerja bakti, jalan tani; the page's image is not moved.
    assert report.photos_new == Photo.objects.filter(village=taan).count() == 6
    assert report.missing == []


def test_without_the_uploads_every_image_is_reported_and_the_posts_still_come(taan, topics):
    report = import_real(taan, media_dir=None)
    assert report.created == 7 and report.photos_new == 0
    missing = {url.rsplit("/", 1)[1] for _, url, _ in report.missing}
    assert missing == {"panen-kakao.jpg", "gotong-royong.png", "tari-pattudu.jpg", "penonton.jpg", "kerja-bakti.jpg", "jalan-tani-300x200.jpg"}
    assert all(not image_sources(a.body) for a in _articles(taan).values())


def test_importing_the_real_export_twice_duplicates_nothing(taan, topics):
    import_real(taan)
    models = (Article, Photo, OldLink, ImportedPost, ImportedPhoto, Source)
    counts = [m.objects.count() for m in models]
    bodies = {title: a.body for title, a in _articles(taan).items()}
    again = import_real(taan)
    assert [m.objects.count() for m in models] == counts
    assert (again.created, again.updated, again.photos_new, again.old_links) == (0, 7, 0, 0)
    assert {title: a.body for title, a in _articles(taan).items()} == bodies


@pytest.mark.parametrize(
    "path",
    [
        "/2024/08/festival-budaya-%f0%9f%8e%89-meriah-di-lapangan-desa/",  # as WordPress links it
        "/2024/08/festival-budaya-%F0%9F%8E%89-meriah-di-lapangan-desa/",  # as a browser may send it
        "/2024/08/festival-budaya-🎉-meriah-di-lapangan-desa/",
    ],
)
def test_an_old_link_with_an_emoji_answers_301_with_the_article(client, taan, topics, path):
    import_real(taan)
    response = client.get(path, HTTP_HOST=host("taan"))
    assert response.status_code == 301
    assert response["Location"] == "/berita/festival-budaya-meriah-di-lapangan-desa/"


def test_the_old_post_id_answers_301_with_the_article(client, taan, topics):
    import_real(taan)
    response = client.get(f"/?p={_remote_id(PANEN)}", HTTP_HOST=host("taan"))
    assert (response.status_code, response["Location"]) == (301, "/berita/panen-raya-kakao/")


def _with_doctype(doctype, title_entity):
    """The real export with a DOCTYPE after its XML declaration and the first
    post's title made of an entity: what an attacker would send in."""
    data = REAL.read_bytes()
    declaration, rest = data.split(b"\n", 1)
    rest = rest.replace(PANEN.encode(), title_entity, 1)
    return declaration + b"\n" + doctype + b"\n" + rest


@pytest.mark.parametrize(
    "attack",
    [BILLION_LAUGHS, EXTERNAL_ENTITY],
    ids=["billion-laughs", "external-entity"],
)
def test_the_real_export_carrying_an_xml_attack_is_refused(taan, topics, attack):
    doctype = attack[attack.index(b"<!DOCTYPE") : attack.index(b"]>") + 2]
    entity = b"&lol9;" if b"lol9" in doctype else b"&rahasia;"
    with pytest.raises(ValidationError) as refused:
        import_wordpress(taan, _with_doctype(doctype, entity), media_dir=UPLOADS, fetch=False)
    assert refused.value.code == "hostile"
    assert Article.objects.count() == 0


def test_the_real_export_cut_short_while_downloading_says_so(taan, topics):
    data = REAL.read_bytes()
    with pytest.raises(ValidationError) as refused:
        import_wordpress(taan, data[: len(data) // 2], media_dir=UPLOADS, fetch=False)
    assert refused.value.code == "broken"
    assert "terpotong" in refused.value.messages[0]
