"""Two fund managers commit the enterprise fund's last yuan from the screen at the same moment:
one commitment wins, the other is refused on its amount, and the fund never goes below zero
(DESIGN.md 7.2). PostgreSQL only, like tests/donors/test_concurrency.py."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.db.models import Sum
from django.test import Client

from core import services as core_services
from core.factories import UserFactory
from core.models import Membership
from donors import selectors
from donors.models import Allocation, Entry

pytestmark = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: run with DATABASE_URL=postgres://... (CI does)",
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_commitments_racing_for_the_funds_last_yuan_never_overspend_it(money):
    money.give(100)  # ¥1.00: exactly one commitment of ¥1.00 fits
    first, second = money.accepted_referral(), money.accepted_referral()
    colleague = UserFactory(username="jian.fund2")
    core_services.membership_grant(
        by=None, user=colleague, organisation=money.enterprise, role=Membership.Role.FUND_MANAGER
    )

    start = threading.Barrier(2)
    statuses: list[int] = []
    lock = threading.Lock()

    def commit(user, referral, submission):
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            response = client.post(
                f"/admin/money/referrals/{referral.pk}/allocate/",
                {"source": f"fund:{money.fund.pk}", "amount": "1", "submission": submission},
            )
            with lock:
                statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=commit, args=(money.fund_manager, first, "a" * 32)),
        threading.Thread(target=commit, args=(colleague, second, "b" * 32)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # One redirect (committed), one page shown again with the refusal on the amount.
    assert sorted(statuses) == [200, 302]
    assert Allocation.objects.count() == 1
    assert selectors.available_fen(money.fund) == 0
    total = Entry.objects.filter(account__fund=money.fund).aggregate(total=Sum("amount_fen"))
    assert total["total"] == 0
