"""Load test: 50 sellers typing and autosaving against the production stack for two minutes.

Starts the stack itself (scripts/stack.py: gunicorn with several workers, PostgreSQL database
composer_load, Redis cache, WhiteNoise), then simulates sellers in the editor: each types at
typing pace, the editor sends a live check 0.1 s after each short pause, never two at once per
seller (as static/composer/editor/check.js does), and autosaves every few seconds. Every request goes through CSRF, the session and the real
views. At the end it reports throughput, latency percentiles and errors, and reads PostgreSQL
to verify that every seller's last acknowledged save is stored with the acknowledged text and
version (and that versions advanced by exactly one per acknowledged save, so no save was lost
or applied twice).

Bounded: loopback only, a fixed duration, a cap on the number of requests, a hard deadline.
Exit status 0 when every target is met, 1 otherwise.

    .venv/bin/python scripts/loadtest.py                    # 50 sellers, 120 s, one worker per core
    .venv/bin/python scripts/loadtest.py --sellers 10 --duration 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from httpclient import Connection
from stack import LOOPBACK, ROOT, Stack, assert_loopback, default_workers, fetch_drafts, free_port

# The targets on a 2-core machine.
TARGET_CHECKS_PER_SECOND = 150
TARGET_P95_MS = 50.0

# What sellers type after the template's opening: ordinary, compliant sentences about their own
# product, so that no two sellers type quite the same text (caches get no help from it).
TYPED_TEXT = (
    "We packed the {item} in a double box with extra padding so that it arrives safely. "
    "The lid of the {item} is wrapped separately inside the same box. "
    "Please read the leaflet before you use the {item} for the first time. "
    "If anything arrived damaged, reply to this message and we will send a replacement part. "
    "The tracking number is shown next to the order in Your Orders. "
    "Thank you for shopping with us.\n\nKind regards,\nLoad Test Store\n"
)
ADJECTIVES = ("red", "large", "small", "blue", "green", "oak", "steel", "round")
PRODUCTS = ("oven", "kettle", "lamp", "chair", "basket", "mirror", "clock", "vase")


def typed_text(seller: int) -> str:
    """Return what seller number ``seller`` types: the sentences about their own product."""
    item = f"{ADJECTIVES[seller % len(ADJECTIVES)]} {PRODUCTS[seller // len(ADJECTIVES) % len(PRODUCTS)]}"
    return TYPED_TEXT.format(item=item)


# A seller who has written this much starts the paragraph again (Amazon's limit is 2,000).
MAX_BODY_CHARS = 1_600
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def percentile(values: list[float], pct: float) -> float:
    """Return the nearest-rank percentile of ``values`` (milliseconds)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Stats:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {"check": [], "save": []})
    ok: dict[str, int] = field(default_factory=lambda: {"check": 0, "save": 0})
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    requests: int = 0

    def error(self, kind: str, detail: str) -> None:
        key = f"{kind}: {detail.splitlines()[0][:80]}"
        self.errors[key] = self.errors.get(key, 0) + 1
        if len(self.error_samples) < 10:
            self.error_samples.append(key)


@dataclass
class Seller:
    draft: int
    version: int
    body: str
    session: str
    start_body: str = ""
    script: str = field(default_factory=lambda: typed_text(0))
    token: str = ""
    csrf_cookie: str = ""
    typed: int = 0
    acks: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.start_body = self.body

    def headers(self, port: int, **extra: str) -> dict[str, str]:
        # The driver stands in for the TLS-terminating reverse proxy and the browser behind it.
        origin = f"https://{LOOPBACK}:{port}"
        return {
            "Cookie": f"sessionid={self.session}; csrftoken={self.csrf_cookie}",
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": f"{origin}/drafts/{self.draft}/",
            **extra,
        }

    def type_some(self, rng: random.Random) -> None:
        """Type one to three characters, now and then correcting a typo with backspace."""
        if len(self.body) > MAX_BODY_CHARS:
            self.body, self.typed = self.start_body, 0
        if rng.random() < 0.05 and self.body != self.start_body:
            self.body = self.body[:-1]
            self.typed = max(0, self.typed - 1)
            return
        count = rng.randint(1, 3)
        chunk = "".join(self.script[(self.typed + i) % len(self.script)] for i in range(count))
        self.body += chunk
        self.typed += count


async def open_editor(seller: Seller, port: int, gate: asyncio.Semaphore) -> None:
    """Load the editor page as the browser does: it sets the CSRF cookie and holds the token."""
    async with gate:
        conn = Connection(LOOPBACK, port, timeout=60)
        response = await conn.request("GET", f"/drafts/{seller.draft}/", headers=seller.headers(port))
        await conn.close()
    match = TOKEN_RE.search(response.text())
    if response.status != 200 or not match or "csrftoken" not in response.cookies:
        raise RuntimeError(f"editor for draft {seller.draft} answered {response.status}")
    seller.token, seller.csrf_cookie = match.group(1), response.cookies["csrftoken"]


async def typing(seller: Seller, port: int, stats: Stats, stop_at: float, args, rng: random.Random) -> None:
    """Send a live check after each short pause in typing, for as long as the run lasts."""
    conn = Connection(LOOPBACK, port, timeout=args.timeout)
    path = f"/drafts/{seller.draft}/check/"
    await asyncio.sleep(rng.uniform(0, args.check_interval))
    while time.monotonic() < stop_at and stats.requests < args.max_requests:
        began = time.monotonic()
        seller.type_some(rng)
        form = {
            "csrfmiddlewaretoken": seller.token,
            "body": seller.body,
            "subject": "",
            "version": seller.version,
        }
        headers = seller.headers(port, **{"HX-Request": "true", "HX-Target": "findings"})
        stats.requests += 1
        try:
            response = await conn.request("POST", path, headers=headers, form=form)
        except (OSError, EOFError, TimeoutError, asyncio.IncompleteReadError) as exc:
            stats.error("check", type(exc).__name__)
        else:
            if response.status == 200 and b"findings-body" in response.body:
                stats.ok["check"] += 1
                stats.latencies_ms["check"].append(response.seconds * 1000)
            else:
                stats.error("check", f"HTTP {response.status} {response.text()[:60]}")
        pause = rng.uniform(0.75, 1.25) * args.check_interval
        await asyncio.sleep(max(0.0, min(pause - (time.monotonic() - began), stop_at - time.monotonic())))
    await conn.close()


async def autosaving(
    seller: Seller, port: int, stats: Stats, stop_at: float, args, rng: random.Random
) -> None:
    """Save the current text every few seconds, naming the version it is based on."""
    conn = Connection(LOOPBACK, port, timeout=args.timeout)
    path = f"/drafts/{seller.draft}/"
    await asyncio.sleep(rng.uniform(0, args.save_interval))
    while time.monotonic() < stop_at and stats.requests < args.max_requests:
        body, version = seller.body, seller.version
        form = {"csrfmiddlewaretoken": seller.token, "body": body, "subject": "", "version": version}
        headers = seller.headers(port, Accept="application/json")
        stats.requests += 1
        try:
            response = await conn.request("POST", path, headers=headers, form=form)
        except (OSError, EOFError, TimeoutError, asyncio.IncompleteReadError) as exc:
            stats.error("save", type(exc).__name__)
        else:
            if response.status == 200:
                acknowledged = json.loads(response.body)["version"]
                seller.version = acknowledged
                seller.acks.append((acknowledged, body))
                stats.ok["save"] += 1
                stats.latencies_ms["save"].append(response.seconds * 1000)
            else:
                stats.error("save", f"HTTP {response.status} {response.text()[:60]}")
        pause = rng.uniform(0.8, 1.2) * args.save_interval
        await asyncio.sleep(max(0.0, min(pause, stop_at - time.monotonic())))
    await conn.close()


async def drive(sellers: list[Seller], port: int, args, marks: dict) -> tuple[Stats, float]:
    # Sellers open their editors a few at a time, as a team arriving in the morning does.
    gate = asyncio.Semaphore(4)
    await asyncio.gather(*(open_editor(seller, port, gate) for seller in sellers))
    # Warm-up, not measured: each worker loads the rule engine's word lists on its first check.
    warm = Stats()
    stop_warm = time.monotonic() + args.warmup
    rng = random.Random(1)
    await asyncio.gather(*(typing(s, port, warm, stop_warm, args, rng) for s in sellers))
    for seller in sellers:
        seller.body, seller.typed = seller.start_body, 0
    stats = Stats()
    # CPU is counted from here: the measured phase only, after the workers have warmed up.
    marks["server_cpu"] = marks["server_cpu_seconds"]()
    marks["driver"] = resource.getrusage(resource.RUSAGE_SELF)
    marks["machine"] = psutil.cpu_times()
    started = time.monotonic()
    stop_at = started + args.duration
    tasks = []
    for n, seller in enumerate(sellers):
        tasks.append(typing(seller, port, stats, stop_at, args, random.Random(n)))
        tasks.append(autosaving(seller, port, stats, stop_at, args, random.Random(1000 + n)))
    await asyncio.wait_for(asyncio.gather(*tasks), args.duration + 60)
    marks["machine_busy_pct"] = machine_busy_pct(marks["machine"], psutil.cpu_times())
    return stats, time.monotonic() - started


def machine_busy_pct(before, after) -> float:
    """Return the share of the machine's CPU time (all cores) that was not idle in between."""
    idle = (after.idle + getattr(after, "iowait", 0)) - (before.idle + getattr(before, "iowait", 0))
    total = sum(after) - sum(before)
    return round(100 * (1 - idle / total), 1) if total > 0 else float("nan")


def verify_saves(sellers: list[Seller], database: str) -> dict:
    """Compare what the server acknowledged with what PostgreSQL holds."""
    stored = fetch_drafts(database, [s.draft for s in sellers])
    lost, corrupted, gaps, acknowledged = [], [], [], 0
    for seller in sellers:
        acknowledged += len(seller.acks)
        versions = [v for v, _ in seller.acks]
        expected = list(range(versions[0], versions[0] + len(versions))) if versions else []
        if versions != expected or (versions and versions[0] != 2):
            gaps.append(seller.draft)
        if not seller.acks:
            continue
        last_version, last_body = seller.acks[-1]
        body, version = stored[seller.draft]
        if version < last_version:
            lost.append(seller.draft)
        elif version == last_version and body != last_body:
            corrupted.append(seller.draft)
        elif version > last_version:
            # Saved but never acknowledged (the response was lost): not a loss, but say so.
            gaps.append(seller.draft)
    return {
        "acknowledged_saves": acknowledged,
        "lost": lost,
        "corrupted": corrupted,
        "version_gaps": gaps,
    }


def summarise(stats: Stats, seconds: float, saves: dict, cpu: dict, args) -> dict:
    checks, saved = stats.latencies_ms["check"], stats.latencies_ms["save"]
    report = {
        "sellers": args.sellers,
        "duration_s": round(seconds, 1),
        "workers": args.workers,
        "worker_class": args.worker_class,
        "live_checks": stats.ok["check"],
        "live_checks_per_s": round(stats.ok["check"] / seconds, 1),
        "check_p50_ms": round(percentile(checks, 50), 1),
        "check_p95_ms": round(percentile(checks, 95), 1),
        "check_p99_ms": round(percentile(checks, 99), 1),
        "check_mean_ms": round(statistics.fmean(checks), 1) if checks else None,
        "saves": stats.ok["save"],
        "saves_per_s": round(stats.ok["save"] / seconds, 1),
        "save_p50_ms": round(percentile(saved, 50), 1),
        "save_p95_ms": round(percentile(saved, 95), 1),
        "save_p99_ms": round(percentile(saved, 99), 1),
        "errors": sum(stats.errors.values()),
        "error_kinds": stats.errors,
        **saves,
        **cpu,
    }
    report["targets_met"] = (
        report["live_checks_per_s"] >= TARGET_CHECKS_PER_SECOND
        and report["check_p95_ms"] <= TARGET_P95_MS
        and report["errors"] == 0
        and not saves["lost"]
        and not saves["corrupted"]
        and not saves["version_gaps"]
    )
    return report


def print_report(report: dict) -> None:
    ok = "PASS" if report["targets_met"] else "FAIL"
    print(
        f"\n== Load: {report['sellers']} sellers typing and autosaving for {report['duration_s']} s "
        f"(gunicorn {report['workers']} {report['worker_class']} workers, PostgreSQL, Redis) == {ok}"
    )
    print(
        f"  live checks   {report['live_checks']:>7}  {report['live_checks_per_s']:>6}/s   "
        f"p50 {report['check_p50_ms']} ms  p95 {report['check_p95_ms']} ms  p99 {report['check_p99_ms']} ms"
        f"   (target >= {TARGET_CHECKS_PER_SECOND}/s, p95 <= {TARGET_P95_MS:.0f} ms)"
    )
    print(
        f"  autosaves     {report['saves']:>7}  {report['saves_per_s']:>6}/s   "
        f"p50 {report['save_p50_ms']} ms  p95 {report['save_p95_ms']} ms  p99 {report['save_p99_ms']} ms"
    )
    print(f"  errors        {report['errors']:>7}   {report['error_kinds'] or ''}")
    print(
        f"  saves checked {report['acknowledged_saves']:>7} acknowledged; lost {len(report['lost'])}, "
        f"corrupted {len(report['corrupted'])}, version gaps {len(report['version_gaps'])}"
    )
    print(
        f"  CPU (of {report['cores']} cores): server {report['server_cpu_pct']}% "
        f"({report['server_cpu_ms_per_request']} ms per request), load driver {report['driver_cpu_pct']}%, "
        f"whole machine {report['machine_cpu_busy_pct']}% busy; load average {report['load_average_before']} before, {report['load_average_after']} after"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sellers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120.0, help="measured seconds (max 600)")
    parser.add_argument("--warmup", type=float, default=5.0)
    # A burst of one to three keys takes about 0.2 s at typing pace, then the editor waits 0.1 s
    # (CHECK_DELAY in check.js) and sends the check; the next waits for its answer.
    parser.add_argument("--check-interval", type=float, default=0.3, help="seconds between live checks")
    parser.add_argument("--save-interval", type=float, default=5.0, help="seconds between autosaves")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: as gunicorn.conf.py)")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-requests", type=int, default=200_000, help="hard cap on requests sent")
    parser.add_argument("--timeout", type=float, default=10.0, help="per-request timeout, seconds")
    parser.add_argument("--database", default="composer_load")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--json", type=Path, default=ROOT / "bench-artifacts" / "load.json")
    args = parser.parse_args()
    assert_loopback(LOOPBACK)
    args.duration = min(args.duration, 600.0)
    args.sellers = min(args.sellers, 500)
    args.workers = args.workers or default_workers()

    stack = Stack(
        database=args.database,
        redis_db=args.redis_db,
        port=args.port or free_port(),
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
    )
    print(
        f"Preparing database {args.database}, Redis db {args.redis_db}, {args.sellers} sellers …", flush=True
    )
    sellers = [Seller(**info, script=typed_text(n)) for n, info in enumerate(stack.prepare(args.sellers))]
    stack.start()
    load_before = round(os.getloadavg()[0], 1)
    try:
        marks: dict = {"server_cpu_seconds": stack.cpu_seconds}
        stats, seconds = asyncio.run(drive(sellers, stack.port, args, marks))
        driver_after = resource.getrusage(resource.RUSAGE_SELF)
        server_cpu = stack.cpu_seconds() - marks["server_cpu"]
        driver_before = marks["driver"]
    finally:
        stack.stop()
    driver_cpu = (driver_after.ru_utime - driver_before.ru_utime) + (
        driver_after.ru_stime - driver_before.ru_stime
    )
    cores = os.cpu_count() or 1
    total_seconds = seconds
    requests = stats.ok["check"] + stats.ok["save"]
    cpu = {
        "cores": cores,
        "server_cpu_pct": round(100 * server_cpu / total_seconds / cores, 1),
        "driver_cpu_pct": round(100 * driver_cpu / total_seconds / cores, 1),
        # CPU the app servers (gunicorn master and workers) spent per answered request.
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(requests, 1), 1),
        # The machine is shared: what else was running matters for every figure above.
        # Everything on the machine: app servers, driver, PostgreSQL, Redis and the rest.
        "machine_cpu_busy_pct": marks["machine_busy_pct"],
        "load_average_before": load_before,
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    report = summarise(stats, seconds, verify_saves(sellers, args.database), cpu, args)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))
    return 0 if report["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
