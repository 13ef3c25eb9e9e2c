"""manage.py export_village SLUG --format wxr|zip --output FILE."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from imports import sources


def _run(*args):
    out = io.StringIO()
    call_command("export_village", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_a_wordpress_export(site, taan, tmp_path):
    path = tmp_path / "taan.xml"
    said = _run("taan", "--format", "wxr", "--output", str(path))
    assert len(sources.read_wordpress(path.read_bytes()).posts) == 7
    assert "7 berita, 2 halaman, 4 foto" in said and not path.with_suffix(".part").exists()


def test_the_command_writes_a_zip(site, taan, tmp_path):
    path = tmp_path / "taan.zip"
    _run("taan", "--format", "zip", "--output", str(path))
    assert {"berita.json", "wordpress.xml", f"media/{site['lead_photo'].folder}/900.jpg"} <= set(zipfile.ZipFile(path).namelist())


def test_an_unknown_village_is_refused_in_indonesian(db, tmp_path):
    with pytest.raises(CommandError, match="Tidak ada desa dengan subdomain “entah”"):
        _run("entah", "--format", "zip", "--output", str(tmp_path / "x.zip"))


def test_a_folder_that_does_not_exist_is_refused(site, taan, tmp_path):
    with pytest.raises(CommandError, match="tidak ada"):
        _run("taan", "--format", "zip", "--output", str(tmp_path / "tidak" / "ada.zip"))
