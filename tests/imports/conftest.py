import io
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Topic
from imports import sources
from imports.importer import Options, import_export

HERE = Path(__file__).parent
WXR = HERE / "wordpress.xml"


def read(name):
    return (HERE / name).read_bytes()


def image_bytes(width=800, height=600, fmt="JPEG", color=(120, 160, 60)):
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def media_dir(tmp_path):
    """A copy of the old site's wp-content/uploads: the featured image (full
    size only, as WordPress keeps it) and a PNG; hilang.jpg is missing."""
    month = tmp_path / "uploads" / "2023" / "05"
    month.mkdir(parents=True)
    (month / "kakao.jpg").write_bytes(image_bytes())
    (month / "gotong-royong.png").write_bytes(image_bytes(640, 480, "PNG", (200, 80, 40)))
    return tmp_path / "uploads"


def make_topics():
    """District topics: two named as the export's categories, one with the
    same name under another slug, and a default."""
    names = [("Pertanian", "pertanian"), ("Kesehatan", "kesehatan"), ("Pemerintahan", "pemerintahan-desa"), ("Umum", "umum")]
    return {slug: Topic.objects.create(name=name, slug=slug) for name, slug in names}


@pytest.fixture
def topics(db):
    return make_topics()


def import_wordpress(village, data=None, **options):
    export = sources.read_wordpress(data or WXR.read_bytes())
    return import_export(export, Options(village=village, **options))


def import_feed(village, name, **options):
    return import_export(sources.read(read(name)), Options(village=village, **options))
