"""Keystroke-to-marks time in Chromium: how long after the seller stops typing the marks are new.

Starts the development server on a free loopback port against the local SQLite database
(migrated and seeded with the demo data first), logs in as the demo seller, opens a draft and,
20 times, waits until the editor is idle (no check or save pending), types the next character
of a sentence and measures in the page the time from the keystroke to the moment the editor has
drawn the new findings (the form's data-answered counter moves after the marks are redrawn). That time holds
the editor's pause (CHECK_DELAY), the check request and the redrawing; the request's own time
is read from the browser's resource timing. Prints every time, the medians and the machine's
load (`uptime`). A measurement, not a test: nothing is asserted.

Every wait has a limit: a keystroke whose answer does not come within --answer-timeout seconds
is counted as lost (and printed), a page step fails after 20 s, and the whole run is stopped
after --deadline seconds, the server and the browser with it.

With --stack production the server is the production stack instead (scripts/stack.py: gunicorn
with DEBUG=0 and one worker, PostgreSQL database composer_marks, Redis db 13), as sellers meet it; the page is
opened with a seeded seller's session.

    .venv/bin/python scripts/marks_latency.py [--runs 20] [--deadline 300] [--stack production]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import Stack

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ORDER_ID = "114-4909505-8661897"
STEP_TIMEOUT_MS = 20_000
# Typed one character per measurement, as a seller writes: real words, so the spelling check
# meets what it meets in use (a growing nonsense word would make it hunt for suggestions).
TYPED = " Thank you again for your order, we hope you enjoy it."

# Types one character and resolves with [milliseconds until the next answer is on the page,
# milliseconds the check request took], or null when no answer came within `limit` ms.
MEASURE = """async ([key, limit]) => {
  const form = document.getElementById("draft-form");
  const before = form.dataset.answered || "0";
  let observer;
  const answered = new Promise((resolve) => {
    observer = new MutationObserver(() => {
      if ((form.dataset.answered || "0") !== before) resolve(performance.now());
    });
    observer.observe(form, { attributes: true, attributeFilter: ["data-answered"] });
  });
  const timedOut = new Promise((resolve) => setTimeout(() => resolve(null), limit));
  performance.clearResourceTimings();
  const body = document.getElementById("id_body");
  body.focus();
  body.setSelectionRange(body.value.length, body.value.length);
  const start = performance.now();
  document.execCommand("insertText", false, key);
  const end = await Promise.race([answered, timedOut]);
  observer.disconnect();
  if (end === null) return null;
  const checks = performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/check/"));
  const request = checks.length ? checks[checks.length - 1].duration : null;
  return [end - start, request];
}"""

IDLE = "() => !document.getElementById('draft-form').hasAttribute('data-busy')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    """Return once the server answers; raise when it exits or does not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            urllib.request.urlopen(f"{url}/accounts/login/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user and system) process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


class DevelopmentServer:
    """Django's runserver (DEBUG=1) on the local SQLite database, with the demo data."""

    label = "runserver, DEBUG=1, SQLite, no Redis"

    def __init__(self) -> None:
        self.env = {**os.environ, "DEBUG": "1"}
        self.env.pop("DATABASE_URL", None)
        self.env.pop("REDIS_URL", None)
        self.server: subprocess.Popen | None = None
        self.log = None

    def start(self) -> None:
        for command in (["migrate", "--noinput", "-v0"], ["load_templates", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=self.env, check=True, timeout=300)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(f"/tmp/marks_latency-{port}.log", "wb")  # noqa: SIM115 - closed in stop()
        self.server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_server(self.url, self.server)

    def open_draft(self, page: Page) -> None:
        page.goto(f"{self.url}/accounts/login/")
        page.get_by_label("Username").fill("seller")
        page.get_by_label("Password").fill("demo")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{self.url}/drafts/")
        page.goto(f"{self.url}/messages/new/?order_id={ORDER_ID}&message_type=order_question")
        page.get_by_role("button", name="Start").click()

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.server.pid)

    def stop(self) -> None:
        if self.server is not None:
            stop(self.server)
        if self.log is not None:
            self.log.close()


class ProductionStack:
    """gunicorn (DEBUG=0), PostgreSQL and Redis, as in production (scripts/stack.py). One worker:
    one seller types, and the worker's own first request (its warm-up) is left out of the figures."""

    label = "gunicorn 1 sync worker, DEBUG=0, PostgreSQL, Redis"

    def __init__(self) -> None:
        self.stack = Stack(database="composer_marks", redis_db=13, port=free_port(), workers=1)
        self.url = self.stack.base_url

    def start(self) -> None:
        self.seller = self.stack.prepare(1)[0]
        self.stack.start()

    def open_draft(self, page: Page) -> None:
        # The seeded seller has no password: the browser carries the session it was given.
        page.context.add_cookies([{"name": "sessionid", "value": self.seller["session"], "url": self.url}])
        page.goto(f"{self.url}/drafts/{self.seller['draft']}/")

    def cpu_seconds(self) -> float:
        return self.stack.cpu_seconds()

    def stop(self) -> None:
        self.stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--answer-timeout", type=float, default=10.0, help="seconds per keystroke")
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds for the whole run")
    parser.add_argument("--stack", choices=["development", "production"], default="development")
    args = parser.parse_args()
    server = ProductionStack() if args.stack == "production" else DevelopmentServer()

    def give_up() -> None:
        print(f"stopped: the run took longer than {args.deadline:.0f} s", file=sys.stderr, flush=True)
        server.stop()
        os._exit(2)

    watchdog = threading.Timer(args.deadline, give_up)
    watchdog.daemon = True
    watchdog.start()
    times: list[float] = []
    requests: list[float] = []
    lost = 0
    before = uptime()
    try:
        server.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"], timeout=STEP_TIMEOUT_MS
            )
            page = browser.new_page()
            page.set_default_timeout(STEP_TIMEOUT_MS)
            server.open_draft(page)
            page.get_by_role("textbox", name="Message").wait_for()
            cpu_before = 0.0
            for run in range(args.runs + 1):
                # Each keystroke starts from a quiet editor: no check or autosave on its way.
                page.wait_for_function(IDLE, timeout=STEP_TIMEOUT_MS)
                result = page.evaluate(MEASURE, [TYPED[run % len(TYPED)], args.answer_timeout * 1000])
                if result is None:
                    lost += 1
                    print(f"run {run}: no answer within {args.answer_timeout:.0f} s", file=sys.stderr)
                elif run:  # the first check warms the server's caches
                    times.append(result[0])
                    if result[1] is not None:
                        requests.append(result[1])
                if not run:
                    page.wait_for_function(IDLE, timeout=STEP_TIMEOUT_MS)
                    cpu_before = server.cpu_seconds()
            page.wait_for_function(IDLE, timeout=STEP_TIMEOUT_MS)
            server_cpu = server.cpu_seconds() - cpu_before
            browser.close()
    finally:
        watchdog.cancel()
        server.stop()
    after = uptime()
    if not times:
        print("no keystroke was answered", file=sys.stderr)
        return 1
    check_js = (ROOT / "static" / "composer" / "editor" / "check.js").read_text(encoding="utf-8")
    delay = int(re.search(r"CHECK_DELAY = (\d+)", check_js).group(1))
    median = statistics.median(times)
    print(f"server: {server.label}")
    print("keystroke to marks (ms):", " ".join(f"{t:.0f}" for t in times))
    print(
        f"median of {len(times)}: {median:.0f} ms from the keystroke, {median - delay:.0f} ms after the "
        f"editor's {delay} ms pause; the check request alone: median {statistics.median(requests):.0f} ms"
        if requests
        else f"median of {len(times)}: {median:.0f} ms from the keystroke"
    )
    print(f"server CPU per keystroke (its check and its autosave): {server_cpu / args.runs * 1000:.1f} ms")
    if lost:
        print(f"{lost} keystroke(s) got no answer within {args.answer_timeout:.0f} s")
    print(f"{os.cpu_count()} cores; uptime before: {before}")
    print(f"{' ' * len(str(os.cpu_count()))}        uptime after:  {after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
