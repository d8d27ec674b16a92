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
# reserve the next call slot: a token now, or the moment the account's next token will be there.
# Reservations queue up (the bucket goes below zero), so waiters are served in order and nobody
# polls. A slot further away than ARGV[3] seconds is not reserved: the caller comes back later.
_RESERVE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens < 1 then
  wait = (1 - tokens) / rate
end
local reserved = 0
if wait <= max_wait then
  tokens = tokens - 1
  reserved = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 60)
return {reserved, tostring(wait), tostring(now)}
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


class Deferred(Exception):
    """The account's next slot for an operation is further away than the caller may wait.

    A worker does not sleep through it: the task is queued again ``countdown`` seconds later,
    holding the slot (``slot``, a Redis clock time) when one was reserved, so other accounts'
    work runs meanwhile.
    """

    def __init__(self, countdown: float, *, slot: float | None = None, throttled: bool = False) -> None:
        super().__init__(f"come back in {countdown:.1f} s")
        self.countdown, self.slot = countdown, slot
        # True when Amazon answered 429 (rather than our own pacing asking to wait).
        self.throttled = throttled
        # How much of its work the caller finished before it had to wait (set by the caller).
        self.done = 0


# A task may reserve a slot this far ahead and come back for it; further means Amazon's plan is
# far behind (a long backlog), so it asks again later instead of holding a slot for minutes.
MAX_RESERVE_AHEAD = 300.0
# Added to every wait for a slot (see reserve).
SLOT_MARGIN = 0.1
# A reserved slot is honoured this long after its time (the token kept in hand covers it); a
# task that comes back later, because the workers were busy or its worker died, reserves again:
# several late slots used together would be a burst Amazon's bucket does not have.
SLOT_GRACE = 0.5


def reserve(
    seller: str, operation_id: str, *, rate: float, burst: int, max_wait: float
) -> tuple[bool, float, float]:
    """Reserve the account's next slot unless it is more than ``max_wait`` s away.

    Returns (reserved, seconds until the slot, Redis's clock now).
    """
    key = f"spapi:bucket:{seller}:{operation_id}"
    rate = rate_for(seller, operation_id, rate)
    # One token of the burst is kept in hand: Amazon's bucket starts filling when our first call
    # arrives, a moment after we counted it, and a busy worker makes a call a little after its
    # slot; the spare token absorbs both instead of a 429.
    burst = max(1, burst - 1)
    reserved, wait, now = connection().eval(_RESERVE, 1, key, str(rate), str(burst), str(max_wait))
    wait = float(wait)
    # And a little margin on every wait, for the same reasons.
    return bool(int(reserved)), wait + SLOT_MARGIN if wait > 0 else 0.0, float(now)


def clock() -> float:
    """Return Redis's clock, the one slots are counted on."""
    seconds, micros = connection().time()
    return seconds + micros / 1_000_000


def take(
    seller: str,
    operation_id: str,
    *,
    rate: float,
    burst: int,
    sleep=time.sleep,
    max_wait: float | None = None,
) -> None:
    """Wait for the account's next slot for the operation (at most ``max_wait`` s, else Deferred)."""
    if max_wait is not None:
        hold_slot(seller, operation_id, rate=rate, burst=burst, max_wait=max_wait, sleep=sleep)
        return
    _reserved, wait, _now = reserve(seller, operation_id, rate=rate, burst=burst, max_wait=float("inf"))
    if wait > 0:
        sleep(wait)


def hold_slot(
    seller: str,
    operation_id: str,
    *,
    rate: float,
    burst: int,
    max_wait: float,
    slot: float | None = None,
    sleep=time.sleep,
) -> float:
    """Wait at most ``max_wait`` s for a slot (the one reserved earlier, if still good); return
    its time, to hand to ``SellingPartner.call(slot=…)``. Raises Deferred when it is further."""
    if slot is not None and wait_for_slot(slot, sleep=sleep):
        return slot
    reserved, wait, now = reserve(seller, operation_id, rate=rate, burst=burst, max_wait=MAX_RESERVE_AHEAD)
    if wait > max_wait:
        raise Deferred(
            wait if reserved else min(wait, MAX_RESERVE_AHEAD), slot=now + wait if reserved else None
        )
    if wait > 0:
        sleep(wait)
    return now + wait


def wait_for_slot(slot: float, *, sleep=time.sleep) -> bool:
    """Sleep until a slot reserved earlier; return False when it is too old to count on."""
    delay = slot - clock()
    if delay < -SLOT_GRACE:
        return False
    if delay > 0:
        sleep(delay)
    return True
