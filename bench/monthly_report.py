"""Benchmark: the monthly report upward of a province (issue 20 item 5).

    .venv/bin/python bench/monthly_report.py [--cases 100000] [--applications 50000]
                                             [--grants 300000] [--referrals 20000]
                                             [--assistance 50000]

Needs PostgreSQL: it (re)creates the database BENCH_DATABASE (default
``jijinan_bench_report``) on BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it, seeds the demo offices, then
bulk-inserts the province's records, all dated in last month: the cases through
needs.factories.bulk_create_cases (spread over the demo counties of 吉林省), then the relief
grants, online applications (我要求助), typed assistance applications (低保, 特困, 医疗救助…,
``--assistance``) and referrals with PostgreSQL's COPY, every column the rows do not give at
its field's default.

Then, in a child process so that its memory is its own, the provincial office's report for
last month is generated through supervision.services_reports.monthly_report_generate and
written as Excel and PDF. Prints the seconds of each step and the child's peak resident
memory. Target: generated in at most 30 s, peak memory at most 500 MB. A benchmark: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROVINCE = "吉林省民政厅"
BENCH_USER = "bench.report"


def _recreate_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(
        admin_url.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()


def _copy(table: str, columns: list[str], rows) -> None:
    """COPY rows (tuples) into ``table``: the fast path for hundreds of thousands of rows."""
    from django.db import connection

    connection.ensure_connection()
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _copy_model(model, rows) -> None:
    """COPY ``rows`` (dicts by attribute name) into ``model``'s table, every other column at
    its field's default: the table may gain columns without the benchmark breaking."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]

    def complete(row):
        values = []
        for field in fields:
            value = row[field.attname] if field.attname in row else field.get_default()
            values.append(str(value) if hasattr(value, "label") else value)  # enum members
        return values

    _copy(model._meta.db_table, [f.column for f in fields], (complete(row) for row in rows))


def seed(args) -> None:
    import datetime as dt
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from core.demo import seed_core
    from core.models import Membership, Organisation, User
    from needs.factories import bulk_create_cases
    from needs.models import (
        AssistanceApplication,
        AssistanceType,
        Case,
        OnlineApplication,
        Referral,
        ReliefGrant,
    )
    from supervision.services_reports import previous_month

    call_command("migrate", verbosity=0)
    seed_core()
    province = Organisation.objects.get(name=PROVINCE)
    user = User.objects.create_user(BENCH_USER)  # never signs in: no password
    Membership.objects.create(user=user, organisation=province, role=Membership.Role.CASEWORKER)
    counties = list(
        Organisation.objects.filter(
            kind="government_office", region__level=3, region__path__startswith="220000/"
        ).order_by("pk")
    )
    charity = Organisation.objects.filter(kind="charity").order_by("pk").first()
    month = previous_month(timezone.localdate())
    start = timezone.make_aware(dt.datetime.combine(month, dt.time.min))
    rng = random.Random(20)

    began = time.perf_counter()
    bulk_create_cases(args.cases, offices=counties, batch_size=5000)
    # Date the cases in last month (the factory stamps "now").
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE needs_case SET reported_at = %s + (id %% 27) * interval '1 day' "
            "+ (id %% 86400) * interval '1 second'",
            [start],
        )
    case_ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    cases_s = time.perf_counter() - began

    began = time.perf_counter()
    kinds = ["temporary", "advance"]
    statuses = ["granted"] * 8 + ["approved", "pending_approval", "refused"]

    def grants():
        for n in range(args.grants):
            when = start + dt.timedelta(minutes=rng.randint(0, 27 * 24 * 60))
            goods = n % 10 == 0
            yield {
                "case_id": case_ids[n % len(case_ids)],
                "kind": rng.choice(kinds),
                "amount_fen": rng.randint(10_000, 500_000),
                "in_kind": "棉被" if goods else "",
                "goods_quantity": 2 if goods else None,
                "goods_unit": "床" if goods else "",
                "goods_value_fen": 36_000 if goods else 0,
                "status": rng.choice(statuses),
                "granted_by_id": user.pk,
                "granted_at": when,
            }

    _copy_model(ReliefGrant, grants())

    def applications():
        for n in range(args.applications):
            when = start + dt.timedelta(minutes=rng.randint(0, 27 * 24 * 60))
            yield {
                "tracking_code": f"BQ{n:010d}",
                "applied_by": rng.choice(["self", "proxy"]),
                "case_id": case_ids[n],
                "contact_consent_at": when,
                "person_agreed": True,
                "applied_at": when,
            }

    _copy_model(OnlineApplication, applications())

    # Typed assistance applications (低保, 特困, 医疗救助…) of the cases' households, filed
    # in the month, a third of them decided in it.
    households = list(
        Case.objects.order_by("pk").values_list(
            "household_id", "region_id", "responsible_office_id"
        )
    )
    types = [code for code, _label in AssistanceType.choices]

    def assistance():
        for n in range(args.assistance):
            household, region, office = households[n % len(households)]
            when = start + dt.timedelta(minutes=rng.randint(0, 20 * 24 * 60))
            decided = n % 3 == 0
            granted = decided and n % 2 == 0
            yield {
                "household_id": household,
                "region_id": region,
                "type": types[n % len(types)],
                "office_id": office,
                "reason": "",
                "stage": ("granted" if granted else "refused") if decided else "accepted",
                "applied_by_id": user.pk,
                "applied_at": when,
                "decided_at": when + dt.timedelta(days=5) if decided else None,
                "amount_fen": 60_000 if granted else None,
            }

    _copy_model(AssistanceApplication, assistance())

    referral_statuses = ["requested", "accepted", "rejected", "completed", "expired"]

    def referrals():
        for n in range(args.referrals):
            when = start + dt.timedelta(minutes=rng.randint(0, 20 * 24 * 60))
            status = rng.choice(referral_statuses)
            finished = when + dt.timedelta(days=3) if status == "completed" else None
            yield {
                "case_id": case_ids[(n * 7) % len(case_ids)],
                "to_organisation_id": charity.pk,
                "status": status,
                "requested_by_id": user.pk,
                "requested_at": when,
                "answer_due_at": when + dt.timedelta(days=3),
                "outcome": "resolved" if finished else "",
                "finished_at": finished,
            }

    _copy_model(Referral, referrals())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded: {args.cases:,} cases in {cases_s:.1f} s; {args.grants:,} relief grants, "
        f"{args.applications:,} online applications, {args.assistance:,} assistance "
        f"applications, {args.referrals:,} referrals "
        f"in {time.perf_counter() - began:.1f} s",
        flush=True,
    )


def generate() -> None:
    """The child: generate the report and its two files; print the timings as JSON."""
    from django.utils import timezone

    from core.models import Organisation, User
    from supervision import monthly_report as mr
    from supervision.services_reports import monthly_report_generate, previous_month

    user = User.objects.get(username=BENCH_USER)
    province = Organisation.objects.get(name=PROVINCE)
    month = previous_month(timezone.localdate())
    began = time.perf_counter()
    report = monthly_report_generate(by=user, office=province, month=month)
    generated = time.perf_counter() - began
    began = time.perf_counter()
    handle = mr.report_xlsx(report)
    xlsx_bytes = len(handle.read())
    xlsx_s = time.perf_counter() - began
    began = time.perf_counter()
    try:
        pdf_bytes = len(mr.report_pdf(report))
    except mr.NoChineseFont:
        pdf_bytes = -1
    pdf_s = time.perf_counter() - began
    figures = report.figures
    print(
        json.dumps(
            {
                "generate_s": generated,
                "xlsx_s": xlsx_s,
                "pdf_s": pdf_s,
                "xlsx_bytes": xlsx_bytes,
                "pdf_bytes": pdf_bytes,
                "cases_reported": figures["cases"]["reported"],
                "relief_grants": sum(r[3] for r in figures["relief"]["rows"]),
                "applications": sum(r[1] for r in figures["applications"]["by_applied_by"]),
                "referrals": sum(r[2] for r in figures["referrals"]["made"]),
                "assistance_filed": sum(r[1] for r in figures["assistance"]["filed"]),
                "assistance_decided": sum(r[2] for r in figures["assistance"]["decided"]),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=50_000)
    parser.add_argument("--grants", type=int, default=300_000)
    parser.add_argument("--referrals", type=int, default=20_000)
    parser.add_argument("--assistance", type=int, default=50_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _setup()
        generate()
        return
    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DATABASE", "jijinan_bench_report")
    os.environ["DATABASE_URL"] = _recreate_database(admin_url, name)
    _setup()
    seed(args)
    from django.db import connections

    connections.close_all()
    began = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--child"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    wall = time.perf_counter() - began
    if child.returncode:
        print(child.stdout, child.stderr)
        raise SystemExit(child.returncode)
    result = json.loads(child.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out = io.StringIO()
    print(
        f"province report for last month: {result['cases_reported']:,} cases, "
        f"{result['relief_grants']:,} relief grants, {result['applications']:,} applications, "
        f"{result['referrals']:,} referrals, {result['assistance_filed']:,} assistance "
        f"applications filed and {result['assistance_decided']:,} decided counted",
        file=out,
    )
    print(
        f"generated in {result['generate_s']:.2f} s (target <= 30 s); "
        f"Excel {result['xlsx_s']:.2f} s ({result['xlsx_bytes']:,} bytes); "
        f"PDF {result['pdf_s']:.2f} s ({result['pdf_bytes']:,} bytes); "
        f"child process {wall:.1f} s with Django start-up",
        file=out,
    )
    print(f"peak memory of the generating process: {peak:.0f} MB (target <= 500 MB)", file=out)
    print(out.getvalue(), end="")


if __name__ == "__main__":
    main()
