"""Test, demo and benchmark data for cases."""

from __future__ import annotations

from core.models import Region
from needs.services import HouseholdInput, MemberInput

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(first17: str) -> str:
    """A valid 18-digit ID number from its first 17 digits (GB 11643 check character)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def household_input(
    region_code: str = "220104",
    *,
    head: str = "张建国",
    head_id: str = "",
    phone: str = "13912345678",
    members: list[MemberInput] | None = None,
    flags: dict[str, bool] | None = None,
    township: str = "南湖街道",
    address_detail: str = "幸福小区3栋2单元501室",
) -> HouseholdInput:
    return HouseholdInput(
        region=Region.objects.get(code=region_code),
        township=township,
        address_detail=address_detail,
        phone=phone,
        flags=flags or {},
        members=members
        or [
            MemberInput(
                name=head,
                relation="head",
                age=45,
                id_number=head_id or id_number("22010419790315123"),
            ),
            MemberInput(name="李秀兰", relation="spouse", age=43, has_serious_illness=True),
        ],
    )


def bulk_create_cases(count: int, *, offices, progress=None, batch_size: int = 2000) -> int:
    """Many cases fast, for benchmarks: bulk inserts of households, heads and cases spread over
    ``offices`` (government offices) in every status and category, some with overdue steps.

    It skips the services on purpose (no audit events, no encryption): it measures reads.
    """
    import datetime as dt
    import random

    from django.utils import timezone

    from needs.models import Case, CaseDeadline, Household, HouseholdMember

    rng = random.Random(7)
    statuses = list(Case.Status.values)
    categories = list(Case.Category.values)
    channels = [c for c in Case.Channel.values if c != Case.Channel.ONLINE]
    now = timezone.now()
    created = 0
    batches = range(0, count, batch_size)
    for start in progress(batches) if progress else batches:
        size = min(batch_size, count - start)
        picks = [offices[(start + i) % len(offices)] for i in range(size)]
        households = Household.objects.bulk_create(
            [
                Household(
                    region_id=office.region_id,
                    phone="",
                    kg_disaster_hit=rng.random() < 0.2,
                    is_dibao=rng.random() < 0.3,
                )
                for office in picks
            ]
        )
        HouseholdMember.objects.bulk_create(
            [HouseholdMember(household=h, name="测试户主", relation="head") for h in households]
        )
        cases = Case.objects.bulk_create(
            [
                Case(
                    number=f"B{start + i:09d}",
                    household=household,
                    region_id=household.region_id,
                    responsible_office=office,
                    channel=rng.choice(channels),
                    category=rng.choice(categories),
                    narrative="基准测试个案",
                    urgency=rng.choice([1, 2, 3]),
                    status=rng.choice(statuses),
                    assessed_need_fen=5_000_000,
                    # Nothing given or allocated yet: the derived gap is the assessed one.
                    assessed_gap_fen=(gap := rng.randint(0, 5_000_000)),
                    remaining_gap_fen=gap,
                )
                for i, (office, household) in enumerate(zip(picks, households, strict=True))
            ]
        )
        deadlines = [
            CaseDeadline(
                case=case, step="accept", due_at=now + dt.timedelta(days=rng.randint(-5, 5))
            )
            for case in cases
            if rng.random() < 0.3
        ]
        CaseDeadline.objects.bulk_create(deadlines)
        for deadline in deadlines:  # what the deadline services keep on the case
            deadline.case.next_due_at = deadline.due_at
        Case.objects.bulk_update([d.case for d in deadlines], ["next_due_at"])
        created += size
    return created
