"""Django's Redis cache, keeping one client per connection pool.

Django's backend builds a new `redis.Redis` client for every cache call, and each
build fills a table of some 170 reply parsers: a fifth of a page cache hit's time. A
client is thread-safe and light once built, so one per pool is kept and reused; the
pool, as before, holds the connections.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
