"""No public page and no public API response carries a household's personal data: with
published needs, referrals, donations and allocations in the database, crawl every page the
public site links to and call every GET route of the API anonymously, and look for each
identifier of the households (names, identity number, phone, address, township)."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from cms.demo import seed_policies, seed_site
from donors import services as money_services
from needs import services as needs_services
from needs.factories import id_number
from projects import services as project_services

pytestmark = pytest.mark.django_db

HEAD_ID = id_number("22010419790315123")
IDENTIFIERS = [
    "张建国",
    "李秀兰",
    "13912345678",
    HEAD_ID,
    HEAD_ID[:6] + "1979",  # any part of the identity number's birth segment
    "幸福小区",
    "3栋2单元501室",
    "南湖街道",
    "脑出血",  # the diagnosis: a category (重病) at most
]
# What staff write about the household in the texts around the money and the referral.
STAFF_NOTE = "张建国住南湖街道幸福小区3栋2单元501室，妻子李秀兰脑出血住院，电话13912345678。"
START = [
    "/",
    "/needs/",
    "/projects/",
    "/transparency/",
    "/donate/",
    "/policies/",
    "/report/",
    "/notice/",
]
MAX_PAGES = 400
HREF = re.compile(r'href="(/[^"#]*)"')


def leaks(text: str) -> list[str]:
    return [identifier for identifier in IDENTIFIERS if identifier in text]


@pytest.fixture
def full_world(money):
    from discovery.services.public_reports import public_report_create

    seed_policies(seed_site())
    need = money.published_need()
    referral = money.accepted_referral()
    money.give(500_000)
    money.donation = money.give(20_000, need=need)
    allocation = money_services.allocation_create(
        by=money.fund_manager,
        referral=referral,
        fund=money.fund,
        amount_fen=100_000,
        note=STAFF_NOTE,
    )
    # A payment to the household, its note naming them: staff's words, never public.
    staff = money.world.charity_staff
    payment = money_services.disbursement_request(
        by=staff, allocation=allocation, amount_fen=50_000, method="hospital", note=STAFF_NOTE
    )
    money_services.disbursement_approve(by=staff, disbursement=payment)
    money_services.disbursement_mark_paid(
        by=staff, disbursement=payment, proof_reference="ZY-INV-0001"
    )
    # A referral whose note and emergency reason name the household: its receiver reads them
    # anonymized, the public not at all.
    needs_services.referral_create(
        by=money.world.caseworker,
        case=referral.case,
        department=money.world.department,
        note=STAFF_NOTE,
        emergency_reason=STAFF_NOTE,
    )
    # A charity writing the beneficiary's story into its project (or a fund holder into its
    # fund) is refused where it is saved, so it never reaches the project page; the project
    # is public with its clean description.
    project = money.world.project
    with pytest.raises(ValidationError):
        project_services.project_update(
            by=money.world.charity_staff, project=project, description=STAFF_NOTE
        )
    with pytest.raises(ValidationError):
        money_services.fund_create(
            by=money.fund_manager,
            owner=money.enterprise,
            holder=money.world.charity,
            name="张建国救助基金",
            purpose=STAFF_NOTE,
        )
    project_services.project_update(
        by=money.world.charity_staff,
        project=project,
        description="为突发重病的困难家庭提供医疗费用救助。",
    )
    # A neighbour's report naming the household: its tracking page shows the status only.
    money.report = public_report_create(
        region_code="220104",
        what_happened="张建国一家住幸福小区3栋2单元501室，电话13912345678，家里失火。",
        contact="13912345678",
    )
    return money, need


def test_no_public_page_carries_personal_data(full_world):
    cache.clear()
    client = Client()
    money = full_world[0]
    start = [
        *START,
        f"/report/{money.report.tracking_code}/",
        f"/donations/receipt/{money.donation.public_id}/",
    ]
    seen, queue, pages = set(start), deque(start), 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        pages += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        assert not leaks(text), f"{url} shows {leaks(text)}"
        for link in HREF.findall(text):
            link = link.replace("&amp;", "&")
            if link.startswith(("/admin", "/static", "/documents", "/api/docs")):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    need = full_world[1]
    assert f"/needs/{need.public_id}/" in seen  # the crawl did reach the published need
    assert pages > 15


def test_no_public_api_route_carries_personal_data(full_world):
    money, need = full_world
    client = Client()
    schema = client.get("/api/schema/", {"format": "json"}).json()
    ids = [
        str(need.public_id),
        str(money.fund.pk),
        str(money.world.project.pk),
        str(need.case_id),
        str(money.donation.public_id),
        money.report.tracking_code,
        *(str(r.pk) for r in need.case.referrals.all()),
    ]
    answered = 0
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        names = re.findall(r"\{(\w+)\}", path)
        candidates = [path]
        for name in names:
            candidates = [c.replace("{" + name + "}", value) for c in candidates for value in ids]
        for url in candidates:
            response = client.get(url)
            if response.status_code == 200:
                answered += 1
                text = response.content.decode(errors="replace")
                assert not leaks(text), f"{url} shows {leaks(text)}"
    assert answered >= 5  # the public routes did answer (needs, projects, transparency...)
