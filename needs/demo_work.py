"""Demo work that waits for someone (issue 17, item 9), seeded after the cases and the money:
a case handed over from 朝阳 to 南关 and not accepted yet, a referral waiting for a functional
department, an accepted referral the enterprise's special fund may pay for, a payment waiting
for its second approval at 吉林省慈善总会 (asked for by a second staff member, 钱进, so that
赵敏 approves it), a data cross-check with risk warnings to dispose of and a supervision task,
and the overdue sweep, so that a fresh `make run` shows escalations. Everything goes through
the services, each step stamped in the past (needs.demo's clock). Idempotent: nothing is
added if the second charity login exists already."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.db import transaction
from django.utils import timezone

from core import services as core_services
from core.demo import demo_password
from core.models import Membership, Organisation, User
from discovery import services as discovery_services
from discovery.models import RiskWarning, Visit
from needs import services
from needs.demo import _demo_household, _demo_person, demo_clock
from needs.models import Household, HouseholdMember
from projects.models import Project

SECOND_CHARITY_STAFF = ("charity.jilin.2", "钱进")


def _second_charity_staff() -> User:
    username, name = SECOND_CHARITY_STAFF
    user = User(username=username, first_name=name[1:], last_name=name[:1])
    user.set_password(demo_password())
    user.save()
    core_services.membership_grant(
        by=None,
        user=user,
        organisation=Organisation.objects.get(name="吉林省慈善总会"),
        role=Membership.Role.CHARITY_STAFF,
    )
    return user


def _relieved_case(rng, *, office, caseworker, county, township, reported, category):
    """A case reported ``reported``, accepted, assessed and relieved in the following days."""
    head = _demo_person(rng)
    with demo_clock(reported):
        case = services.case_report(
            by=caseworker,
            office=office,
            channel="walk_in",
            category=category,
            narrative=f"{head}家中突发变故，生活陷入困境，需要临时救助和后续帮扶。",
            household=_demo_household(rng, county, township, head, {}),
            urgency=2,
        ).case
    with demo_clock(reported + dt.timedelta(hours=2)):
        services.case_accept(by=caseworker, case=case)
    with demo_clock(reported + dt.timedelta(hours=26)):
        services.case_assess(
            by=caseworker, case=case, assessed_need_fen=2_000_000, assessed_gap_fen=1_800_000
        )
    with demo_clock(reported + dt.timedelta(hours=50)):
        services.relief_grant(by=caseworker, case=case, kind="temporary", amount_fen=300_000)
    return case


def _handover_and_department_referral(rng, now) -> int:
    office = Organisation.objects.get(name="长春市朝阳区民政局")
    caseworker = User.objects.get(username="caseworker.chaoyang")
    moved = _relieved_case(
        rng,
        office=office,
        caseworker=caseworker,
        county="220104",
        township="南湖街道",
        reported=now - dt.timedelta(days=5),
        category="accident",
    )
    with demo_clock(now - dt.timedelta(hours=30)):
        services.case_handover(
            by=caseworker,
            case=moved,
            to_office=Organisation.objects.get(name="长春市南关区民政局"),
            reason="该户已搬到南关区居住，由南关区民政局继续办理。",
        )
    medical = _relieved_case(
        rng,
        office=office,
        caseworker=caseworker,
        county="220104",
        township="南湖街道",
        reported=now - dt.timedelta(days=7),
        category="illness",
    )
    with demo_clock(now - dt.timedelta(hours=26)):
        services.referral_create(
            by=caseworker,
            case=medical,
            department=Organisation.objects.get(name="长春市医疗保障局"),
            note="住院费用医保报销后仍有缺口，请协助核定医疗救助。",
        )
    nanguan = User.objects.get(username="caseworker.nanguan")
    fundable = _relieved_case(
        rng,
        office=Organisation.objects.get(name="长春市南关区民政局"),
        caseworker=nanguan,
        county="220102",
        township="永吉街道",
        reported=now - dt.timedelta(days=9),
        category="illness",
    )
    with demo_clock(now - dt.timedelta(days=4)):
        referral = services.referral_create(
            by=nanguan,
            case=fundable,
            project=Project.objects.get(title="大病医疗救助项目"),
            amount_requested_fen=1_500_000,
            note="手术费用自付部分缺口较大，请协助。",
        )
    with demo_clock(now - dt.timedelta(days=3)):
        services.referral_accept(by=User.objects.get(username="charity.jilin"), referral=referral)
    return 3


def _payment_awaiting_second_approval(second: User) -> int:
    """Payments above the four-eyes threshold asked for by 钱进 on a referral the demo's
    special fund paid for: one approved by 赵敏 and paid, one waiting for her approval."""
    from donors import services as money
    from donors.models import Allocation

    allocation = (
        Allocation.objects.filter(
            status=Allocation.Status.ACTIVE,
            referral__to_organisation__name="吉林省慈善总会",
            source__fund__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    if allocation is None:
        return 0
    zhaomin = User.objects.get(username="charity.jilin")
    # A payment approved by the other person and paid, proven by the invoice number alone
    # (the fund statement shows one proof file present and one absent; the demo's own
    # referrals no longer give the money demo a second referral to pay for).
    paid = money.disbursement_request(
        by=second,
        allocation=allocation,
        amount_fen=100_000,
        method="hospital",
        note="门诊复查费用，直接支付至医院",
    )
    money.disbursement_approve(by=zhaomin, disbursement=paid)
    money.disbursement_mark_paid(by=zhaomin, disbursement=paid, proof_reference="ZY2026-11-0522")
    money.disbursement_request(
        by=second,
        allocation=allocation,
        amount_fen=300_000,
        method="hospital",
        note="第二期住院费用，直接支付至医院",
    )
    return 2


def _head_id_number(household: Household) -> str:
    from needs.crypto import decrypt_id_number

    head = HouseholdMember.objects.filter(household=household, relation="head").first()
    return decrypt_id_number(head.id_number_encrypted) if head else ""


def _crosscheck(now) -> int:
    """A list of large medical bills from the district's medical insurance bureau: two people
    nobody has on record and a household visited but without a case, whose warning becomes a
    supervision task for the caseworker."""
    from needs.factories import id_number

    office = Organisation.objects.get(name="长春市朝阳区民政局")
    caseworker = User.objects.get(username="caseworker.chaoyang")
    visited = (
        Visit.objects.filter(office=office, case__isnull=True).order_by("visited_on", "pk").first()
    )
    known = _head_id_number(visited.household) if visited else ""
    rows = [
        "身份证号,姓名,所在地区,医疗费用,日期,备注",
        f"{id_number('22010419580712301')},赵某,朝阳区,86000,{now:%Y-%m-%d},住院",
        f"{id_number('22010419661103452')},钱某,朝阳区,52000,{now:%Y-%m-%d},门诊慢特病",
    ]
    if known:
        rows.append(f"{known},孙某,朝阳区,41000,{now:%Y-%m-%d},住院")
    with demo_clock(now - dt.timedelta(days=2)):
        outcome = discovery_services.crosscheck_import(
            by=caseworker,
            office=office,
            kind="medical_bills",
            source_department="朝阳区医疗保障局",
            stream=io.BytesIO("\n".join(rows).encode("utf-8")),
            file_name="大额医疗费用名单.csv",
        )
    warning = (
        RiskWarning.objects.filter(
            crosscheck_import=outcome.crosscheck_import, household__isnull=False
        )
        .order_by("pk")
        .first()
    )
    if warning is not None:
        with demo_clock(now - dt.timedelta(days=1)):
            discovery_services.warning_supervise(
                by=caseworker,
                warning=warning,
                assigned_to=caseworker,
                due_on=timezone.localdate() + dt.timedelta(days=3),
                note="该户在册但未落实医疗救助，请核实后办理。",
            )
    return len(rows) - 1


@transaction.atomic
def seed_work() -> int:
    """Seed the waiting work once; returns how many records were added."""
    if User.objects.filter(username=SECOND_CHARITY_STAFF[0]).exists():
        return 0
    rng = random.Random(2028)  # noqa: S311 (the same demo every time, not a secret)
    now = timezone.now()
    second = _second_charity_staff()
    added = _handover_and_department_referral(rng, now)
    added += _payment_awaiting_second_approval(second)
    added += _crosscheck(now)
    # Steps the demo left past their deadline are escalated now, as the worker would.
    services.deadlines_sweep()
    return added
