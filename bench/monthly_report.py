"""Benchmark: the monthly report upward of a province (issue 20 item 5).

    .venv/bin/python bench/monthly_report.py [--cases 100000] [--applications 50000]
                                             [--grants 300000] [--referrals 20000]

Needs PostgreSQL: it (re)creates the database BENCH_DATABASE (default
``jijinan_bench_report``) on BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it, seeds the demo offices, then
bulk-inserts the province's records, all dated in last month: the cases through
needs.factories.bulk_create_cases (spread over the demo counties of 吉林省), then the relief
grants, online applications and referrals with PostgreSQL's COPY. The "applications" are the
platform's only application table, ``needs.OnlineApplication`` (我要求助): issue 20's typed
assistance applications (item 1) do not exist on this branch.

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


def seed(args) -> None:
    import datetime as dt
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from core.demo import seed_core
    from core.models import Membership, Organisation, User
    from needs.factories import bulk_create_cases
    from needs.models import Case
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
            in_kind = "棉被两床" if n % 10 == 0 else ""
            yield (
                case_ids[n % len(case_ids)],
                rng.choice(kinds),
                rng.randint(10_000, 500_000),
                in_kind,
                rng.choice(statuses),
                "",
                user.pk,
                when,
                "",
                "",
                "",
            )

    _copy(
        "needs_reliefgrant",
        [
            "case_id",
            "kind",
            "amount_fen",
            "in_kind",
            "status",
            "reason",
            "granted_by_id",
            "granted_at",
            "decision_reason",
            "paid_via",
            "payment_reference",
        ],
        grants(),
    )

    def applications():
        for n in range(args.applications):
            when = start + dt.timedelta(minutes=rng.randint(0, 27 * 24 * 60))
            yield (f"BQ{n:010d}", rng.choice(["self", "proxy"]), case_ids[n], when, True, when)

    _copy(
        "needs_onlineapplication",
        [
            "tracking_code",
            "applied_by",
            "case_id",
            "contact_consent_at",
            "person_agreed",
            "applied_at",
        ],
        applications(),
    )

    referral_statuses = ["requested", "accepted", "rejected", "completed", "expired"]

    def referrals():
        for n in range(args.referrals):
            when = start + dt.timedelta(minutes=rng.randint(0, 20 * 24 * 60))
            status = rng.choice(referral_statuses)
            finished = when + dt.timedelta(days=3) if status == "completed" else None
            yield (
                case_ids[(n * 7) % len(case_ids)],
                charity.pk,
                status,
                "",
                "",
                "",
                user.pk,
                when,
                when + dt.timedelta(days=3),
                "",
                "resolved" if finished else "",
                "",
                finished,
            )

    _copy(
        "needs_referral",
        [
            "case_id",
            "to_organisation_id",
            "status",
            "note",
            "emergency_reason",
            "rules_override_reason",
            "requested_by_id",
            "requested_at",
            "answer_due_at",
            "reject_reason",
            "outcome",
            "outcome_reason",
            "finished_at",
        ],
        referrals(),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"seeded: {args.cases:,} cases in {cases_s:.1f} s; {args.grants:,} relief grants, "
        f"{args.applications:,} online applications, {args.referrals:,} referrals "
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
        f"{result['referrals']:,} referrals counted",
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
