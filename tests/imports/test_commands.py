"""manage.py import_wordpress: the plan first (what each category and
author becomes), then the report; every wrong option said in Indonesian."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.imports.conftest import WXR


def _run(**options):
    out = StringIO()
    call_command("import_wordpress", str(WXR), stdout=out, **options)
    return out.getvalue()


def test_the_command_shows_the_mapping_then_the_report(taan, topics, media_dir):
    text = _run(village="taan", media_dir=str(media_dir), default_topic="umum", no_fetch=True)
    assert "Kategori Pertanian (1 berita) → Pertanian" in text
    assert "Kategori Uncategorized (1 berita) → (topik bawaan: Umum)" in text
    assert "Pak Kades (2 berita) → nama di berita" in text
    assert "Berita baru dibuat: 5" in text and "Foto baru: 2; dipakai ulang: 0" in text
    assert Article.objects.filter(village=taan).count() == 5


def test_a_dry_run_only_tells(taan, topics, media_dir):
    text = _run(village="taan", media_dir=str(media_dir), dry_run=True)
    assert "Berita baru akan dibuat: 5" in text and "Uji coba: tidak ada yang disimpan." in text
    assert not Article.objects.exists()


def test_topics_and_authors_may_be_chosen(taan, taan_editor, topics, media_dir):
    _run(village="taan", media_dir=str(media_dir), no_fetch=True, topic=["pertanian=umum"], author=["sari=editor-taan"])
    assert Article.objects.get(slug="panen-raya-kakao").topic == topics["umum"]
    assert Article.objects.get(slug="jadwal-posyandu").author == taan_editor


def test_an_author_may_only_become_a_member_of_the_village(taan, bela_editor, topics):
    with pytest.raises(CommandError, match="bukan anggota Desa Taan"):
        _run(village="taan", author=["sari=editor-bela"])


@pytest.mark.parametrize("options, message", [
    ({"village": "tidak-ada"}, "Tidak ada desa dengan subdomain"),
    ({"village": "taan", "topic": ["pertanian=tidak-ada"]}, "Tidak ada topik"),
    ({"village": "taan", "topic": ["peternakan=umum"]}, "tidak ada di berkas ini"),
    ({"village": "taan", "topic": ["pertanian"]}, "KIRI=KANAN"),
    ({"village": "taan", "media_dir": "/tidak/ada"}, "tidak ada"),
])
def test_wrong_options_are_refused_in_indonesian(taan, topics, options, message):
    with pytest.raises(CommandError, match=message):
        _run(**options)
    assert not Article.objects.exists()
