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
