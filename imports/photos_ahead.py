"""An import's photos, made ahead of the posts that use them.

Making renditions is most of an import's time (about 80 % for a WordPress
site: decoding, resizing, encoding WebP and JPEG). The posts are written one
by one in the importing process, in order, each in its own transaction; the
photos they will need are made meanwhile in worker processes, a few posts
ahead, so an import uses every core. Only where to read an image goes to a
worker and only renditions come back: a worker never touches the database
or the storage. The workers run at a lower priority, so a server that
imports still answers its readers first.
"""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from django.core.files.base import ContentFile

from articles import photos
from imports.fetch import FetchError, fetch

AHEAD = 4  # photos in flight per worker: enough to keep it busy, little memory
NICENESS = 10


@dataclass(frozen=True)
class Job:
    """Where an image's bytes are: a file in the media folder, else its addresses."""
    local: os.PathLike | None
    addresses: tuple
    may_fetch: bool

    def read(self):
        if self.local is not None:
            if os.path.getsize(self.local) > photos.max_upload_bytes():
                raise FetchError(f"berkas di folder media lebih besar dari {photos.max_upload_bytes() // 2**20} MB")
            with open(self.local, "rb") as file:
                return file.read()
        if not self.may_fetch:
            raise FetchError("tidak ada di folder media")
        error = None
        for address in self.addresses:
            try:
                return fetch(address, photos.max_upload_bytes(), accept="image/*")
            except FetchError as failed:
                error = error or failed
        raise error


def make(job):
    """The renditions of one image (articles.photos.ProcessedPhoto); raises
    FetchError or ValidationError saying why there are none."""
    return photos.process(ContentFile(job.read(), name="foto"), bulk=True)


class PhotosAhead:
    """Photos for `jobs` ({key: Job}, in the order the posts need them),
    made by `workers` processes, at most AHEAD per worker waiting to be
    taken. With one worker, or fewer photos than workers, each is made
    when it is taken, here."""

    def __init__(self, jobs, workers):
        self.jobs = dict(jobs)
        self.order = list(self.jobs)
        self.position = {key: n for n, key in enumerate(self.order)}
        self.next = 0  # the position of the next photo to hand to a worker
        self.started = {}  # key → Future, in the order they were handed out
        self.pool = None
        if workers > 1 and len(self.jobs) > workers:
            # fork: a worker starts in a moment with the settings as they are
            # (a test's overrides included); it runs only make().
            self.pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=os.nice, initargs=(NICENESS,),
            )
            self.limit = workers * AHEAD
            self._top_up()

    def take(self, key, job):
        """The renditions for `key` (made from `job` here if it was not
        planned, or was passed over and is needed after all)."""
        at = self.position.get(key)
        if self.pool is None or at is None:
            return make(job)
        # Photos planned before this one and never taken belonged to posts
        # the import left alone (changed here since): not made ahead any more.
        for earlier in [k for k in self.started if self.position[k] < at]:
            self.started.pop(earlier).cancel()
        try:
            if key not in self.started and at >= self.next:
                self.next = at
                self._top_up()
            future = self.started.pop(key, None)
            if future is None:
                return make(job)
            self._top_up()
            return future.result()
        except BrokenProcessPool:
            # A worker died (the kernel ended it for memory, say): the rest
            # are made here, one by one, and the import goes on.
            self.close()
            self.pool = None
            return make(job)

    def _top_up(self):
        while self.next < len(self.order) and len(self.started) < self.limit:
            key = self.order[self.next]
            self.started[key] = self.pool.submit(make, self.jobs[key])
            self.next += 1

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
