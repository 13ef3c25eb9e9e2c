"""Stamps bumped again at commit, once per transaction; and nginx's lease of
the stamps it read (deploy/nginx/lua/kimportal/edge.lua) never outliving a
change it was told of, even when its read of Redis crossed the change."""

import contextlib
import re
import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, transaction

from articles.models import Article
from harness.nginx import Nginx, RedisServer
from pagecache import edge, stamps
from tests.conftest import host
from villages import hosts

from .conftest import KEY_PREFIX

PATH = "/berita/panen-kakao/"


def _taan_stamp():
    return cache.get(stamps.stamp_key(hosts.cache_scope("taan")))


def test_a_transactions_saves_write_the_stamps_once_more_at_its_commit(django_capture_on_commit_callbacks,
                                                                        taan_article):
    with django_capture_on_commit_callbacks() as callbacks:
        for number in range(4):
            taan_article.title = f"Panen kakao, kabar ke-{number}"
            taan_article.save()
    before = _taan_stamp()
    seen = []
    for callback in callbacks:
        callback()
        seen.append(_taan_stamp())
    assert seen[0] != before
    assert len(set(seen)) == 1  # the first callback wrote them; the others found nothing left to write


@pytest.fixture
def own_redis(tmp_path, settings):
    server = RedisServer(tmp_path).start()
    settings.CACHES = {"default": {"BACKEND": "kimportal.cache.RedisCache", "LOCATION": server.url}}
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True)
def test_redis_gone_at_the_commit_loses_neither_the_save_nor_the_other_after_commit_work(taan_article, own_redis):
    after_commit = []
    with transaction.atomic():
        taan_article.title = "Panen kakao melimpah"
        taan_article.save()
        transaction.on_commit(lambda: after_commit.append("dijalankan"))
        own_redis.stop()
    assert Article.objects.get(pk=taan_article.pk).title == "Panen kakao melimpah"
    assert after_commit == ["dijalankan"]


class HeldRedis:
    """A TCP relay to Redis whose answers can be held back: nginx's read is
    answered by Redis at once, and reaches nginx only when released."""

    def __init__(self, port):
        self.port_of_redis = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()
        self.holding = False
        self.held = []
        self.answered = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _ = self.listener.accept()
            upstream = socket.create_connection(("127.0.0.1", self.port_of_redis))
            threading.Thread(target=self._relay, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._relay, args=(upstream, client, True), daemon=True).start()

    def _relay(self, source, target, answers):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                with self.lock:
                    if answers and self.holding:
                        self.held.append((target, data))
                        self.answered.set()
                        continue
                target.sendall(data)
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)

    @contextlib.contextmanager
    def answers_held(self):
        with self.lock:
            self.holding = True
            self.answered.clear()
        try:
            yield self.answered
        finally:
            with self.lock:
                self.holding = False
                for target, data in self.held:
                    with contextlib.suppress(OSError):
                        target.sendall(data)
                self.held.clear()


@pytest.fixture(scope="module")
def held_nginx(tmp_path_factory, edge_stack, live_server):
    """nginx reading the tests' Redis through HeldRedis."""
    _, cache_server = edge_stack
    relay = HeldRedis(cache_server.port)
    files = tmp_path_factory.mktemp("held-files")
    for folder in ("static", "media"):
        (files / folder).mkdir()
    host_, port = live_server.thread.host, live_server.thread.port
    nginx = Nginx(
        tmp_path_factory.mktemp("held-nginx"), upstream=f"{'127.0.0.1' if host_ == 'localhost' else host_}:{port}",
        static_root=files / "static", media_root=files / "media", redis=f"127.0.0.1:{relay.port}",
        key_prefix=KEY_PREFIX,
    ).start()
    try:
        yield nginx, relay
    finally:
        nginx.stop()


def _cache_of(nginx):
    return nginx.request(host("taan"), PATH)[1]["X-Cache"]


@pytest.mark.django_db(transaction=True)
def test_stamps_nginx_read_before_a_change_are_not_used_after_it(held_nginx, through_nginx, settings, taan_article):
    nginx, relay = held_nginx
    settings.KIM_EDGE_NOTIFY = [nginx.notify_url]  # this nginx, not through_nginx's
    # nginx gives up on Redis after 20 ms, and the change must fall inside
    # the held read: a slow turn here is tried again, and must happen once.
    for _ in range(5):
        while _cache_of(nginx) != "edge":  # stored under the current stamps, and served from nginx
            pass
        edge.stamps_changed(time.monotonic())  # no lease: the next request asks Redis
        reader = {}
        thread = threading.Thread(target=lambda: reader.update(cache=_cache_of(nginx)))
        with relay.answers_held() as answered:
            thread.start()
            assert answered.wait(5), "nginx did not ask Redis"
            # Redis has answered with the stamps as they were; now they change.
            stamps.site_changed(hosts.cache_scope("taan"))
        thread.join()
        if reader["cache"] == "edge":  # its read crossed the change (it began before it)
            break
    assert reader["cache"] == "edge", "the change never fell inside nginx's read of Redis"
    # The stamps that read brought back belong to the generation before the
    # change: the next reader reads Redis again and finds the page stale.
    assert _cache_of(nginx) != "edge"


def _until_nginx_serves(client, title):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answer = client.get(PATH, HTTP_HOST=host("taan"))
        if answer.status_code == 200 and answer["X-Cache"] == "edge" and title in answer.content.decode():
            return
        time.sleep(0.01)
    raise AssertionError(f"nginx never served {title!r} itself")


def _save_past_sqlite_locks(article):
    # The tests' in-memory SQLite locks a table while the live server reads
    # it (PostgreSQL does not): a save that meets the lock tries again.
    for _ in range(100):
        try:
            return article.save()
        except OperationalError:
            time.sleep(0.01)
    raise AssertionError("the article could not be saved")


@pytest.mark.django_db(transaction=True)
def test_no_reader_after_a_change_gets_the_old_page_while_readers_keep_nginx_busy(through_nginx, taan_article):
    """Four readers reading the article through nginx (two workers) while it
    is retitled twenty times, each time while nginx serves it itself: every
    read that began after a save returned shows that title or a newer one."""
    reads, done = [], threading.Event()

    def reader():
        while not done.is_set():
            began = time.monotonic()
            answer = through_nginx.get(PATH, HTTP_HOST=host("taan"))
            if answer.status_code != 200:  # the tests' in-memory SQLite, locked by a save (below)
                continue
            number = re.search(r"Panen kakao ke-(\d+)", answer.content.decode())
            reads.append((began, int(number.group(1)) if number else 0, answer["X-Cache"]))

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for thread in readers:
        thread.start()
    saved = []
    try:
        for number in range(1, 21):
            time.sleep(0.1)
            taan_article.title = f"Panen kakao ke-{number}"
            _save_past_sqlite_locks(taan_article)
            saved.append((time.monotonic(), number))
            # The next change meets a page nginx is serving itself.
            _until_nginx_serves(through_nginx, taan_article.title)
        time.sleep(0.1)
    finally:
        done.set()
        for thread in readers:
            thread.join()
    stale = [(began, seen, how) for began, seen, how in reads
             if seen < max((number for returned, number in saved if returned < began), default=0)]
    assert stale == []
    assert len(reads) > 20
