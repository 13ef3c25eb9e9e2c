"""Django's Redis cache backend, with one client per connection pool.

Django's RedisCacheClient builds a new redis.Redis object for every cache
call, and redis-py fills a table of some 170 response callbacks each time:
a third of the cost of a page served from the cache. A redis.Redis object
is safe to share between threads (connections come from its pool), so one
per pool is enough.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
