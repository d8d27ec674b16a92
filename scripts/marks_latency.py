"""Keystroke-to-marks time in Chromium: how long after the seller stops typing the marks are new.

Starts the development server on a free loopback port against the local SQLite database
(migrated and seeded with the demo data first), logs in as the demo seller, opens a draft and,
20 times, types a character and measures in the page the time from the keystroke to the moment
the editor has drawn the new findings (the form's data-answered counter moves after the marks
are redrawn). Prints every time and the median. A measurement, not a test: nothing is asserted.

    .venv/bin/python scripts/marks_latency.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ORDER_ID = "114-4909505-8661897"

# Types one character and resolves with the milliseconds until the next answer is on the page.
MEASURE = """async (key) => {
  const form = document.getElementById("draft-form");
  const before = form.dataset.answered || "0";
  const answered = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if ((form.dataset.answered || "0") !== before) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(form, { attributes: true, attributeFilter: ["data-answered"] });
  });
  const body = document.getElementById("id_body");
  body.focus();
  body.setSelectionRange(body.value.length, body.value.length);
  const start = performance.now();
  document.execCommand("insertText", false, key);
  return (await answered) - start;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    env = {**os.environ, "DEBUG": "1"}
    env.pop("DATABASE_URL", None)
    for command in (["migrate", "--noinput", "-v0"], ["load_templates", "-v0"], ["seed_demo", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{url}/accounts/login/")
            page.get_by_label("Username").fill("seller")
            page.get_by_label("Password").fill("demo")
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(f"{url}/drafts/")
            page.goto(f"{url}/messages/new/?order_id={ORDER_ID}&message_type=order_question")
            page.get_by_role("button", name="Start").click()
            page.get_by_role("textbox", name="Message").wait_for()
            times = []
            for run in range(args.runs + 1):
                ms = page.evaluate(MEASURE, "x" if run % 2 else "y")
                if run:  # the first check warms the server's caches
                    times.append(ms)
                page.wait_for_timeout(300)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print("keystroke to marks (ms):", " ".join(f"{t:.0f}" for t in times))
    check_js = (ROOT / "static" / "composer" / "editor" / "check.js").read_text(encoding="utf-8")
    delay = re.search(r"CHECK_DELAY = (\d+)", check_js).group(1)
    load = os.getloadavg()[0]
    print(
        f"median of {len(times)}: {statistics.median(times):.0f} ms (the editor waits {delay} ms for a pause;"
    )
    print(f"load average {load:.1f} on {os.cpu_count()} cores while measuring)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
