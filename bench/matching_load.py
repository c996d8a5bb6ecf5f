"""Benchmark: the embedded matching engine fed from a real database (bench/matching.py feeds
it generated facts in memory, so the loading path is not in its figures).

    .venv/bin/python bench/matching_load.py [--cases 100000]

Builds a throw-away SQLite database (or BENCH_DATABASE_URL), seeds the demo (offices, charities,
projects and their money), bulk-creates ``--cases`` cases with Chinese stories and makes
every one ready for referral (accepted, owned, a remaining gap, an emergency), then prints:
- the time of a full load of each side (``search.facts``: one query per side plus the
  referral answers, every story cut into bigrams), as a server process does on its first
  query or after ``search_index --rebuild``;
- the time to catch up with 100 changed cases (what each process does after writes);
- top-50 needs for each demo project from the loaded engine (p50/p95, balances read from the
  ledger, one query);
- resident memory before and after the load, and the process's peak.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STORIES = [
    "户主突发脑出血住院，医疗费用自付部分超出家庭承受能力，妻子无业，孩子在读。",
    "家中房屋夜间失火，衣物粮食全部烧毁，一家四口暂住亲戚家，急需过渡生活费用。",
    "丈夫在工地意外摔伤，腰椎骨折需要手术，家庭唯一劳动力倒下，收入中断。",
    "暴雨引发山洪冲毁房屋和农田，老人和孙子无处安身，生活用品急缺。",
    "家中顶梁柱因病去世，留下年迈父母和两个未成年孩子，生活陷入困境。",
    "孩子确诊白血病需要长期化疗，父母辞职陪护，积蓄已经花光。",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="bench-matching-load-")
    # Its own database, never the one DATABASE_URL names (it seeds 100,000 cases into it).
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db.models import Case as When_
    from django.db.models import Value, When
    from django.utils import timezone
    from tqdm import tqdm

    from core.demo import seed_core
    from core.models import Organisation, User
    from donors.demo import seed_money
    from needs.demo import seed_cases
    from needs.factories import bulk_create_cases
    from needs.models import Case
    from projects.models import Project
    from search import stamps
    from search.engine import EmbeddedEngine
    from search.facts import project_facts

    call_command("migrate", verbosity=0)
    seed_core()
    seed_cases()
    seed_money()  # the projects' money: the rules read it
    offices = list(
        Organisation.objects.filter(kind="government_office", region__level=3).order_by("pk")
    )
    before = Case.objects.count()
    bulk_create_cases(args.cases, offices=offices, progress=lambda it: tqdm(it, desc="cases"))
    owner = User.objects.get(username="caseworker.chaoyang")
    fresh = Case.objects.filter(number__startswith="B")
    fresh.update(
        status=Case.Status.ACCEPTED,
        owner=owner,
        is_emergency=True,
        accepted_at=timezone.now(),
        assessed_gap_fen=1_000_000,
        remaining_gap_fen=1_000_000,
        narrative=When_(
            *[When(pk__endswith=str(i), then=Value(STORIES[i % len(STORIES)])) for i in range(10)],
            default=Value(STORIES[0]),
        ),
    )
    print(f"{Case.objects.count() - before} cases created and made ready for referral")

    engine = EmbeddedEngine()
    before = resident_mb()
    started = time.perf_counter()
    engine.refresh()  # both sides, in full
    loaded = time.perf_counter() - started
    print(
        f"full load: {len(engine.need_map):,} ready cases and {len(engine.project_map)} open "
        f"projects in {loaded:.2f} s; resident memory {before:.0f} MB before, "
        f"{resident_mb():.0f} MB after"
    )

    ids = list(fresh.values_list("pk", flat=True)[:100])
    stamps.changed(stamps.NEEDS, ids)
    started = time.perf_counter()
    engine.refresh()
    print(f"catch-up after 100 changed cases: {(time.perf_counter() - started) * 1000:.1f} ms")

    timings = []
    projects = project_facts(Project.objects.filter(status=Project.Status.OPEN))
    for _round in range(20):
        for project in projects:
            started = time.perf_counter()
            engine.needs_for(project, limit=50)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"top-50 needs for a demo project ({len(projects)} projects x 20): "
        f"p50 {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95)]:.1f} ms"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process (RSS, seeding included): {peak:.0f} MB")
    shutil.rmtree(workdir, ignore_errors=True)


def resident_mb() -> float:
    """The process's resident memory now (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
