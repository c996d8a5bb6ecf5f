"""A case made from a hotline call takes the call's words as its story: the public Need masks
the caller's name, numbers and township as well as the household's; and the names on a proxy
application or a visit are masked too."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import Region
from discovery import services as discovery_services
from needs import services
from needs.factories import household_input

pytestmark = pytest.mark.django_db

CALL_NEED = (
    "王秀英来电：邻居老人独居在清河镇，中风后无人照料，家里没有钱看病。"
    "请回电王秀英 139 1234 5678，或打 0431-88886666。"
)


def publish(world, case):
    services.case_accept(by=world.caseworker, case=case)
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    services.consent_record(
        by=world.caseworker,
        case=case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    preview = services.need_preview(by=world.caseworker, case=case)
    return preview, services.need_publish(by=world.caseworker, need=preview)


def public_text() -> str:
    return json.dumps(APIClient().get("/api/v1/public/needs/").json(), ensure_ascii=False)


def test_the_callers_name_and_numbers_never_reach_the_public_need(world):
    call = discovery_services.hotline_call_record(
        by=world.caseworker,
        office=world.chaoyang,
        caller_name="王秀英",
        caller_phone="139 1234 5678",
        callback_phone="0431-88886666",
        township="清河镇",
        region=Region.objects.get(code="220104"),
        topic="illness",
        need=CALL_NEED,
        received_at=timezone.now() - dt.timedelta(hours=1),
    )
    case = discovery_services.hotline_call_to_case(
        by=world.caseworker, call=call, household=household_input()
    ).case
    assert case.narrative == CALL_NEED  # the call's words are the story

    preview, need = publish(world, case)

    shown = public_text()
    assert need.status == "published" and need.story in shown
    for text in (preview.story, need.title, need.story, shown):
        for identifier in ("王秀英", "秀英", "13912345678", "139 1234 5678", "88886666", "清河镇"):
            assert identifier not in text
    assert "王某" in preview.story  # the surname stays, as for household members


def test_the_names_on_a_proxy_application_are_masked(world):
    case = discovery_services.proxy_application_file(
        by=world.caseworker,
        office=world.chaoyang,
        category="illness",
        narrative="社工刘志强代赵桂芝申请：赵桂芝年老体弱，无法自行申请，看病欠下医疗费。",
        household=household_input(),
        filed_for_name="赵桂芝",
        reason="elderly",
        proxy_name="刘志强",
    ).case

    preview, need = publish(world, case)

    for text in (preview.story, need.story, public_text()):
        assert "赵桂芝" not in text and "刘志强" not in text
