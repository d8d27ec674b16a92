"""Pace calls to Amazon with a token bucket in Redis that every worker on every machine shares.

Each seller account has one bucket per operation, filled at the operation's rate up to its burst
(the usage plan in Amazon's model). When Amazon answers with ``x-amzn-RateLimit-Limit``, that
rate replaces the model's for the account (sellers with more traffic get more).
"""

from __future__ import annotations

import time
from functools import cache

import redis
from django.conf import settings

# Atomically: refill by elapsed time × rate (Redis's own clock, the same for every machine), then
# take a token, or say how many seconds until one is there.
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
return tostring(wait)
"""
# An observed rate is kept for a day; Amazon may change a seller's plan.
OBSERVED_RATE_TTL = 24 * 3600


@cache
def _connection(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=5)


def connection() -> redis.Redis:
    """Return the shared Redis (the task queue's broker)."""
    return _connection(settings.CELERY_BROKER_URL)


def rate_for(seller: str, operation_id: str, model_rate: float) -> float:
    observed = connection().get(f"spapi:rate:{seller}:{operation_id}")
    return float(observed) if observed else model_rate


def observe_rate(seller: str, operation_id: str, header: str | None) -> None:
    """Remember the rate Amazon names in ``x-amzn-RateLimit-Limit`` for this account."""
    try:
        rate = float(header) if header else 0.0
    except ValueError:
        return
    if rate > 0:
        connection().set(f"spapi:rate:{seller}:{operation_id}", str(rate), ex=OBSERVED_RATE_TTL)


def take(seller: str, operation_id: str, *, rate: float, burst: int, sleep=time.sleep) -> float:
    """Wait until the account may call the operation; return the seconds waited."""
    waited = 0.0
    key = f"spapi:bucket:{seller}:{operation_id}"
    rate = rate_for(seller, operation_id, rate)
    while True:
        wait = float(connection().eval(_TAKE, 1, key, str(rate), str(burst)))
        if wait <= 0:
            return waited
        sleep(wait)
        waited += wait
