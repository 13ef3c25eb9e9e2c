"""The same rumour from several villages is found together: by a shared
link, or by most of the words of the shorter report."""

import datetime
from types import SimpleNamespace

from tips import rumours

CHAIN = ("PENGUMUMAN RESMI: Pemerintah membagikan bantuan tunai Rp 3.500.000 untuk setiap kepala keluarga "
         "penerima BLT tahap akhir. Segera isi data KTP dan nomor rekening Anda sebelum hari Jumat.")
NOW = datetime.datetime(2026, 11, 30, 12, 0)


def _report(message, village, minutes=0):
    return SimpleNamespace(message=message, village_id=village, created=NOW + datetime.timedelta(minutes=minutes))


def test_a_forwarded_message_with_a_comment_before_it_is_the_same_rumour():
    a = _report(CHAIN, 1)
    b = _report("Ini masuk di grup WA ibu-ibu, apakah benar? Banyak yang sudah isi.\n\n" + CHAIN, 2)
    assert rumours.group([a, b]) == [[a, b]]


def test_the_same_link_with_different_tracking_is_the_same_rumour():
    a = _report("Lihat ini https://m.facebook.com/groups/123/posts/456?fbclid=abc", 1)
    b = _report("apa benar?? www.facebook.com/groups/123/posts/456/", 2)
    assert rumours.group([a, b]) == [[a, b]]


def test_different_rumours_stay_apart():
    a = _report(CHAIN, 1)
    b = _report("Vaksin campak untuk anak sekolah katanya mengandung bahan berbahaya, orang tua diminta menolak.", 2)
    c = _report("Lihat https://example.org/a", 3)
    d = _report("Lihat https://example.org/b", 4)
    assert len(rumours.group([a, b, c, d])) == 4


def test_matches_join_in_a_chain():
    words = "bantuan tunai kepala keluarga rekening segera jumat formulir".split()
    a = _report(" ".join(words[:5]), 1)
    b = _report(" ".join(words[:8]) + " https://bit.ly/xyz", 2)
    c = _report("cek https://bit.ly/xyz", 3)
    assert len(rumours.group([a, b, c])) == 1


def test_groups_from_more_villages_come_first():
    one = [_report(CHAIN, 1, minutes=50), _report(CHAIN, 1, minutes=51)]
    many = [_report("Lihat https://example.org/x", v) for v in (1, 2, 3)]
    assert rumours.group(one + many)[0] == many


def test_short_everyday_messages_are_not_grouped_by_chance():
    a = _report("Apakah benar ini hoaks?", 1)
    b = _report("Apakah ini benar? Tolong info.", 2)
    assert len(rumours.group([a, b])) == 2
