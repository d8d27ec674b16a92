"""The Redis cache backend: one client per pool, and Redis being away is a miss, not a 500."""

from __future__ import annotations

import socket
import uuid

import pytest

from composer.cache import RedisCache


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable(closed_port) -> RedisCache:
    return RedisCache(f"redis://127.0.0.1:{closed_port}/0", {})


def test_one_redis_client_is_reused_for_every_call(unreachable) -> None:
    assert unreachable._cache.get_client("a") is unreachable._cache.get_client("b")


def test_reads_miss_and_writes_are_skipped_while_redis_is_away(unreachable) -> None:
    assert unreachable.get("key", "fallback") == "fallback"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.set("key", 1) is None
    assert unreachable.add("key", 1) is False
    assert unreachable.delete("key") is False


def test_a_logged_in_seller_keeps_working_while_redis_is_away(settings, closed_port, client, seller) -> None:
    # Setting CACHES makes Django drop its cache handlers, so the unreachable Redis is used.
    location = f"redis://127.0.0.1:{closed_port}/0"
    settings.CACHES = {"default": {"BACKEND": "composer.cache.RedisCache", "LOCATION": location}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    from django.core.cache import caches

    assert isinstance(caches["default"], RedisCache)
    client.force_login(seller)
    assert client.get("/drafts/").status_code == 200


@pytest.fixture
def machine_redis() -> RedisCache:
    """The machine's Redis (as CI has it), under a key prefix of this test's own."""
    return RedisCache("redis://127.0.0.1:6379/3", {"KEY_PREFIX": f"test-cache-{uuid.uuid4().hex}"})


def test_incr_counts_an_existing_counter_and_keeps_its_expiry(machine_redis) -> None:
    assert machine_redis.add("counter", 1, timeout=60)
    assert machine_redis.incr("counter") == 2
    assert machine_redis.incr("counter", 3) == 5
    client = machine_redis._cache.get_client()
    assert 0 < client.ttl(machine_redis.make_and_validate_key("counter")) <= 60
    machine_redis.delete("counter")


def test_incr_of_a_missing_counter_creates_nothing(machine_redis) -> None:
    with pytest.raises(ValueError):
        machine_redis.incr("absent")
    assert machine_redis.get("absent") is None
