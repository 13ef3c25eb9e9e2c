from django.core.management import call_command

from articles.models import Article, Photo, Topic
from villages.models import Membership, User, Village


def _counts():
    return [m.objects.count() for m in (Village, Article, Photo, Topic, User, Membership)]


def test_seed_demo_creates_taan_and_is_safe_to_run_twice(db, capsys):
    call_command("seed_demo", "--villages", "2", "--articles", "3")
    first = _counts()
    call_command("seed_demo", "--villages", "2", "--articles", "3")
    assert _counts() == first

    taan = Village.objects.get(slug="taan")
    assert taan.kecamatan.name == "Tapalang"
    assert Article.objects.published().for_village(taan).count() == 3
    assert Article.objects.for_village(taan).exclude(pk__in=Article.objects.published()).exists()
    assert User.objects.get(username="distrik").is_district_staff
    assert User.objects.get(username="editor-taan").check_password("kimportal-demo")
    output = capsys.readouterr().out
    assert "penerbit-taan" in output and "http://taan.localhost:8000/" in output


def test_demo_villages_have_a_logo_a_cover_a_colour_and_icons(db, capsys):
    from villages.identity import PALETTE

    call_command("seed_demo", "--villages", "1", "--articles", "1")
    taan = Village.objects.get(slug="taan")
    assert taan.logo["folder"].startswith("villages/taan/photos/")
    assert abs(taan.cover["width"] - 3 * taan.cover["height"]) <= 3
    assert taan.accent in dict(PALETTE)
    assert taan.icons.startswith("villages/taan/icons/")
    logo = taan.logo
    call_command("seed_demo", "--villages", "1", "--articles", "1")
    taan.refresh_from_db()
    assert taan.logo == logo  # a second run leaves the look alone
