"""Measure the order import on a generated 100,000-row All Orders report.

Prints the wall and CPU time, rows per second and peak memory of a first import (every order new) and of a
re-import of the same file (every order updated). Runs on a throw-away SQLite database unless
--database-url names another one (a PostgreSQL database it may create tables in; the bench team
and its orders are deleted afterwards).

    .venv/bin/python scripts/bench_import.py [--rows 100000] [--database-url postgres://…]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace the Python heap (several times slower)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection

    from composer import import_jobs
    from composer.models import ImportJob, Order, Team, User
    from tests.composer.report_files import write_large_all_orders

    settings.MEDIA_ROOT = workdir / "media"
    call_command("migrate", verbosity=0)

    report = workdir / "All Orders.txt"
    with report.open("wb") as stream:
        write_large_all_orders(stream, args.rows)
    size_mb = report.stat().st_size / (1024 * 1024)
    print(f"Order import: {args.rows:,}-row All Orders report ({size_mb:.1f} MB), {connection.vendor}")

    suffix = uuid.uuid4().hex[:8]
    team = Team.objects.create(name=f"bench-{suffix}")
    user = User.objects.create_user(username=f"bench-{suffix}", team=team)
    baseline_mb = _peak_rss_mb()
    try:
        for label in ("first import (all new)", "re-import (all updated)"):
            wall, cpu, heap = _timed_import(
                team, user, report, ImportJob, import_jobs, File, trace=args.tracemalloc
            )
            print(
                f"  {label}: {wall:.1f} s wall, {args.rows / wall:,.0f} rows/s; "
                f"{cpu:.1f} s CPU, {args.rows / cpu:,.0f} rows per CPU second"
                + (
                    f"; peak Python heap {heap / (1024 * 1024):.1f} MB (tracemalloc)"
                    if args.tracemalloc
                    else ""
                )
            )
        assert Order.objects.filter(team=team).count() == args.rows, "re-import duplicated orders"
        print(
            f"  peak process memory (ru_maxrss): {_peak_rss_mb():.0f} MB, "
            f"{baseline_mb:.0f} MB of it before the first import (Python, Django, the test data)"
        )
    finally:
        if args.database_url:  # the throw-away SQLite database goes with its folder
            Order.objects.filter(team=team).delete()
            ImportJob.objects.filter(team=team).delete()
            User.objects.filter(pk=user.pk)._raw_delete(User.objects.db)
            team.delete()
        shutil.rmtree(workdir, ignore_errors=True)


def _timed_import(team, user, report: Path, ImportJob, import_jobs, File, *, trace: bool):
    """Upload the report as a job and run it; return wall seconds, CPU seconds and heap peak."""
    job = ImportJob(team=team, created_by=user, file_name=report.name, file_size=report.stat().st_size)
    with report.open("rb") as source:
        job.file.save("report.txt", File(source), save=False)
    job.save()
    if trace:
        tracemalloc.start()
    cpu_started, started = time.process_time(), time.perf_counter()
    job = import_jobs.run_import(job.pk)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    if job.status != ImportJob.Status.DONE or job.error_count:
        raise SystemExit(f"import failed: {job.status} {job.failure} {job.errors[:3]}")
    return elapsed, cpu, peak


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
