"""Benchmark: the missing zero reports of a province, with 3,000 villages and 30,000 grids.

    .venv/bin/python bench/zero_reports.py [--villages 3000] [--grids-per-village 10]
        [--reported 0.7] [--requests 30]

Builds a throw-away SQLite database (or the one DATABASE_URL names: it must exist and be
empty or migrated), registers townships and villages below the counties of 吉林省 with their
grids, and one month's zero reports from a share of the grids. Then times, as a provincial
supervisor, the dashboard's missing-report figures (``GET /api/v1/zero-reports/missing/``,
the same function the supervision dashboard calls) for the whole province and for one county,
and the missing-report screen of a county. Prints the figures and p50/p95. A benchmark, not a
test: it asserts nothing (the goal is p95 at most 200 ms on SQLite and PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _timed(call, requests: int) -> tuple[float, float]:
    call()  # warm the caches and the query plans once
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    return statistics.median(samples), p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, default=3000)
    parser.add_argument("--grids-per-village", type=int, default=10)
    parser.add_argument("--reported", type=float, default=0.7, help="share of grids reporting")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-zero-reports-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from rest_framework.test import APIClient

    from core import services as core_services
    from core.models import Organisation, Region, User
    from discovery.models import Grid, ZeroReport
    from discovery.selectors_grids import current_period

    call_command("migrate", verbosity=0)
    province = Region.objects.get(code="220000")
    counties = list(Region.objects.filter(level=3, path__startswith="220000/").order_by("code"))
    office, _ = Organisation.objects.get_or_create(
        name="吉林省民政厅（基准测试）", defaults={"kind": "government_office", "region": province}
    )
    supervisor, _ = User.objects.get_or_create(username="bench-province-supervisor")
    core_services.membership_grant(by=None, user=supervisor, organisation=office, role="supervisor")
    county_office, _ = Organisation.objects.get_or_create(
        name="长春市朝阳区民政局（基准测试）",
        defaults={"kind": "government_office", "region": Region.objects.get(code="220104")},
    )
    county_caseworker, _ = User.objects.get_or_create(username="bench-county-caseworker")
    core_services.membership_grant(
        by=None, user=county_caseworker, organisation=county_office, role="caseworker"
    )

    started = time.perf_counter()
    period = current_period()
    if not Grid.objects.exists():
        # Villages spread over the province's counties, ten villages to a township.
        townships, villages = [], []
        for n in range(args.villages):
            county = counties[n % len(counties)]
            index_in_county = n // len(counties)
            township_number = index_in_county // 10 + 1
            township_code = f"{county.code}{township_number:03d}000"
            if index_in_county % 10 == 0:
                townships.append(
                    Region(
                        code=township_code,
                        name=f"第{township_number}街道",
                        level=4,
                        parent_id=county.code,
                        path=f"{county.path}/{township_code}",
                    )
                )
            village_code = f"{township_code[:9]}{index_in_county % 10 + 1:03d}"
            villages.append(
                Region(
                    code=village_code,
                    name=f"第{index_in_county % 10 + 1}村",
                    level=5,
                    parent_id=township_code,
                    path=f"{county.path}/{township_code}/{village_code}",
                )
            )
        Region.objects.bulk_create(townships, batch_size=2000)
        Region.objects.bulk_create(villages, batch_size=2000)
        Grid.objects.bulk_create(
            [
                Grid(region_id=village.code, name=f"第{g + 1}网格")
                for village in villages
                for g in range(args.grids_per_village)
            ],
            batch_size=5000,
        )
        grid_rows = list(Grid.objects.values_list("pk", "region_id").order_by("pk"))
        ZeroReport.objects.bulk_create(
            [
                ZeroReport(
                    region_id=region_id,
                    grid_id=pk,
                    period=period,
                    outcome="nothing_new",
                    reported_by=supervisor,
                )
                for n, (pk, region_id) in enumerate(grid_rows)
                if n % 100 < args.reported * 100
            ],
            batch_size=5000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started

    api = APIClient(HTTP_HOST="127.0.0.1")
    api.force_authenticate(supervisor)
    admin = Client(HTTP_HOST="127.0.0.1")
    admin.force_login(county_caseworker)
    figures = api.get("/api/v1/zero-reports/missing/").json()
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(
        f"data: {Region.objects.filter(level=5).count()} villages, {Grid.objects.count()} grids, "
        f"{ZeroReport.objects.filter(period=period).count()} reports for {period:%Y-%m} "
        f"(built in {built:.1f} s)"
    )
    print(
        f"province figures: {figures['expected']} must report, {figures['reported']} reported, "
        f"{figures['missing']} missing, in {len(figures['rows'])} counties"
    )
    timings = [
        (
            "GET /api/v1/zero-reports/missing/ (province, by county)",
            lambda: api.get("/api/v1/zero-reports/missing/"),
        ),
        (
            "GET /api/v1/zero-reports/missing/?within=220104 (a county, by township)",
            lambda: api.get("/api/v1/zero-reports/missing/", {"within": "220104"}),
        ),
        (
            "GET /admin/grid-work/zero-reports/missing/ (county caseworker's screen)",
            lambda: admin.get("/admin/grid-work/zero-reports/missing/"),
        ),
    ]
    for label, call in timings:
        p50, p95 = _timed(call, args.requests)
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({args.requests} requests)")


if __name__ == "__main__":
    main()
