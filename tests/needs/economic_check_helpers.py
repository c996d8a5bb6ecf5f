"""A household's current economic-status check (核对), as assistance applications need before
their 核对 stage passes (needs.services.assistance.check_satisfied)."""

from __future__ import annotations

from django.utils import timezone

from needs.services import economic_checks as checks
from needs.services.economic_checks import ResultItem


def current_check(world, household):
    checks.check_authorization_record(
        by=world.caseworker,
        household=household,
        method="written",
        signed_by_name="张建国",
        signed_on=timezone.localdate(),
    )
    check = checks.economic_check_request(by=world.caseworker, household=household)
    return checks.economic_check_record_result(
        by=world.caseworker,
        check=check,
        checking_body="朝阳区居民家庭经济状况核对中心",
        checked_on=timezone.localdate(),
        conclusion="within_limits",
        items=[ResultItem("income", "wages", 1_200_000)],
    )
