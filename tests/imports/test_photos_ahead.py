"""An import's photos made ahead in worker processes (imports/photos_ahead.py):
the same renditions as made in the importing process, in any order the
posts take them, with the same reasons when an image cannot be had."""

import os
import signal
from concurrent.futures.process import BrokenProcessPool

import pytest
from django.core.exceptions import ValidationError

from articles.models import Photo
from imports.fetch import FetchError
from imports.photos_ahead import Job, PhotosAhead, make
from tests.imports.conftest import image_bytes
from tests.imports.test_wordpress_real_export import import_real


def _jobs(tmp_path, count):
    found = {}
    for n in range(count):
        path = tmp_path / f"foto-{n}.jpg"
        path.write_bytes(image_bytes(900 + 10 * n, 600, color=(20 * n, 120, 60)))
        found[f"https://lama.desa.id/foto-{n}.jpg"] = Job(path, (), False)
    return found


@pytest.fixture
def jobs(tmp_path):
    return _jobs(tmp_path, 6)


def test_photos_made_by_workers_are_the_ones_made_here(jobs):
    ahead = PhotosAhead(jobs, workers=2)
    try:
        assert ahead.pool is not None
        for key, job in jobs.items():
            assert ahead.take(key, job).renditions == make(job).renditions
    finally:
        ahead.close()


def test_photos_of_posts_left_alone_are_passed_over(jobs):
    keys = list(jobs)
    ahead = PhotosAhead(jobs, workers=2)
    try:
        later = ahead.take(keys[4], jobs[keys[4]])
        assert later.renditions == make(jobs[keys[4]]).renditions
        assert not any(key in ahead.started for key in keys[:4])
        assert ahead.take(keys[5], jobs[keys[5]]).width == 950
    finally:
        ahead.close()


def test_a_photo_no_post_planned_is_made_when_taken(jobs, tmp_path):
    extra = tmp_path / "lain.jpg"
    extra.write_bytes(image_bytes(700, 500))
    ahead = PhotosAhead(jobs, workers=2)
    try:
        assert ahead.take("https://lama.desa.id/lain.jpg", Job(extra, (), False)).width == 700
    finally:
        ahead.close()


def test_a_file_that_is_not_a_photo_says_so_from_a_worker(jobs, tmp_path):
    broken = tmp_path / "rusak.jpg"
    broken.write_bytes(b"<html>bukan foto</html>")
    jobs = {"https://lama.desa.id/rusak.jpg": Job(broken, (), False), **jobs}
    ahead = PhotosAhead(jobs, workers=2)
    try:
        with pytest.raises(ValidationError, match="bukan foto yang dapat dibaca"):
            ahead.take("https://lama.desa.id/rusak.jpg", jobs["https://lama.desa.id/rusak.jpg"])
    finally:
        ahead.close()


def test_an_image_missing_from_the_media_folder_says_so_from_a_worker(jobs):
    missing = Job(None, ("https://lama.desa.id/hilang.jpg",), False)
    jobs = {"https://lama.desa.id/hilang.jpg": missing, **jobs}
    ahead = PhotosAhead(jobs, workers=2)
    try:
        with pytest.raises(FetchError, match="tidak ada di folder media"):
            ahead.take("https://lama.desa.id/hilang.jpg", missing)
    finally:
        ahead.close()


def test_one_worker_makes_each_photo_when_it_is_taken(jobs):
    ahead = PhotosAhead(jobs, workers=1)
    assert ahead.pool is None
    key = next(iter(jobs))
    assert ahead.take(key, jobs[key]).renditions == make(jobs[key]).renditions


def _photos(village):
    return sorted(Photo.objects.filter(village=village).values_list("width", "height", "alt", "caption"))


def test_a_site_imported_with_workers_is_the_site_imported_without(taan, bela, topics, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    alone, together = import_real(taan, workers=1), import_real(bela, workers=2)
    assert together.as_json() == alone.as_json()
    assert _photos(bela) == _photos(taan) and _photos(taan)


def test_a_photo_passed_over_and_needed_later_is_made_when_taken(jobs):
    keys = list(jobs)
    ahead = PhotosAhead(jobs, workers=2)
    try:
        ahead.take(keys[3], jobs[keys[3]])  # the posts before it left alone: photos 0-2 passed over
        assert ahead.take(keys[1], jobs[keys[1]]).renditions == make(jobs[keys[1]]).renditions
        assert ahead.take(keys[4], jobs[keys[4]]).renditions == make(jobs[keys[4]]).renditions
    finally:
        ahead.close()


def test_when_a_worker_dies_the_photos_are_made_here_and_none_is_lost(tmp_path):
    jobs = _jobs(tmp_path, 12)  # more than are made ahead at once: later ones are still to hand out
    ahead = PhotosAhead(jobs, workers=2)
    try:
        for pid in list(ahead.pool._processes):
            os.kill(pid, signal.SIGKILL)
        # Once the pool knows, even handing out the next photo fails.
        assert isinstance(next(iter(ahead.started.values())).exception(timeout=30), BrokenProcessPool)
        for key, job in jobs.items():
            assert ahead.take(key, job).renditions == make(job).renditions
        assert ahead.pool is None
    finally:
        ahead.close()
