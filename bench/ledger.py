"""Benchmark: concurrent allocations and releases against a few funds, and government relief
grants against one office's budget, then reconciliation.

    .venv/bin/python bench/ledger.py [--workers 16] [--seconds 30] [--funds 4]

Needs PostgreSQL (row locks are what is measured): it (re)creates the database
``jijinan_bench`` on BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres),
migrates it, seeds the demo offices, accepted referrals and funds (each fund holds a tight
budget so that some allocations are refused for want of money), then runs ``--workers``
processes for ``--seconds``: each picks a fund and a referral at random and allocates 10-50
yuan through ``donors.services.allocation_create``; every other step it releases one of its
own earlier allocations; every fourth step (``--grants-every``; 0: none) it gives 10-50 yuan
of temporary relief to one of the cases through ``needs.services.relief_grant``, paid from the
office's relief budget, which is kept tight: a grant the budget cannot pay is refused, and the
refused worker records a ¥100 appropriation (``appropriation_record``) half the time.
Afterwards it runs the ledger reconciliation and checks each fund's and the budget's balance
against its entries. Prints
allocations and grants per second and the number of invariant breaks. Target (issue 4):
>= 300 allocations/s and 0 breaks; issue 15: grants in the mix, allocations/s not below the
run without them. BENCH_DATABASE names the database (default jijinan_bench). A benchmark: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REFERRALS = 64
FUND_BUDGET_FEN = 10_000  # ¥100 per fund: a few open allocations use it up, so asks are refused
SEED_RELIEF_FEN = 300_000  # each seeded case's relief
RELIEF_BUDGET_FEN = 50_000  # ¥500 left after the seed: some grants are refused, then topped up
TOP_UP_FEN = 10_000


def _recreate_database(admin_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(
        admin_url.replace("postgres://", "postgresql://", 1), autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


def _seed(funds: int) -> tuple[list[int], list[int]]:
    from django.core.management import call_command

    from core.demo import seed_core
    from core.models import Organisation, User
    from donors import services as money
    from donors.services.relief_budgets import appropriation_record
    from needs import services as flow
    from needs.factories import household_input
    from projects.models import Project

    call_command("migrate", verbosity=0)
    seed_core()
    from needs.demo import _projects

    project = _projects()["大病医疗救助项目"]
    caseworker = User.objects.get(username="caseworker.chaoyang")
    charity = User.objects.get(username="charity.jilin")
    manager = User.objects.get(username="fund.jian")
    supervisor = User.objects.get(username="supervisor.changchun")
    appropriation_record(
        by=supervisor,
        office=caseworker.memberships.first().organisation,
        year=_this_year(),
        scheme="temporary",
        amount_fen=REFERRALS * SEED_RELIEF_FEN + RELIEF_BUDGET_FEN,
        reference="基准财社〔2026〕1号",
    )
    referral_ids = []
    for i in range(REFERRALS):
        case = flow.case_report(
            by=caseworker,
            office=caseworker.memberships.first().organisation,
            channel="walk_in",
            category="illness",
            narrative="大病住院，医疗费缺口较大。",
            household=household_input(phone=f"139{i:08d}", head=f"测试户{i}"),
        ).case
        flow.case_accept(by=caseworker, case=case)
        flow.case_assess(
            by=caseworker, case=case, assessed_need_fen=5_000_000, assessed_gap_fen=4_000_000
        )
        flow.relief_grant(by=caseworker, case=case, kind="temporary", amount_fen=SEED_RELIEF_FEN)
        referral = flow.referral_create(by=caseworker, case=case, project=project)
        flow.referral_accept(by=charity, referral=referral)
        referral_ids.append(referral.pk)
    assert Project.objects.filter(pk=project.pk, status="open").exists()
    enterprise = manager.memberships.first().organisation
    holder = Organisation.objects.get(name="吉林省慈善总会")
    donor = money.donor_create(name="基准测试捐赠人")
    fund_ids = []
    for i in range(funds):
        fund = money.fund_create(
            by=manager, owner=enterprise, holder=holder, name=f"基准基金{i}", purpose="基准"
        )
        money.donation_record_offline(
            by=manager,
            donor=donor,
            amount_fen=FUND_BUDGET_FEN,
            channel="bank_transfer",
            reference=f"BENCH-{i}",
            fund=fund,
        )
        fund_ids.append(fund.pk)
    return fund_ids, referral_ids


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def _codes(error, field: str | None) -> set[str]:
    if field is None:
        return {e.code for e in getattr(error, "error_list", [])}
    return {e.code for e in getattr(error, "error_dict", {}).get(field, [])}


def _worker(seed: int, fund_ids, referral_ids, deadline: float, results, grants_every: int) -> None:
    import django

    django.setup()
    from django.core.exceptions import ValidationError

    from core.models import User
    from donors import services
    from donors.models import Allocation, Fund
    from donors.services.relief_budgets import appropriation_record
    from needs import services as flow
    from needs.models import Referral

    rng = random.Random(seed)
    manager = User.objects.get(username="fund.jian")
    caseworker = User.objects.get(username="caseworker.chaoyang")
    supervisor = User.objects.get(username="supervisor.changchun")
    funds = list(Fund.objects.filter(pk__in=fund_ids))
    referrals = list(Referral.objects.filter(pk__in=referral_ids).select_related("case"))
    cases = [referral.case for referral in referrals]
    office = caseworker.memberships.first().organisation
    mine: list[Allocation] = []
    allocated = refused = released = errors = 0
    granted = grants_refused = topped_up = 0
    step = money_step = 0
    while time.time() < deadline:
        step += 1
        if grants_every and step % grants_every == 0:
            try:
                flow.relief_grant(
                    by=caseworker,
                    case=rng.choice(cases),
                    kind="temporary",
                    amount_fen=rng.randrange(1_000, 5_001),
                )
                granted += 1
            except ValidationError as error:
                if "insufficient_budget" in _codes(error, "amount_fen"):
                    grants_refused += 1
                    if rng.random() < 0.5:
                        appropriation_record(
                            by=supervisor,
                            office=office,
                            year=_this_year(),
                            scheme="temporary",
                            amount_fen=TOP_UP_FEN,
                            reference=f"基准追加-{seed}-{step}",
                        )
                        topped_up += 1
                else:
                    errors += 1
            except Exception:
                errors += 1
            continue
        money_step += 1  # allocations and releases alternate as in the run without grants
        try:
            if money_step % 2 == 0 and mine:
                allocation = mine.pop(rng.randrange(len(mine)))
                services.allocation_release(allocation=allocation, reason="bench", by=manager)
                released += 1
            else:
                allocation = services.allocation_create(
                    by=manager,
                    referral=rng.choice(referrals),
                    amount_fen=rng.randrange(1_000, 5_001),
                    fund=rng.choice(funds),
                )
                mine.append(allocation)
                allocated += 1
        except ValidationError as error:
            codes = {e.code for e in getattr(error, "error_dict", {}).get("amount_fen", [])}
            if "insufficient_balance" in codes:
                refused += 1
            else:
                errors += 1
        except Exception:  # counted: anything else is an invariant break
            errors += 1
    results.put((allocated, refused, released, errors, granted, grants_refused, topped_up))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--funds", type=int, default=4)
    parser.add_argument(
        "--grants-every",
        type=int,
        default=4,
        help="every Nth step of a worker gives relief (0: allocations and releases only)",
    )
    args = parser.parse_args()

    admin_url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("BENCH_DATABASE", "jijinan_bench")
    os.environ["DATABASE_URL"] = _recreate_database(admin_url, name)
    os.environ["DJANGO_SETTINGS_MODULE"] = "core.settings.dev"
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.db import connections
    from django.db.models import Q, Sum

    started = time.perf_counter()
    fund_ids, referral_ids = _seed(args.funds)
    print(
        f"seeded {len(referral_ids)} accepted referrals and {len(fund_ids)} funds of "
        f"¥{FUND_BUDGET_FEN // 100:,} in {time.perf_counter() - started:.1f} s"
    )
    connections.close_all()  # each worker process opens its own connection

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    deadline = time.time() + args.seconds
    processes = [
        context.Process(
            target=_worker,
            args=(i, fund_ids, referral_ids, deadline, results, args.grants_every),
        )
        for i in range(args.workers)
    ]
    began = time.perf_counter()
    for process in processes:
        process.start()
    totals = [0] * 7
    for _ in processes:
        for index, value in enumerate(results.get()):
            totals[index] += value
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - began
    allocated, refused, released, errors, granted, grants_refused, topped_up = totals

    print(f"workers: {args.workers} processes, {args.seconds:.0f} s, {args.funds} funds")
    print(f"allocations: {allocated} ({allocated / elapsed:.0f}/s)")
    print(f"releases: {released} ({released / elapsed:.0f}/s)")
    print(f"refused for want of money (correct behaviour): {refused}")
    print(f"relief grants: {granted} ({granted / elapsed:.0f}/s)")
    print(f"grants refused for want of budget (correct behaviour): {grants_refused}")
    print(f"appropriations recorded to top the budget up: {topped_up}")
    print(f"unexpected errors: {errors}")

    from donors.models import Account, Entry
    from donors.reconcile import reconcile

    problems = [p for p in reconcile() if p.is_failure]  # attention-only notes are not breaks
    negative = Account.objects.filter(kind__in=Account.HOLDING_KINDS, balance_fen__lt=0).count()
    mismatched = 0
    checked = Account.objects.filter(Q(fund_id__in=fund_ids) | Q(kind=Account.Kind.RELIEF_BUDGET))
    for account in checked:
        total = Entry.objects.filter(account=account).aggregate(t=Sum("amount_fen"))["t"] or 0
        mismatched += total != account.balance_fen
    breaks = len(problems) + negative + mismatched + errors
    print(
        f"reconcile problems: {len(problems)}; negative holding accounts: {negative}; "
        f"fund and budget balances not equal to their entries: {mismatched}"
    )
    print(f"invariant breaks: {breaks}")


if __name__ == "__main__":
    main()
