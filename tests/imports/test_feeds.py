"""Any site with a feed (RSS 2.0 or Atom: Blogspot and most blogs) moves
its latest posts in through the same path as a WordPress export."""

import datetime
from io import StringIO

from django.core.management import call_command

from articles.models import Article
from imports.models import ImportedPost
from tests.conftest import host
from tests.imports.conftest import HERE, import_feed


def test_an_rss_feed_brings_its_latest_posts(taan, topics):
    report = import_feed(taan, "rss.xml")
    lomba = Article.objects.get(village=taan, slug="lomba-perahu-hias")
    assert report.created == 2
    assert (lomba.title, lomba.status, lomba.byline) == ("Lomba perahu hias di sungai", "published", "Rudi Hartono")
    assert lomba.published_at == datetime.datetime(2023, 11, 3, 0, 30, tzinfo=datetime.timezone.utc)
    assert lomba.body == "<p>Dua puluh perahu hias ikut lomba di sungai desa.</p><p>Juara pertama dari dusun Hulu.</p>"
    assert lomba.excerpt == "Dua puluh perahu ikut lomba."
    assert Article.objects.get(village=taan, slug="sumur-bor").body == "<p>Warga dusun Hilir kini punya sumur bor.</p>"


def test_an_atom_feed_brings_its_latest_posts(taan):
    report = import_feed(taan, "atom.xml")
    assert report.created == 2
    jaring = Article.objects.get(village=taan, slug="nelayan-mendapat-bantuan-jaring")
    assert jaring.body == "<p>Tiga puluh nelayan menerima jaring baru.</p><p>Bantuan dari dinas perikanan.</p>"
    assert jaring.byline == "Andi Nelayan"
    kerja = Article.objects.get(village=taan, slug="kerja-bakti")
    assert (kerja.title, kerja.body) == ("Kerja bakti & bersih pantai", "<p>Warga membersihkan pantai dari sampah plastik.</p>")


def test_a_feed_category_becomes_a_topic_by_its_name(taan, topics):
    from articles.models import Topic

    budaya = Topic.objects.create(name="Budaya", slug="seni-budaya")
    import_feed(taan, "rss.xml", default_topic=topics["umum"])
    assert Article.objects.get(slug="lomba-perahu-hias").topic == budaya
    assert Article.objects.get(slug="sumur-bor").topic == topics["umum"]


def test_a_feed_imported_again_updates_instead_of_duplicating(taan):
    import_feed(taan, "rss.xml")
    again = import_feed(taan, "rss.xml")
    assert (again.created, again.updated) == (0, 2)
    assert Article.objects.count() == ImportedPost.objects.count() == 2


def test_a_feed_posts_old_address_answers_301(client, taan):
    import_feed(taan, "atom.xml")
    response = client.get("/2023/11/kerja-bakti.html", HTTP_HOST=host("taan"))
    assert (response.status_code, response["Location"]) == (301, "/berita/kerja-bakti/")


def test_import_feed_reads_a_saved_feed_file(taan):
    out = StringIO()
    call_command("import_feed", str(HERE / "rss.xml"), village="taan", stdout=out)
    assert "Berita baru dibuat: 2" in out.getvalue()
    assert Article.objects.filter(village=taan).count() == 2
