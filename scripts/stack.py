"""Start and stop the production stack on this machine, for the load and fault scripts.

The stack is the one the README describes for production: gunicorn (several workers) serving
config.wsgi with DEBUG=0 and a Celery worker beside it, PostgreSQL on 127.0.0.1:5432 (a dedicated database, recreated each run),
a Redis cache on 127.0.0.1:6379 (a dedicated database number, flushed each run) and WhiteNoise for
static files. Everything listens on loopback only.

Run as ``python scripts/stack.py seed N`` (inside the production environment) it creates N
sellers, each with an order, a draft and a logged-in session, and prints them as JSON.
"""

from __future__ import annotations

import base64
import json
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
CELERY = str(ROOT / ".venv" / "bin" / "celery")
LOOPBACK = "127.0.0.1"
PG_URL = f"postgres://postgres@{LOOPBACK}:5432"
REDIS_HOST = f"redis://{LOOPBACK}:6379"


def default_workers() -> int:
    """Return the number of gunicorn workers production runs (gunicorn.conf.py decides)."""
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


# What a seller has typed when the load starts: the delivery template, as the editor opens it.
START_TEXT = (
    "Hello {buyer},\n\nYour order {order_id} has shipped today and should arrive within three to five "
    "working days. You can follow the parcel in Your Orders on Amazon.\n\n"
)


@dataclass
class Stack:
    """One running production stack: its settings, its gunicorn master and how to reach it."""

    database: str
    redis_db: int
    port: int
    workers: int
    worker_class: str = "sync"
    threads: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    # The Celery worker that runs beside gunicorn, as in production (`make run`, deployment.md).
    celery: subprocess.Popen | None = None
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(50))
    field_key: str = field(default_factory=lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def database_url(self) -> str:
        return f"{PG_URL}/{self.database}"

    def env(self) -> dict[str, str]:
        """Return the production environment: DEBUG=0 and every setting from variables."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            DEBUG="0",
            SECRET_KEY=self.secret_key,
            FIELD_ENCRYPTION_KEY=self.field_key,
            CELERY_QUEUE=f"stack-{self.database}",
            ALLOWED_HOSTS=f"{LOOPBACK},localhost",
            DATABASE_URL=self.database_url,
            REDIS_URL=f"{REDIS_HOST}/{self.redis_db}",
            # TLS ends at the reverse proxy; the load driver plays the proxy and sends
            # X-Forwarded-Proto: https, so no redirect to https is needed on loopback.
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self, sellers: int) -> list[dict]:
        """Recreate the database and the cache, migrate, collect static files and seed sellers."""
        recreate_database(self.database)
        flush_redis(self.redis_db)
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        self.manage("load_templates", "-v", "0")
        result = subprocess.run(
            [PYTHON, str(Path(__file__)), "seed", str(sellers)],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    def start(self, timeout: float = 60.0) -> None:
        """Start gunicorn on loopback and wait until it answers."""
        command = [
            GUNICORN,
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "config.wsgi:application",
            "--bind",
            f"{LOOPBACK}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            self.worker_class,
            "--threads",
            str(self.threads),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--backlog",
            "512",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env(), start_new_session=True)
        worker = [
            CELERY,
            "--quiet",  # no start-up banner between the figures
            "-A",
            "config",
            "worker",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
        ]
        self.celery = subprocess.Popen(worker, cwd=ROOT, env=self.env(), start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if http_status(self.port, "/accounts/login/") == 200:
                return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer in time")

    def worker_pids(self) -> list[int]:
        import psutil

        if self.process is None:
            return []
        return [child.pid for child in psutil.Process(self.process.pid).children()]

    def cpu_seconds(self) -> float:
        """Return the CPU time used so far by gunicorn's master and workers (user + system)."""
        import psutil

        if self.process is None:
            return 0.0
        total = 0.0
        master = psutil.Process(self.process.pid)
        for proc in [master, *master.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                continue
        return total

    def stop(self) -> None:
        if self.celery is not None and self.celery.poll() is None:
            os.killpg(self.celery.pid, signal.SIGTERM)
            try:
                self.celery.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.celery.pid, signal.SIGKILL)
                self.celery.wait(timeout=5)
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)


def assert_loopback(host: str) -> None:
    if host not in {"127.0.0.1", "::1", "localhost"}:
        raise SystemExit(f"refusing to drive {host}: the load and fault scripts run on loopback only")


def http_status(port: int, path: str) -> int | None:
    """Return the status of a plain GET on loopback, or None when nothing answers."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=2) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}\r\nConnection: close\r\n\r\n".encode())
            line = sock.makefile("rb").readline().decode("latin-1")
            return int(line.split()[1]) if line.startswith("HTTP/") else None
    except OSError:
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def recreate_database(name: str) -> None:
    """Drop and create the dedicated database (never the project's own)."""
    import psycopg

    if not name.startswith("composer_") or name == "composer":
        raise SystemExit(f"refusing to recreate database {name!r}: use a dedicated composer_* name")
    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def flush_redis(db: int) -> None:
    import redis

    redis.Redis(host=LOOPBACK, port=6379, db=db).flushdb()


def fetch_drafts(database: str, ids: list[int]) -> dict[int, tuple[str, int]]:
    """Read the stored text and version of drafts straight from PostgreSQL."""
    import psycopg

    with psycopg.connect(f"{PG_URL}/{database}") as conn:
        rows = conn.execute(
            "SELECT id, body, version FROM composer_draft WHERE id = ANY(%s)", [ids]
        ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def restart_postgresql(down_for: float) -> None:
    """Stop the machine's PostgreSQL cluster, keep it down ``down_for`` seconds, start it again.

    A plain restart can be over before any request notices; a few seconds down make sure the
    drill sees what a seller sees during a real outage.
    """
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    for action in ("stop", "start"):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
            check=True,
            capture_output=True,
        )
        if action == "stop":
            time.sleep(down_for)


def _seed(count: int) -> None:
    """Create ``count`` sellers with an order, a draft and a session each; print them as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from composer.models import Draft, Order, Team, User

    now = timezone.now()
    team = Team.objects.create(name="Load", store_name="Load Test Store")
    sellers = []
    for n in range(count):
        user = User(username=f"load-seller-{n}", role=User.Role.SELLER, team=team)
        # Nobody logs in with a password: the sessions below stand for logged-in browsers.
        user.set_unusable_password()
        user.save()
        order_id = f"{111 + n % 800:03d}-{1000000 + n:07d}-{2000000 + n:07d}"
        order = Order.objects.create(
            team=team,
            amazon_order_id=order_id,
            marketplace="US",
            buyer_locale="en-US",
            purchase_date=now - timedelta(days=3),
            delivery_date=None,
            status=Order.Status.SHIPPED,
            product_name="Cast Iron Dutch Oven, 6 qt",
            buyer_name="Laura",
        )
        body = START_TEXT.format(buyer="Laura", order_id=order_id)
        draft = Draft.objects.create(
            author=user, team=team, order=order, message_type="delivery", buyer_locale="en-US", body=body
        )
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sellers.append(
            {"draft": draft.pk, "version": draft.version, "body": body, "session": session.session_key}
        )
    print(json.dumps(sellers))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "seed":
        _seed(int(sys.argv[2]))
    else:
        raise SystemExit("usage: stack.py seed N   (the load and fault scripts call this)")
