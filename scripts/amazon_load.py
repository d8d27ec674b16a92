"""Measure sending and syncing through Amazon against the local SP-API simulator.

    .venv/bin/python scripts/amazon_load.py [--sends 200] [--accounts 3] [--orders 10000]

Sends: --accounts seller accounts; the first (busy) one has half of the --sends queued messages,
the others share the rest, and the busy account's are queued first, so without fairness they
would hold every worker process while they wait for their account's plan. Two real Celery worker
processes (prefork, three each) take them from the machine's Redis, against a simulator that
answers 10 % of the sends with 429 and 5 % with 500 (nothing done), and that answers 429 itself
whenever an account goes faster than the Messaging usage plan (1 per second, burst 5). Reported:
duplicates (a message Amazon got twice), lost sends (not settled, or settled as sent without
Amazon having it), outcomes, and for each account its calls, its achieved rate and busiest
stretch against its plan, and when its last send settled.

Sync: one account with --orders orders, synced in this process; Amazon names a raised plan for
searchOrders (x-amzn-RateLimit-Limit: 20), as it does for busy sellers. Reported: wall and CPU
time and peak memory. The database is PostgreSQL (a dedicated database, recreated each run), as
in production. Exits 1 when a duplicate or a lost send is found or a plan is exceeded.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import tracemalloc
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.stack import CELERY, PG_URL, PYTHON, recreate_database  # noqa: E402

DATABASE = "composer_amazon_load"
WRITE = "createConfirmDeliveryDetails"


def _order_id(account: int, n: int) -> str:
    return f"{100 + account:03d}-{n:07d}-{account * 1000000 + n:07d}"


def _environment(simulator, queue: str) -> dict[str, str]:
    from tests.composer.spapi_simulator import CLIENT_ID, CLIENT_SECRET

    return {
        "DATABASE_URL": f"{PG_URL}/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_QUEUE": queue,
        "SPAPI_ENDPOINT": simulator.url,
        "LWA_TOKEN_URL": simulator.token_url,
        "SPAPI_CLIENT_ID": CLIENT_ID,
        "SPAPI_CLIENT_SECRET": CLIENT_SECRET,
        "SPAPI_READ_TIMEOUT": "5",
        "LOG_LEVEL": "WARNING",
    }


def _worst_excess(times: list[float], rate: float, burst: int) -> float:
    """Return how far the busiest stretch of calls went beyond burst + rate × its length."""
    worst = float("-inf")
    for i in range(len(times)):
        for j in range(i, len(times)):
            worst = max(worst, (j - i + 1) - (burst + rate * (times[j] - times[i])))
    return worst


def _split(count: int, accounts: int) -> list[int]:
    """Half the sends for the busy account, the rest shared by the others."""
    if accounts == 1:
        return [count]
    busy = count // 2
    rest = count - busy
    return [busy] + [rest // (accounts - 1) + (i < rest % (accounts - 1)) for i in range(accounts - 1)]


def measure_sends(count: int, accounts: int) -> bool:
    from tests.composer.spapi_simulator import Simulator, make_order

    simulator = Simulator().start()
    simulator.chaos = {"429": 0.10, "500": 0.05}
    queue = f"amazon-load-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, **_environment(simulator, queue)}
    os.environ.update(env)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from composer.amazon import sending
    from composer.amazon.models import AmazonAccount, AmazonSend
    from composer.models import Draft, Order, Team, User

    sellers = []
    sends = []
    for account_number, share in enumerate(_split(count, accounts), start=1):
        seller_id = f"ALOAD{account_number}{uuid.uuid4().hex[:8].upper()}"
        token = "Atzr|load-" + uuid.uuid4().hex
        simulator.add_seller(token, seller_id, ("ATVPDKIKX0DER",))
        team = Team.objects.create(name=f"Load {account_number}", approval_required=False)
        user = User.objects.create_user(username=f"load{account_number}", password="x", team=team)
        account = AmazonAccount(team=team, selling_partner_id=seller_id, region="na")
        account.refresh_token = token
        account.marketplaces = [{"id": "ATVPDKIKX0DER", "name": "Amazon.com", "country": "US"}]
        account.save()
        sellers.append((seller_id, share))
        for n in range(share):
            order_id = _order_id(account_number, n)
            simulator.add_order(make_order(order_id, marketplace_id="ATVPDKIKX0DER"), seller=seller_id)
            order = Order.objects.create(
                team=team,
                amazon_order_id=order_id,
                marketplace="US",
                buyer_locale="en-US",
                purchase_date=datetime.now(UTC) - timedelta(days=3),
                product_name="Walnut board",
            )
            text = f"Your order {order_id} arrives on Friday between 9 and 12."
            draft = Draft.objects.create(
                author=user, team=team, order=order, message_type="delivery", buyer_locale="en-US", body=text
            )
            # What "Send to buyer" stores once the checks passed: the claimed, queued send.
            sends.append(
                AmazonSend.objects.create(
                    draft=draft,
                    order=order,
                    account=account,
                    message_type="delivery",
                    operation=WRITE,
                    text=text,
                    draft_version=draft.version,
                    requested_by=user,
                ).pk
            )
    workers = [
        subprocess.Popen(
            [
                CELERY,
                "-A",
                "config",
                "worker",
                "-Q",
                queue,
                "--concurrency=3",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"load{i}@%h",
            ],
            cwd=ROOT,
            env=env,
        )
        for i in range(2)
    ]
    started = time.monotonic()
    try:
        for send_id in sends:  # the busy account's first: the worst order for the others
            sending._enqueue(send_id)
        deadline = started + 30 * 60
        settled = ("sent", "not_sent", "unknown")
        while time.monotonic() < deadline:
            if not AmazonSend.objects.exclude(status__in=settled).exists():
                break
            time.sleep(1)
        elapsed = time.monotonic() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(30)
        simulator.stop()

    outcomes = Counter(AmazonSend.objects.values_list("status", flat=True))
    received = Counter(r["order_id"] for r in simulator.sent())
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    sent_ids = set(AmazonSend.objects.filter(status="sent").values_list("order__amazon_order_id", flat=True))
    lost = (
        AmazonSend.objects.exclude(status__in=("sent", "not_sent", "unknown")).count()
        + len(sent_ids - set(received))
        + len(set(received) - sent_ids - set(
            AmazonSend.objects.filter(status="unknown").values_list("order__amazon_order_id", flat=True)
        ))
    )  # fmt: skip
    print(f"{count} sends through {accounts} accounts, 2 workers × 3 processes, {elapsed:.1f} s")
    print(f"  outcomes: {dict(outcomes)}; Amazon received {sum(received.values())} messages")
    print(f"  duplicates: {duplicates}; lost: {lost}; invalid requests: {len(simulator.invalid)}")
    print(f"  429 for exceeding the plan: {simulator.throttled}")
    ok = duplicates == 0 and lost == 0 and not simulator.invalid
    # Counted from the first call Amazon received (the workers' start-up is not the queue's doing).
    first = min((t for t, op, _s, _status in simulator.calls if op == WRITE), default=0.0)
    for seller, share in sellers:
        calls = sorted(t for t, op, s, _status in simulator.calls if op == WRITE and s == seller)
        span = calls[-1] - calls[0] if len(calls) > 1 else 0.0
        excess = _worst_excess(calls, 1.0, 5)
        # The fastest an account can go: its burst at once, then one per second.
        floor = max(0, share - 5)
        print(
            f"  account {seller} ({share} sends): {len(calls)} {WRITE} calls in {span:.1f} s "
            f"({(len(calls) - 1) / span if span else 0:.2f}/s); plan 1/s burst 5; "
            f"busiest stretch {excess:+.2f} calls against the plan; first call "
            f"{calls[0] - first:.1f} s, last {calls[-1] - first:.1f} s after Amazon's first "
            f"(the plan allows {floor} s at best)"
        )
        ok = ok and excess <= 0.5
    return ok


def measure_sync(orders: int) -> None:
    import psutil

    from composer.amazon import sync
    from composer.amazon.models import AmazonAccount
    from composer.models import Order, Team
    from tests.composer.spapi_simulator import CLIENT_ID, CLIENT_SECRET, Simulator, make_order

    simulator = Simulator().start()
    simulator.rate_header = "20"
    from django.conf import settings

    settings.SPAPI_ENDPOINT, settings.LWA_TOKEN_URL = simulator.url, simulator.token_url
    settings.SPAPI_CLIENT_ID, settings.SPAPI_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    seller = f"ASYNC{uuid.uuid4().hex[:8].upper()}"
    token = "Atzr|sync-" + uuid.uuid4().hex
    simulator.add_seller(token, seller, ("ATVPDKIKX0DER", "A1PA6795UKMFR9"))
    now = datetime.now(UTC)
    for n in range(orders):
        simulator.add_order(
            make_order(
                f"305-{n:07d}-{n:07d}",
                marketplace_id=("ATVPDKIKX0DER", "A1PA6795UKMFR9")[n % 2],
                created=now - timedelta(days=30, minutes=-n),
                deliver_by=(now - timedelta(days=20), now - timedelta(days=18)),
            ),
            seller=seller,
        )
    team = Team.objects.create(name="Sync load")
    account = AmazonAccount(team=team, selling_partner_id=seller, region="na")
    account.refresh_token = token
    account.marketplaces = [{"id": "ATVPDKIKX0DER"}, {"id": "A1PA6795UKMFR9"}]
    account.save()
    process = psutil.Process()
    rss_before = process.memory_info().rss
    tracemalloc.start()
    started = time.perf_counter()
    cpu = time.process_time()
    result = sync.sync_account(account)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    simulator.stop()
    stored = Order.objects.filter(team=team).count()
    print(
        f"sync of {orders:,} orders: {result.pages} pages, {stored:,} stored, {wall:.1f} s wall, "
        f"{cpu:.1f} s CPU (this process, simulator included), peak Python allocations "
        f"{peak / 2**20:.1f} MB, RSS growth {(process.memory_info().rss - rss_before) / 2**20:.1f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sends", type=int, default=200)
    parser.add_argument("--accounts", type=int, default=3)
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()
    recreate_database(DATABASE)
    ok = measure_sends(args.sends, max(1, args.accounts))
    measure_sync(args.orders)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
