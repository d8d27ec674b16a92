"""Django's Redis cache, made cheaper per call and tolerant of Redis being away.

- Django builds a new ``redis.Redis`` object for every cache operation, and redis-py fills a
  table of about 170 response callbacks each time it builds one. Every live check makes four or
  five cache calls (session, review-request count, team words, cached findings), so that set-up
  cost was a visible part of each keystroke check. Here one client per connection pool is
  reused (clients are safe to share between threads).
- ``incr`` (django-ratelimit's counter, on every live check) is one atomic round trip: Django's
  asks whether the key exists, then increments it, so a counter that expired in between came
  back without an expiry and went on counting.
- Redis holds only copies (sessions are also in PostgreSQL, the rest is recomputed), so when it
  is down or slow a read is a miss and a write is skipped, with a warning in the log, instead of
  a 500 for every seller. Short socket timeouts keep a hung Redis from holding requests.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

# Seconds to wait for Redis before treating the call as a miss.
SOCKET_TIMEOUT = 0.25
# Increment a counter only while it exists (nil otherwise), in one round trip.
INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        kwargs.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._incr_existing = None

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        if self._incr_existing is None:
            self._incr_existing = client.register_script(INCR_EXISTING)
        value = self._incr_existing(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


def _tolerant(name: str, fallback):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(RedisCache, self), name)(*args, **kwargs)
        except self._unavailable as exc:
            logger.warning("Redis unavailable for cache.%s: %s", name, exc)
            return fallback() if callable(fallback) else fallback

    method.__name__ = name
    return method


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
        import redis

        self._unavailable = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)

    # Reads miss, writes are skipped; what is cached is always recomputed or read from PostgreSQL.
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self._unavailable as exc:
            logger.warning("Redis unavailable for cache.get: %s", exc)
            return default

    get_many = _tolerant("get_many", dict)
    has_key = _tolerant("has_key", False)
    set = _tolerant("set", None)
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    set_many = _tolerant("set_many", list)
    delete = _tolerant("delete", False)
    delete_many = _tolerant("delete_many", None)
    incr = _tolerant("incr", None)
    clear = _tolerant("clear", None)
