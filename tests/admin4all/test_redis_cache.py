"""The Redis cache backend reuses one client per connection pool, against a real Redis."""

from admin4all.redis_cache import ReusedClientRedisCache


def test_one_client_serves_every_call_and_the_cache_works(redis_url):
    cache = ReusedClientRedisCache(redis_url, {})
    cache.set("page", b"<html>", 60)
    cache.set("version", "7.0", 60)

    found = cache.get_many(["version", "page", "absent"])
    cache.delete("version")

    assert found == {"version": "7.0", "page": b"<html>"}
    assert cache.get("version") is None
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
