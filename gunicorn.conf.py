"""gunicorn settings for production (README, "Deployment"). Override any of them on the command line.

gunicorn -c gunicorn.conf.py config.wsgi:application
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker per core. The live check is CPU work (its queries and Redis calls take well under a
# millisecond), and each worker keeps what it has read of the texts it checked (sentences,
# paragraphs, findings): with fewer workers, a seller's next check more often finds the rest of
# the text already read. `make load` on 2 cores, 3 Dec: 2 workers 5.8 ms of CPU per request and
# p95 34 ms; 4 workers 9.6 ms and p95 371 ms for the same 166 checks per second.
workers = int(os.environ.get("GUNICORN_WORKERS", str(os.cpu_count() or 1)))
timeout = 30
graceful_timeout = 20
backlog = 512
# Load the site and warm the rule engine in the master; workers fork with it already in memory.
preload_app = True
# A worker is replaced after this many requests, which bounds any slow growth in memory.
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# TLS ends at the reverse proxy on the same host or network; trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def when_ready(server) -> None:
    """Warm the rule engine once, in the master, before the workers are forked."""
    from composer.warmup import warm_engine

    seconds = warm_engine()
    server.log.info("rule engine warmed in %.1f s", seconds)
