"""The intake channels seed 000 names (心愿墙、QQ群、微信群、群众信箱) are case channels: offered
by the report form and the API, shown by name on the case page, and nothing else is taken."""

from __future__ import annotations

import pytest

from needs.models import Case
from tests.needs.test_admin_screens import report_data

pytestmark = pytest.mark.django_db

SEED_CHANNELS = {
    "wechat_group": "WeChat group",
    "qq_group": "QQ group",
    "wish_wall": "wish wall",
    "mailbox": "public mailbox",
}


def test_the_seed_channels_are_case_channels(in_english):
    assert SEED_CHANNELS.items() <= {k: str(v) for k, v in Case.Channel.choices}.items()
    assert "survey" in Case.Channel.values


def test_a_case_from_a_wechat_group_is_reported_and_shown_by_name(client, world):
    client.force_login(world.caseworker)
    page = client.get("/admin/cases/new/").content.decode()
    for code in SEED_CHANNELS:
        assert f'value="{code}"' in page
    assert 'value="online"' not in page  # only the public form files online applications

    response = client.post("/admin/cases/new/", report_data(world, channel="wechat_group"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == Case.Channel.WECHAT_GROUP
    detail = client.get(f"/admin/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "WeChat group" in detail and "wechat_group" not in detail


def test_an_unknown_channel_is_refused_and_nothing_is_written(client, world):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/cases/new/", report_data(world, channel="telegram"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "channel" in response.context["form"].errors
    assert not Case.objects.exists()


def test_the_api_takes_and_filters_the_new_channels(client, world):
    world.report(channel=Case.Channel.MAILBOX)
    world.report(channel=Case.Channel.WALK_IN, household=_other_household())
    client.force_login(world.caseworker)
    answer = client.get("/api/v1/cases/?channel=mailbox", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [row["channel"] for row in rows] == ["mailbox"]
    answer = client.get("/api/v1/cases/?channel=telegram", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400


def _other_household():
    from needs.factories import household_input, id_number

    return household_input(
        head="刘德华", phone="13812345678", head_id=id_number("22010419800101123")
    )
