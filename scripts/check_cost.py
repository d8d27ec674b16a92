"""What one live check costs the app server: CPU time, database queries and Redis round trips.

Runs the production settings (DEBUG=0, PostgreSQL database composer_cost, Redis cache db 11,
the rule engine warmed as gunicorn's master warms it) in this one process and sends the live
checks of a seller typing, through Django's test client with CSRF enforced: the session, CSRF,
authentication, rate limit, view, engine and fragment, as gunicorn runs them, without the
network. CPU is ``time.process_time`` around each request, so the figure does not depend on
what else the machine is doing; the load test's throughput on this machine follows from it.

    .venv/bin/python scripts/check_cost.py                  # 400 checks, then 40 autosaves
    .venv/bin/python scripts/check_cost.py --profile 15     # and the 15 costliest functions
    .venv/bin/python scripts/check_cost.py --stages         # and the CPU of each stage of a check
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loadtest import typed_text
from stack import LOOPBACK, ROOT, Stack, free_port

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class RoundTrips:
    """Count the commands this process sends to Redis (a pipeline counts once)."""

    def __init__(self) -> None:
        import redis

        self.count = 0
        for cls, name in ((redis.Redis, "execute_command"), (redis.client.Pipeline, "execute")):
            original = getattr(cls, name)

            # Pipeline has its own execute_command, which only queues: each is counted once.
            def counted(*args, _original=original, **kwargs):
                self.count += 1
                return _original(*args, **kwargs)

            setattr(cls, name, counted)


class Stages:
    """Add up the CPU time spent inside named callables (a stage inside another counts in both)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def time(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        self.seconds[label] = 0.0

        def timed(*args, **kwargs):
            began = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.process_time() - began

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.seconds = dict.fromkeys(self.seconds, 0.0)

    def report(self, requests: int) -> None:
        for label, seconds in self.seconds.items():
            print(f"  {label:<48} {1000 * seconds / requests:6.2f} ms per request")


def time_stages() -> Stages:
    """Time the stages of a live check: engine, its spelling layer, fragment, Redis, rate limit."""
    import redis
    from django.contrib.sessions.backends import cached_db

    from composer import auth, check_cache, rate_limits
    from composer.views import compose
    from guidelines.spelling import checkers, hunspell, service

    stages = Stages()
    stages.time(compose.checking.guidelines, "check", "engine (guidelines.check)")
    stages.time(service, "_check", "  spelling and grammar")
    stages.time(checkers, "check", "    Harper / Grammalecte")
    stages.time(hunspell.Speller, "suggest", "    Hunspell suggestions")
    stages.time(compose, "_findings_fragment", "findings fragment")
    stages.time(compose, "render_to_string", "  rendered (not kept from an earlier check)")
    stages.time(rate_limits, "get_usage", "rate limit (its Redis round trips included)")
    stages.time(check_cache, "draft_for_check", "draft and facts (Redis included)")
    stages.time(cached_db.SessionStore, "load", "session (Redis included)")
    stages.time(auth.CachedModelBackend, "get_user", "user (Redis included)")
    stages.time(redis.Redis, "execute_command", "Redis round trips")
    return stages


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checks", type=int, default=400)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions (cumulative)")
    parser.add_argument("--stages", action="store_true", help="print the CPU of each stage of a live check")
    parser.add_argument("--database", default="composer_cost")
    parser.add_argument("--redis-db", type=int, default=11)
    args = parser.parse_args()

    # The limit is counted as in production, but set above what this loop sends at full speed.
    # Celery (imported with the settings) puts the working directory first on sys.path: measure
    # this tree's code whatever directory the script is started from.
    os.chdir(ROOT)
    stack = Stack(
        database=args.database,
        redis_db=args.redis_db,
        port=free_port(),
        workers=1,
        extra_env={"RATE_LIMIT_CHECK": "100000/m"},
    )
    print(f"Preparing database {args.database} and Redis db {args.redis_db} …", flush=True)
    seller = stack.prepare(1)[0]
    os.environ.update(stack.env())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from composer.warmup import warm_engine

    warm_engine()
    trips = RoundTrips()
    stages = time_stages() if args.stages else None
    client = Client(enforce_csrf_checks=True, HTTP_HOST=LOOPBACK)
    client.cookies["sessionid"] = seller["session"]
    editor = client.get(f"/drafts/{seller['draft']}/", secure=True)
    assert editor.status_code == 200, editor.status_code
    token = TOKEN_RE.search(editor.content.decode()).group(1)
    origin = {"HTTP_ORIGIN": f"https://{LOOPBACK}", "HTTP_REFERER": f"https://{LOOPBACK}/"}
    script, body, version = typed_text(0), seller["body"], seller["version"]

    def measure(kind: str, count: int, send) -> None:
        cpu, queries, round_trips = [], [], []
        profiler = cProfile.Profile() if args.profile else None
        for n in range(count):
            trips_before = trips.count
            with CaptureQueriesContext(connection) as captured:
                began = time.process_time()
                if profiler:
                    profiler.enable()
                send(n)
                if profiler:
                    profiler.disable()
                cpu.append((time.process_time() - began) * 1000)
            queries.append(len(captured))
            round_trips.append(trips.count - trips_before)
        print(
            f"{kind:<11} {count:>4} requests: CPU median {statistics.median(cpu):.2f} ms, "
            f"mean {statistics.fmean(cpu):.2f} ms, p90 {sorted(cpu)[int(0.9 * len(cpu))]:.2f} ms; "
            f"queries median {statistics.median(queries):g} (max {max(queries)}); "
            f"Redis round trips median {statistics.median(round_trips):g}"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)

    def check(n: int) -> None:
        nonlocal body
        body += script[n % len(script)]
        response = client.post(
            f"/drafts/{seller['draft']}/check/",
            {"csrfmiddlewaretoken": token, "body": body, "subject": "", "version": version},
            secure=True,
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="findings",
            **origin,
        )
        assert response.status_code == 200 and b"findings-body" in response.content, response.status_code

    def save(n: int) -> None:
        nonlocal body, version
        body += script[n % len(script)]
        response = client.post(
            f"/drafts/{seller['draft']}/",
            {"csrfmiddlewaretoken": token, "body": body, "subject": "", "version": version},
            secure=True,
            HTTP_ACCEPT="application/json",
            **origin,
        )
        assert response.status_code == 200, (response.status_code, response.content[:200])
        version = response.json()["version"]

    # The first checks fill the caches (draft, facts, session, user), as after any save.
    for n in range(20):
        check(n)
    if stages:
        stages.reset()
    measure("live check", args.checks, check)
    if stages:
        stages.report(args.checks)
    measure("autosave", args.saves, save)
    return 0


if __name__ == "__main__":
    sys.exit(main())
