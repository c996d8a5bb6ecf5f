"""Benchmark: the jurisdiction selector on a national-size set of offices and staff.

    .venv/bin/python bench/jurisdiction.py [--size 3000]   (DATABASE_URL picks the database)

Builds a throw-away database (a temporary SQLite file unless DATABASE_URL is set), seeds
``--size`` county offices with one caseworker each, then times ``visible_to`` for a
caseworker, a city supervisor, a province supervisor and an auditor over all memberships.
Prints the figures; asserts nothing about time (a benchmark is not a test).
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-jurisdiction-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    from core.demo import seed_core
    from core.jurisdiction import visible_to
    from core.models import Membership, Organisation, Region, User
    from core.services import membership_grant

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seed_core(size=args.size)
    print(f"seeded {args.size} offices in {time.perf_counter() - started:.1f} s")

    def user_with(role: str, code: str) -> User:
        user, _ = User.objects.get_or_create(username=f"bench.{role}.{code}")
        office, _ = Organisation.objects.get_or_create(
            name=f"bench office {code}",
            defaults={"kind": "government_office", "region": Region.objects.get(code=code)},
        )
        membership_grant(by=None, user=user, organisation=office, role=role)
        return user

    readers = {
        "caseworker (county 220104)": user_with("caseworker", "220104"),
        "supervisor (city 220100)": user_with("supervisor", "220100"),
        "supervisor (province 440000)": user_with("supervisor", "440000"),
        "auditor (everything)": user_with("auditor", "220000"),
    }
    total = Membership.objects.count()
    print(f"{total} memberships; {args.repeat} runs each (selector + count query)")
    for label, user in readers.items():
        timings, seen = [], 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            seen = visible_to(
                Membership.objects.all(), user, region_field="organisation__region"
            ).count()
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"  {label:<30} sees {seen:>5}  median {statistics.median(timings):6.2f} ms"
            f"  p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:6.2f} ms"
        )


if __name__ == "__main__":
    main()
