"""Benchmark: the supervision dashboard and the case export with 100,000 cases.

    .venv/bin/python bench/supervision.py [--cases 100000] [--requests 10] [--memory]

Builds a throw-away SQLite database (or DATABASE_URL), seeds the demo offices, bulk-creates
the cases, then times GET /admin/supervision/ (every figure, medians included) as a city
supervisor and as the provincial auditor, and the full CSV and Excel export of the cases as
the auditor, with the peak of Python memory while the file is made (tracemalloc). Prints
the figures. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--memory", action="store_true", help="also trace the exports' memory")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-supervision-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from core.demo import seed_core
    from core.models import Organisation, User
    from needs.factories import bulk_create_cases

    call_command("migrate", verbosity=0)
    seed_core()
    offices = list(
        Organisation.objects.filter(kind="government_office", region__level=3).order_by("pk")
    )
    started = time.perf_counter()
    bulk_create_cases(args.cases, offices=offices)
    # The bulk cases carry no step times: give them some, so that the medians have work.
    from datetime import timedelta

    from django.db.models import F

    from needs.models import Case

    Case.objects.exclude(status="reported").update(
        accepted_at=F("reported_at") + timedelta(hours=3)
    )
    Case.objects.filter(status="closed").update(closed_at=F("reported_at") + timedelta(days=9))
    print(f"seeded {args.cases} cases in {time.perf_counter() - started:.1f} s")

    for label, username in (
        ("supervisor (city of Changchun)", "supervisor.changchun"),
        ("auditor (province)", "auditor.jilin"),
    ):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        client.get("/admin/supervision/")  # warm-up
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get("/admin/supervision/")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        print(f"  dashboard, {label:<32} median {statistics.median(timings):7.1f} ms")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="auditor.jilin"))
    for fmt in ("csv", "xlsx"):
        start = time.perf_counter()
        response = client.get(f"/admin/supervision/export/cases.{fmt}")
        size = sum(len(chunk) for chunk in response.streaming_content)
        seconds = time.perf_counter() - start
        print(f"  export cases.{fmt}: {size / 1e6:6.1f} MB in {seconds:5.1f} s")
        if args.memory:  # a second run: tracing every allocation slows it several times
            tracemalloc.start()
            response = client.get(f"/admin/supervision/export/cases.{fmt}")
            for _chunk in response.streaming_content:
                pass
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"    peak Python memory while exporting: {peak / 1e6:5.1f} MB")


if __name__ == "__main__":
    main()
