"""With Redis, as in production: one hash a village and day, incremented by
every application server; the flush claims it by renaming it, and a batch
once added is never added again, even when the flush died before deleting it."""

from readership.counter import add_batch, counters, flush
from tests.readership.conftest import read, reads_of


def test_reads_are_counted_in_one_hash_per_village_and_day(client, taan_article, own_redis):
    read(client, "/berita/panen-kakao/?s=wa")
    read(client, "/")
    (key,) = own_redis.scan_iter(match="uji:1:kim:reads:*")
    assert own_redis.hgetall(key) == {b"whatsapp /berita/panen-kakao/": b"1", b"direct /": b"1"}
    assert 0 < own_redis.ttl(key) <= 7 * 24 * 3600


def test_the_flush_takes_the_counters_out_of_redis(client, taan_article, own_redis):
    read(client, "/")
    assert reads_of(taan_article.village)[0] == {"/": 1}
    assert list(own_redis.scan_iter(match="uji:*kim:reads*")) == []


def test_flushing_twice_adds_nothing_twice(client, taan_article, own_redis):
    read(client, "/")
    assert flush() == (1, 0)
    assert flush() == (0, 0)
    assert reads_of(taan_article.village)[1].reads == 1


def test_a_flush_that_died_before_deleting_its_batch_is_not_added_again(client, taan_article, own_redis):
    read(client, "/")
    (batch,) = counters().claim()
    add_batch(batch)  # added and committed; then the process died, the claimed hash still in Redis
    assert list(own_redis.scan_iter(match="uji:1:kim:reads-claimed:*"))
    assert flush() == (0, 0)
    assert list(own_redis.scan_iter(match="uji:*kim:reads*")) == []
    assert reads_of(taan_article.village)[1].reads == 1


def test_a_read_arriving_during_a_flush_is_kept_for_the_next(client, taan_article, own_redis):
    read(client, "/")
    batches = counters().claim()
    batch = next(batches)  # claimed: the live hash is renamed
    read(client, "/")  # starts a new live hash
    add_batch(batch)
    batch.done()
    list(batches)
    assert reads_of(taan_article.village)[1].reads == 2

