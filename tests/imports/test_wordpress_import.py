"""A WordPress export (tests/imports/wordpress.xml, written by hand like
WordPress writes them) moved into a village: what each post becomes."""

import datetime

from django.core.files.storage import default_storage

from articles import photos
from articles.models import Article, Photo
from imports.models import ImportedPost, OldLink, Source
from tests.conftest import host
from tests.factories import ArticleFactory
from tests.imports.conftest import WXR, import_wordpress

PANEN = "Panen raya kakao – hasil naik dua kali lipat"
TITLES = {PANEN, "Rencana musyawarah desa", "Jadwal posyandu bulan Juni", "Catatan rapat perangkat", "Usulan jalan tani ke kebun"}


def _articles(village):
    return {a.title: a for a in Article.objects.filter(village=village).select_related("topic", "photo", "author")}


def test_every_post_keeps_its_title_date_slug_excerpt_and_status(taan, topics, media_dir):
    report = import_wordpress(taan, media_dir=media_dir, fetch=False)
    articles = _articles(taan)
    assert set(articles) == TITLES and report.created == 5
    panen = articles[PANEN]
    assert (panen.status, panen.slug, panen.excerpt) == ("published", "panen-raya-kakao", "Hasil panen kakao naik dua kali lipat.")
    assert panen.published_at == datetime.datetime(2023, 5, 15, 2, 0, tzinfo=datetime.timezone.utc)
    assert articles["Jadwal posyandu bulan Juni"].status == "scheduled"
    assert articles["Jadwal posyandu bulan Juni"].published_at.year == 2030


def test_private_and_pending_posts_become_drafts_and_trash_pages_and_menus_are_left_out(taan, topics, media_dir):
    report = import_wordpress(taan, media_dir=media_dir, fetch=False)
    articles = _articles(taan)
    for title in ("Rencana musyawarah desa", "Catatan rapat perangkat", "Usulan jalan tani ke kebun"):
        assert (articles[title].status, articles[title].published_at) == ("draft", None), title
    assert not articles["Catatan rapat perangkat"].is_public
    assert sum(report.skipped.values()) == 3
    assert any("trash" in reason for reason in report.skipped)


def test_the_body_goes_through_the_sanitiser_with_paragraphs_and_figures(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    body = _articles(taan)[PANEN].body
    assert "<script" not in body and "onclick" not in body and "[caption" not in body
    assert "<p>Warga Desa Lama memanen kakao bersama-sama pada hari Sabtu.<br>" in body
    assert "<p></p>" not in body and "<br>\n</p>" not in body
    assert body.endswith("<p>Terima kasih kepada penyuluh.</p>")
    assert "<figcaption>Panen kakao di kebun Pak Rahman</figcaption>" in body
    posyandu = _articles(taan)["Jadwal posyandu bulan Juni"].body
    assert '<oembed url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">' in posyandu


def test_categories_become_topics_by_the_mapping_and_the_rest_go_to_the_default(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False, default_topic=topics["umum"])
    articles = _articles(taan)
    assert articles[PANEN].topic == topics["pertanian"]  # same slug
    assert articles["Jadwal posyandu bulan Juni"].topic == topics["kesehatan"]
    assert articles["Rencana musyawarah desa"].topic == topics["pemerintahan-desa"]  # same name
    assert articles["Usulan jalan tani ke kebun"].topic == topics["umum"]  # "Uncategorized"


def test_a_topic_chosen_for_a_category_wins_over_the_suggestion(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False, topics={"category:pertanian": topics["umum"]})
    assert _articles(taan)[PANEN].topic == topics["umum"]


def test_authors_become_names_on_the_article(client, taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    panen = _articles(taan)[PANEN]
    assert (panen.author, panen.byline) == (None, "Pak Kades")
    page = client.get("/berita/panen-raya-kakao/", HTTP_HOST=host("taan")).content.decode()
    assert "Oleh Pak Kades, KIM Taan Bersatu" in page


def test_an_author_becomes_the_member_the_kim_lead_names(taan, taan_editor, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False, members={"sari": taan_editor})
    draft = _articles(taan)["Rencana musyawarah desa"]
    assert (draft.author, draft.byline) == (taan_editor, "")
    assert _articles(taan)[PANEN].byline == "Pak Kades"


def test_featured_and_body_images_from_the_media_dir_go_through_the_photo_pipeline(taan, topics, media_dir):
    report = import_wordpress(taan, media_dir=media_dir, fetch=False)
    panen = _articles(taan)[PANEN]
    assert (panen.photo.alt, panen.photo.caption) == ("Warga memanen kakao", "Panen kakao di kebun Pak Rahman")
    assert default_storage.exists(f"{panen.photo.folder}/800.webp")
    # The resized copy in the body is the same image as the featured one: one photo.
    assert Photo.objects.filter(village=taan).count() == 2 and report.photos_new == 2
    sources = [src for src in photos_in(panen.body)]
    assert len(sources) == 2
    assert {photos.folder_of(src) for src in sources} == set(Photo.objects.values_list("folder", flat=True))
    assert "desalama.example" not in panen.body


def photos_in(body):
    from articles.html import image_sources

    return image_sources(body)


def test_an_image_that_cannot_be_had_is_reported_and_the_import_goes_on(taan, topics, media_dir):
    report = import_wordpress(taan, media_dir=media_dir)
    missing = {url: why for _, url, why in report.missing}
    assert set(missing) == {
        "https://desalama.example/wp-content/uploads/2023/05/hilang.jpg",
        "http://169.254.169.254/latest/meta-data/iam.jpg",
    }
    assert "jaringan lokal" in missing["http://169.254.169.254/latest/meta-data/iam.jpg"]
    assert report.created == 5
    assert "hilang.jpg" not in _articles(taan)[PANEN].body
    assert any("Gambar yang tidak didapat: 2" == line for line in report.lines())


def test_importing_twice_updates_instead_of_duplicating(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    counts = [m.objects.count() for m in (Article, Photo, OldLink, ImportedPost, Source)]
    again = import_wordpress(taan, media_dir=media_dir, fetch=False)
    assert [m.objects.count() for m in (Article, Photo, OldLink, ImportedPost, Source)] == counts
    assert (again.created, again.updated, again.photos_new, again.photos_reused, again.old_links) == (0, 5, 0, 2, 0)


def test_a_second_run_brings_what_changed_on_the_old_site(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    changed = WXR.read_bytes().replace(b"Rencana musyawarah desa", b"Musyawarah desa ditunda")
    import_wordpress(taan, changed, media_dir=media_dir, fetch=False)
    assert "Musyawarah desa ditunda" in _articles(taan) and len(_articles(taan)) == 5


def test_an_article_changed_here_since_the_import_is_left_as_it_is(taan, topics, media_dir):
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    panen = _articles(taan)[PANEN]
    panen.title = "Panen kakao (disunting KIM)"
    panen.save()
    report = import_wordpress(taan, media_dir=media_dir, fetch=False)
    assert report.kept == ["Panen kakao (disunting KIM)"] and report.updated == 4
    assert Article.objects.get(pk=panen.pk).title == "Panen kakao (disunting KIM)"


def test_a_slug_taken_in_the_village_gets_another_and_is_reported(taan, bela, topics, media_dir):
    ArticleFactory(village=taan, slug="panen-raya-kakao")
    ArticleFactory(village=bela, slug="jadwal-posyandu")
    report = import_wordpress(taan, media_dir=media_dir, fetch=False)
    articles = _articles(taan)
    assert articles[PANEN].slug == "panen-raya-kakao-2"
    assert articles["Jadwal posyandu bulan Juni"].slug == "jadwal-posyandu"  # another village's slug is free here
    assert report.renamed == [[PANEN, "panen-raya-kakao", "panen-raya-kakao-2"]]


def test_a_dry_run_writes_nothing_and_says_what_it_would_do(taan, topics, media_dir):
    report = import_wordpress(taan, media_dir=media_dir, dry_run=True)
    assert [m.objects.count() for m in (Article, Photo, OldLink, ImportedPost, Source)] == [0, 0, 0, 0, 0]
    assert (report.created, report.photos_in_folder, report.photos_to_fetch) == (5, 2, 2)
    assert "Berita baru akan dibuat: 5" in report.lines()


def test_readers_see_the_imported_news_at_once(client, taan, topics, media_dir):
    before = client.get("/", HTTP_HOST=host("taan"))
    assert PANEN not in before.content.decode()
    import_wordpress(taan, media_dir=media_dir, fetch=False)
    assert PANEN in client.get("/", HTTP_HOST=host("taan")).content.decode()
