"""Fault drills against the production stack: nothing acknowledged is lost, failures are clear.

    .venv/bin/python scripts/faults.py                 # all three drills
    .venv/bin/python scripts/faults.py postgres        # one of: postgres, worker-kill, languagetool,
                                                       # celery-kill

postgres      PostgreSQL is stopped for 3 s and started again while sellers type and autosave.
              Requests in the gap must answer 503 with a clear message (never a 500 traceback);
              the sellers' clients keep their text locally and retry as the editor does, and
              afterwards every seller's text is stored exactly.
worker-kill   gunicorn workers are killed with SIGKILL while sellers save long drafts back to
              back. A save cut off without an answer must be either complete or absent in the
              database, never partial: the next save finds out which (409 with the stored text).
languagetool  The spelling backend's LanguageTool server is down, then slow, then healthy. A live
              check must answer within the configured timeout plus a margin, using the offline
              check and saying so; with a healthy server LanguageTool's findings appear.
celery-kill   The Celery worker is killed (SIGKILL, every process) while it waits for Amazon's
              answer to a send (the SP-API simulator holds the answer back). After a new worker
              starts, the send that was in flight must be "not known" and never sent again, and
              every other queued send must go out exactly once.

Loopback only; it restarts the machine's PostgreSQL cluster (pg_ctlcluster), so it is not part
of `make test`. Exit status 0 when every drill passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from httpclient import Connection, Response
from stack import (
    LOOPBACK,
    PYTHON,
    ROOT,
    Stack,
    fetch_drafts,
    free_port,
    recreate_database,
    restart_postgresql,
)

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SENTENCE = "The replacement lid is on its way and should arrive before the weekend. "
NETWORK_ERRORS = (OSError, EOFError, TimeoutError, asyncio.IncompleteReadError)
# How long PostgreSQL stays down in its drill.
OUTAGE_SECONDS = 3.0


@dataclass
class Client:
    """One seller's editor tab: the text it holds locally and the version it last saved."""

    port: int
    draft: int
    version: int
    body: str
    session: str
    token: str = ""
    csrf: str = ""
    acks: list[tuple[int, str]] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    unclear: list[str] = field(default_factory=list)

    def headers(self, **extra: str) -> dict[str, str]:
        origin = f"https://{LOOPBACK}:{self.port}"
        return {
            "Cookie": f"sessionid={self.session}; csrftoken={self.csrf}",
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": f"{origin}/drafts/{self.draft}/",
            **extra,
        }

    async def open(self) -> None:
        conn = Connection(LOOPBACK, self.port, timeout=60)
        response = await conn.request("GET", f"/drafts/{self.draft}/", headers=self.headers())
        await conn.close()
        self.token = TOKEN_RE.search(response.text()).group(1)
        self.csrf = response.cookies["csrftoken"]

    def note(self, response: Response) -> None:
        self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
        if response.status >= 500:
            # A failure must say what happened: a 503 whose JSON (autosave) or fragment (live
            # check) tells the seller the database is unreachable and to retry.
            clear = response.status == 503 and "cannot reach its database" in response.text()
            if not clear:
                self.unclear.append(f"{response.status}: {response.text()[:120]}")

    async def save(self, conn: Connection, body: str) -> Response:
        form = {"csrfmiddlewaretoken": self.token, "body": body, "subject": "", "version": self.version}
        path = f"/drafts/{self.draft}/"
        response = await conn.request(
            "POST", path, headers=self.headers(Accept="application/json"), form=form
        )
        self.note(response)
        if response.status == 200:
            self.version = json.loads(response.body)["version"]
            self.acks.append((self.version, body))
        return response

    async def check(self, conn: Connection) -> Response:
        form = {"csrfmiddlewaretoken": self.token, "body": self.body, "subject": "", "version": self.version}
        path = f"/drafts/{self.draft}/check/"
        response = await conn.request("POST", path, headers=self.headers(**{"HX-Request": "true"}), form=form)
        self.note(response)
        return response


def _verdict(name: str, ok: bool, lines: list[str]) -> bool:
    print(f"\n== Fault drill: {name} == {'PASS' if ok else 'FAIL'}")
    for line in lines:
        print(f"  {line}")
    return ok


# --- PostgreSQL restarted mid-session ----------------------------------------------------------


async def _postgres_session(clients: list[Client], restart_at: float, run_for: float) -> dict:
    started = time.monotonic()
    timeline: list[tuple[float, int]] = []
    restart: dict[str, float] = {}

    def do_restart() -> None:
        restart["begin"] = time.monotonic() - started
        restart_postgresql(down_for=OUTAGE_SECONDS)
        restart["end"] = time.monotonic() - started

    async def seller(client: Client, rng: random.Random) -> None:
        conn = Connection(LOOPBACK, client.port, timeout=15)
        next_save = time.monotonic() + rng.uniform(0.5, 1.0)
        while time.monotonic() - started < run_for:
            client.body += SENTENCE[rng.randint(0, len(SENTENCE) - 8) :][:6]
            try:
                response = await client.check(conn)
                timeline.append((time.monotonic() - started, response.status))
            except NETWORK_ERRORS as exc:
                client.unclear.append(f"check: {type(exc).__name__}")
            if time.monotonic() >= next_save:
                try:
                    response = await client.save(conn, client.body)
                    timeline.append((time.monotonic() - started, response.status))
                    # The editor retries a refused save after Retry-After; until then the text
                    # stays in the tab (and its local copy).
                    wait = float(response.headers.get("retry-after", "1")) if response.status == 503 else 1.0
                except NETWORK_ERRORS as exc:
                    client.unclear.append(f"save: {type(exc).__name__}")
                    wait = 2.0
                next_save = time.monotonic() + min(wait, 2.0)
            await asyncio.sleep(rng.uniform(0.25, 0.4))
        # The seller stops typing: the editor keeps retrying until the last text is saved.
        for _ in range(30):
            try:
                if (await client.save(conn, client.body)).status == 200:
                    break
            except NETWORK_ERRORS:
                pass
            await asyncio.sleep(1)
        await conn.close()

    loop = asyncio.get_running_loop()

    async def restarter() -> None:
        await asyncio.sleep(restart_at)
        await loop.run_in_executor(None, do_restart)

    await asyncio.gather(restarter(), *(seller(c, random.Random(n)) for n, c in enumerate(clients)))
    failures = [t for t, status in timeline if status != 200]
    recovered = [t for t, status in timeline if status == 200 and failures and t > max(failures)]
    return {
        "restart": restart,
        "first_failure": min(failures) if failures else None,
        "last_failure": max(failures) if failures else None,
        "first_success_after": min(recovered) if recovered else None,
    }


def drill_postgres(stack: Stack, sellers: int = 8) -> bool:
    infos = stack.prepare(sellers)
    stack.start()
    try:
        clients = [Client(port=stack.port, **info) for info in infos]

        async def run() -> dict:
            await asyncio.gather(*(c.open() for c in clients))
            return await _postgres_session(clients, restart_at=4.0, run_for=16.0)

        timing = asyncio.run(run())
    finally:
        stack.stop()
    stored = fetch_drafts(stack.database, [c.draft for c in clients])
    statuses: dict[int, int] = {}
    for c in clients:
        for status, count in c.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    unclear = [u for c in clients for u in c.unclear]
    kept = sum(stored[c.draft] == (c.body, c.version) for c in clients)
    restart = timing["restart"]
    outage = (
        f"{timing['last_failure'] - timing['first_failure']:.1f} s of failed requests, first success "
        f"{timing['first_success_after'] - timing['last_failure']:.2f} s after the last failure"
        if timing["first_failure"] is not None and timing["first_success_after"] is not None
        else "no request met the outage (the drill then fails: it proved nothing)"
    )
    # A drill in which no request met the outage proves nothing.
    met_outage = statuses.get(503, 0) > 0
    ok = met_outage and statuses.get(500, 0) == 0 and not unclear and kept == len(clients)
    return _verdict(
        "PostgreSQL restarted mid-session",
        ok,
        [
            f"stop, {OUTAGE_SECONDS:.0f} s down, start took {restart.get('end', 0) - restart.get('begin', 0):.1f} s "
            f"(from t={restart.get('begin', 0):.1f} s); {outage}",
            f"answers by status: {dict(sorted(statuses.items()))} (500s: {statuses.get(500, 0)})",
            f"failures without a clear 503 message: {len(unclear)} {unclear[:3]}",
            f"sellers whose last local text is stored exactly after retrying: {kept}/{len(clients)}",
        ],
    )


# --- A worker killed during a save -------------------------------------------------------------


def drill_worker_kill(stack: Stack, sellers: int = 6, kills: int = 12) -> bool:
    infos = stack.prepare(sellers)
    stack.start()
    killed: list[int] = []
    outcomes = {"complete": 0, "absent": 0, "partial": 0, "acknowledged": 0}
    bad: list[str] = []
    clients = [Client(port=stack.port, **info) for info in infos]

    async def seller(client: Client, stop_at: float, rng: random.Random) -> None:
        conn = Connection(LOOPBACK, client.port, timeout=20)
        held = client.body  # what the database holds at client.version, as far as we know
        while time.monotonic() < stop_at:
            # A long draft (about 15,000 characters), different every time, saved back to back.
            text = client.body[:200] + "".join(
                f"{rng.randint(0, 10**6)} {SENTENCE}" for _ in range(rng.randint(150, 190))
            )
            before = client.version
            try:
                response = await client.save(conn, text)
            except NETWORK_ERRORS:
                # Cut off without an answer: find out what the database kept, as the editor's
                # next save would (409 with the stored text when the cut-off save went through).
                await conn.close()
                stored_body, stored_version = fetch_drafts(stack.database, [client.draft])[client.draft]
                if stored_version == before + 1 and stored_body == text:
                    outcomes["complete"] += 1
                    client.version, held = stored_version, text
                elif stored_version == before and stored_body == held:
                    outcomes["absent"] += 1
                else:
                    outcomes["partial"] += 1
                    bad.append(f"draft {client.draft}: version {stored_version} after {before}")
                continue
            if response.status == 200:
                outcomes["acknowledged"] += 1
                held = text
            elif response.status != 503:
                bad.append(f"draft {client.draft}: HTTP {response.status}")
        await conn.close()

    def killer(stop_at: float) -> None:
        rng = random.Random(7)
        time.sleep(1.5)
        while len(killed) < kills and time.monotonic() < stop_at - 1:
            pids = stack.worker_pids()
            if pids:
                pid = rng.choice(pids)
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass
            time.sleep(rng.uniform(0.6, 1.2))

    try:

        async def run() -> None:
            await asyncio.gather(*(c.open() for c in clients))
            stop_at = time.monotonic() + 18
            thread = threading.Thread(target=killer, args=(stop_at,))
            thread.start()
            await asyncio.gather(*(seller(c, stop_at, random.Random(n)) for n, c in enumerate(clients)))
            thread.join()

        asyncio.run(run())
    finally:
        stack.stop()
    stored = fetch_drafts(stack.database, [c.draft for c in clients])
    for c in clients:
        if c.acks and stored[c.draft][1] < c.acks[-1][0]:
            bad.append(f"draft {c.draft}: acknowledged version {c.acks[-1][0]} lost")
    interrupted = outcomes["complete"] + outcomes["absent"] + outcomes["partial"]
    ok = outcomes["partial"] == 0 and not bad and interrupted > 0
    return _verdict(
        "gunicorn worker killed (SIGKILL) during saves",
        ok,
        [
            f"workers killed: {len(killed)}; saves acknowledged: {outcomes['acknowledged']}",
            f"saves cut off without an answer: {interrupted} — complete {outcomes['complete']}, "
            f"absent {outcomes['absent']}, partial {outcomes['partial']}",
            f"problems: {bad[:5] or 'none'}",
        ],
    )


# --- LanguageTool down, slow, healthy ----------------------------------------------------------


class FakeLanguageTool(BaseHTTPRequestHandler):
    """LanguageTool's HTTP API, enough for the client: /v2/languages and /v2/check."""

    delay = 0.0

    def log_message(self, *args) -> None:  # keep the drill's output readable
        pass

    def _json(self, data) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The site may have given up waiting, as it should when we are slow.
        with contextlib.suppress(BrokenPipeError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.delay)
        self._json(
            {
                "matches": [
                    {
                        "message": "Possible spelling mistake found.",
                        "shortMessage": "Spelling mistake",
                        "replacements": [{"value": "receive"}],
                        "offset": 0,
                        "length": 7,
                        "context": {"text": "", "offset": 0, "length": 7},
                        "sentence": "",
                        "type": {"typeName": "UnknownWord"},
                        "rule": {
                            "id": "MORFOLOGIK_RULE_EN_US",
                            "description": "Possible spelling mistake",
                            "issueType": "misspelling",
                            "category": {"id": "TYPOS", "name": "Possible Typo"},
                        },
                    }
                ]
            }
        )


def drill_languagetool(stack: Stack, timeout: float = 1.5) -> bool:
    """Break a LanguageTool server the site is using, and time the live checks that follow."""
    infos = stack.prepare(1)
    lines, ok = [], True
    for name in ("down", "slow (answers after 10 s)", "healthy"):
        FakeLanguageTool.delay = 0.0
        server = ThreadingHTTPServer((LOOPBACK, 0), FakeLanguageTool)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://{LOOPBACK}:{server.server_port}"
        stack.extra_env = {"LANGUAGETOOL_URL": url, "LANGUAGETOOL_TIMEOUT": str(timeout)}
        # One worker, warmed up with a healthy server: the timings are the fault's, not a cold start.
        stack.workers = 1
        stack.start()
        try:
            client = Client(port=stack.port, **infos[0])
            client.body = "Recieve your order soon, we hope. " + client.body

            async def warm_then_break(
                client: Client = client, name: str = name, server: ThreadingHTTPServer = server
            ) -> list[Response]:
                await client.open()
                conn = Connection(LOOPBACK, client.port, timeout=30)
                await client.check(conn)
                if name == "down":
                    server.shutdown()
                    server.server_close()
                elif name.startswith("slow"):
                    FakeLanguageTool.delay = 10.0
                # The seller keeps typing: each check is of a new text (an unchanged text would
                # rightly be answered from the cache, whatever LanguageTool is doing).
                answers = []
                for word in (" Thanks", " again"):
                    client.body += word
                    answers.append(await client.check(conn))
                await conn.close()
                return answers

            first, second = asyncio.run(warm_then_break())
        finally:
            stack.stop()
            if name != "down":
                server.shutdown()
                server.server_close()
        text = first.text()
        notice = "the offline check was used" in text
        via_languagetool = "Possible spelling mistake found." in text
        offline_found = 'data-category="spelling"' in text
        if name == "healthy":
            passed = first.status == 200 and via_languagetool and not notice
        else:
            passed = (
                first.status == 200
                and notice
                and offline_found
                and not via_languagetool
                and first.seconds < timeout + 1.0
                and second.seconds < timeout + 1.0
            )
        ok &= passed
        lines.append(
            f"{name:<26} HTTP {first.status}; first check after the fault {first.seconds * 1000:.0f} ms, "
            f"next {second.seconds * 1000:.0f} ms; notice shown: {notice}; offline spelling finding: "
            f"{offline_found}; LanguageTool's finding: {via_languagetool} — {'ok' if passed else 'WRONG'}"
        )
    stack.workers = 3
    lines.append(f"(LANGUAGETOOL_TIMEOUT={timeout} s; a check must answer within the timeout + 1 s)")
    return _verdict("LanguageTool down or slow", ok, lines)


# --- The Celery worker killed in the middle of a send ---------------------------------------------


def drill_celery_kill(stack: Stack, sends: int = 6) -> bool:
    import subprocess
    import uuid
    from collections import Counter
    from datetime import UTC, datetime, timedelta

    sys.path.insert(0, str(ROOT))
    from tests.composer.spapi_simulator import CLIENT_ID, CLIENT_SECRET, Simulator, make_order

    recreate_database(stack.database)
    simulator = Simulator(timeout_seconds=4.0).start()
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": stack.database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_QUEUE": queue,
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "SPAPI_ENDPOINT": simulator.url,
        "LWA_TOKEN_URL": simulator.token_url,
        "SPAPI_CLIENT_ID": CLIENT_ID,
        "SPAPI_CLIENT_SECRET": CLIENT_SECRET,
        "SPAPI_READ_TIMEOUT": "30",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update({k: env[k] for k in env if k != "PATH"})
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)
    import django

    django.setup()
    from composer.amazon import sending
    from composer.amazon.models import AmazonAccount, AmazonSend
    from composer.models import Draft, Order, Team, User

    seller_id, token = f"AFAULT{uuid.uuid4().hex[:8].upper()}", "Atzr|faults-" + uuid.uuid4().hex
    simulator.add_seller(token, seller_id, ("ATVPDKIKX0DER",))
    team = Team.objects.create(name="Faults", approval_required=False)
    user = User.objects.create_user(username="faults", password="x", team=team)
    account = AmazonAccount(
        team=team, selling_partner_id=seller_id, region="na", marketplaces=[{"id": "ATVPDKIKX0DER"}]
    )
    account.refresh_token = token
    account.save()
    ids = []
    for n in range(sends):
        order_id = f"114-{n:07d}-{n:07d}"
        simulator.add_order(make_order(order_id, marketplace_id="ATVPDKIKX0DER"), seller=seller_id)
        order = Order.objects.create(
            team=team, amazon_order_id=order_id, marketplace="US", buyer_locale="en-US",
            purchase_date=datetime.now(UTC) - timedelta(days=3), product_name="Board",
        )  # fmt: skip
        text = f"Your order {order_id} arrives on Friday."
        draft = Draft.objects.create(author=user, team=team, order=order, message_type="delivery", body=text)
        send = AmazonSend.objects.create(
            draft=draft, order=order, account=account, message_type="delivery",
            operation="createConfirmDeliveryDetails", text=text, draft_version=1, requested_by=user,
        )  # fmt: skip
        ids.append(send.pk)
    # Amazon takes the first send, then holds its answer back for 4 s: the worker waits for it.
    simulator.inject("timeout", "createConfirmDeliveryDetails")
    command = [str(ROOT / ".venv" / "bin" / "celery"), "-A", "config", "worker", "-Q", queue,
               "--concurrency=1", "--loglevel=WARNING", "--without-gossip", "--without-mingle"]  # fmt: skip
    worker = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    lines: list[str] = []
    try:
        for send_id in ids:
            sending._enqueue(send_id)
        deadline = time.monotonic() + 60
        while not simulator.sent() and time.monotonic() < deadline:
            time.sleep(0.05)
        in_flight = list(AmazonSend.objects.filter(status="sending").values_list("pk", flat=True))
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        lines.append(f"worker killed while {len(in_flight)} send(s) waited for Amazon's answer")
        worker = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if not AmazonSend.objects.filter(status__in=("queued", "sending")).exists():
                break
            time.sleep(0.5)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        simulator.stop()
    outcomes = Counter(AmazonSend.objects.values_list("status", flat=True))
    received = Counter(r["order_id"] for r in simulator.sent())
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    unknown = set(AmazonSend.objects.filter(status="unknown").values_list("pk", flat=True))
    ok = (
        duplicates == 0
        and bool(in_flight)
        and set(in_flight) <= unknown
        and outcomes.get("sent", 0) == sends - len(in_flight)
        and not simulator.invalid
    )
    lines += [
        f"outcomes after a new worker started: {dict(outcomes)}",
        f"messages Amazon received: {sum(received.values())}; duplicates: {duplicates}",
    ]
    return _verdict("Celery worker killed (SIGKILL) during a send", ok, lines)


DRILLS = {
    "postgres": drill_postgres,
    "worker-kill": drill_worker_kill,
    "languagetool": drill_languagetool,
    "celery-kill": drill_celery_kill,
}


def main() -> int:
    chosen = sys.argv[1:] or list(DRILLS)
    unknown = [name for name in chosen if name not in DRILLS]
    if unknown:
        raise SystemExit(f"unknown drill(s) {unknown}; choose from {list(DRILLS)}")
    results = []
    for name in chosen:
        stack = Stack(database="composer_faults", redis_db=10, port=free_port(), workers=3)
        results.append(DRILLS[name](stack))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
