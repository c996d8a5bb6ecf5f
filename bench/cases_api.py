"""Benchmark: the case list endpoint with 100,000 cases.

    .venv/bin/python bench/cases_api.py [--cases 100000] [--requests 200] [--no-gc-freeze]

Builds a throw-away SQLite database (or DATABASE_URL), seeds the demo offices, bulk-creates
the cases across the demo offices' counties, then times GET /api/v1/cases/ (page of 50, two
filters) in-process through Django's full request path as a city supervisor (who sees the most)
and as a county caseworker. Prints p50/p95 in milliseconds. Target (issue 3): p95 <= 30 ms on
SQLite. A benchmark, not a test: it asserts nothing.

After start-up, seeding and the warm-up requests the process calls ``gc.freeze()``, as a
pre-forking server does after loading the application: the few hundred thousand long-lived
objects of Django, Wagtail and the app then stay out of the collector's passes, which otherwise
land on random requests. ``--no-gc-freeze`` measures without it.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument(
        "--no-gc-freeze",
        dest="gc_freeze",
        action="store_false",
        help="leave start-up objects in the garbage collector's generations",
    )
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-cases-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from tqdm import tqdm

    from core.demo import seed_core
    from core.models import Organisation, User
    from needs.factories import bulk_create_cases

    call_command("migrate", verbosity=0)
    seed_core()
    offices = list(
        Organisation.objects.filter(kind="government_office", region__level=3).order_by("pk")
    )
    started = time.perf_counter()
    bulk_create_cases(args.cases, offices=offices, progress=lambda it: tqdm(it, desc="cases"))
    seconds = time.perf_counter() - started
    print(f"seeded {args.cases} cases over {len(offices)} county offices in {seconds:.1f} s")

    readers = {
        "supervisor (city of Changchun)": "supervisor.changchun",
        "caseworker (Chaoyang district)": "caseworker.chaoyang",
    }
    queries = [
        {"status": "assessed", "category": "illness"},
        {"status": "referred", "channel": "hotline"},
        {"overdue": "true", "category": "fire"},
    ]
    warm_up = 10
    print(
        "gc.freeze() after the warm-up requests"
        if args.gc_freeze
        else "no gc.freeze(): start-up objects stay in the collector's generations"
    )
    for label, username in readers.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=username))
        timings, count = [], 0
        for n in range(args.requests + warm_up):
            if n == warm_up and args.gc_freeze:
                gc.collect()
                gc.freeze()
            params = {**queries[n % len(queries)], "page_size": 50}
            start = time.perf_counter()
            response = client.get("/api/v1/cases/", params)
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, response.content[:200]
            count = response.json()["count"]
            if n >= warm_up:
                timings.append(elapsed)
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {label:<32} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   (last match: {count} cases)")


if __name__ == "__main__":
    main()
