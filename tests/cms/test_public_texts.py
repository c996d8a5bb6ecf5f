"""Text the public site builds from records (the notice's lines, the transparency page's flow
labels, the report tracking page) carries only public words: what staff wrote about the
household in a grant's reason, an allocation's note or a report never shows, and every label
is a donor kind, a fund's or a charity's name, a category or a county."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.translation import gettext as _

from discovery.services.public_reports import public_report_create, public_report_to_case
from donors import services as money_services
from donors.models import Donor
from needs import services
from needs.factories import household_input
from needs.models import Case

pytestmark = pytest.mark.django_db

STORY = "张建国住南湖街道幸福小区3栋2单元501室，妻子李秀兰脑出血住院，电话13912345678。"
PERSONAL = ["张建国", "李秀兰", "13912345678", "南湖街道", "幸福小区", "3栋2单元501室", "脑出血"]


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def leaked(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]


def test_the_notice_never_shows_what_a_grant_reason_says(world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=300_000, assessed_gap_fen=300_000
    )
    services.relief_grant(
        by=world.caseworker, case=case, kind="temporary", amount_fen=200_000, reason=STORY
    )

    page = Client().get("/notice/").content.decode()

    assert "张某" in page and "¥2,000.00" in page
    assert not leaked(page), leaked(page)


def test_every_transparency_label_is_a_public_word(money):
    need = money.published_need()
    money.give(500_000)
    money.give(30_000, need=need)
    referral = money.accepted_referral()
    money_services.allocation_create(
        by=money.fund_manager, referral=referral, fund=money.fund, amount_fen=100_000, note=STORY
    )

    response = Client().get("/transparency/")

    html = response.content.decode()
    assert not leaked(html), leaked(html)
    labels = {name for flow in response.context["flows"] for name in (flow.source, flow.target)}
    public_words = {
        *(_("Donors: %(kind)s") % {"kind": label} for label in Donor.Kind.labels),
        _("Fund: %(name)s") % {"name": money.fund.name},
        _("Projects of %(charity)s") % {"charity": money.world.charity.name},
        _("Gifts to public needs"),
        *(str(label) for label in Case.Category.labels),
        referral.case.region.name,
    }
    assert labels and labels <= public_words, labels - public_words


def test_the_tracking_page_shows_the_status_only_before_and_after_the_case(world):
    report = public_report_create(region_code="220104", what_happened=STORY, contact="13912345678")
    client = Client()

    before = client.get(f"/report/{report.tracking_code}/").content.decode()
    public_report_to_case(
        by=world.caseworker,
        report=report,
        office=world.chaoyang,
        category=Case.Category.ILLNESS,
        household=household_input(),
    )
    after = client.get(f"/report/{report.tracking_code}/").content.decode()

    for page in (before, after):
        assert report.tracking_code in page
        assert not leaked(page), leaked(page)
    assert "正在处理" in after
