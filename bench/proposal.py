"""Benchmark of the allocation proposal (search.proposal.propose through the embedded engine).

    .venv/bin/python bench/proposal.py [--projects 10000] [--cases 1000 5000 20000]
                                       [--provinces 31]

Generates open projects and cases ready for referral as bench/matching.py does (the same
templates and region tree, balances from a dict, no special funds), then, for each number of
cases, times one proposal over all of them and prints what it covered. ``--provinces 1`` puts
everything in one province, where every case has some 1,600 candidate projects (10,000
projects): the flow network is then that many times larger. No target is set in the issue; a
benchmark: it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching import generate, generate_needs  # sets Django up, so it comes first

from search.engine import EmbeddedEngine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--cases", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    parser.add_argument("--provinces", type=int, default=31)
    args = parser.parse_args()
    projects, balances = generate(args.projects, random.Random(2026), args.provinces)
    print(f"{len(projects):,} open projects over {args.provinces} province(s)")
    for count in args.cases:
        needs = list(generate_needs(count, 2027, args.provinces))
        engine = EmbeddedEngine.fixed(projects, needs, balances)
        engine.refresh()
        start = time.perf_counter()
        proposal = engine.proposal(needs)
        took = time.perf_counter() - start
        pairs = sum(len(engine.candidate_projects(n)) for n in needs[:200]) / min(200, count)
        print(
            f"{count:>7,} cases (about {pairs:,.0f} candidate projects each): {took:7.2f} s; "
            f"{len(proposal.referrals):,} cases covered in part or whole, "
            f"{len(proposal.uncovered):,} with something uncovered; peak memory "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
