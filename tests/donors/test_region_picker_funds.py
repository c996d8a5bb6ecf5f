"""The fund form picks the regions a fund may pay for (core.widgets.RegionsField): the picker's
values save the same codes; an unknown one is named on the form and nothing is written."""

from __future__ import annotations

import pytest

from donors.models import Fund

pytestmark = pytest.mark.django_db


def body(money, regions) -> dict:
    return {
        "owner": money.enterprise.pk,
        "holder": money.world.charity.pk,
        "name": "吉安助学应急基金",
        "purpose": "资助因灾因病致困家庭",
        "categories": ["illness"],
        "regions": regions,
        "is_public": "on",
        "submission": "e" * 32,
    }


def test_the_regions_picked_for_a_fund_are_saved_as_their_codes(client, money):
    client.force_login(money.fund_manager)
    page = client.get("/admin/money/funds/new/").content.decode()
    assert "data-region-picker" in page and 'name="regions"' in page

    response = client.post("/admin/money/funds/new/", body(money, ["220104", "220102"]))

    assert response.status_code == 302
    fund = Fund.objects.get(name="吉安助学应急基金")
    assert sorted(fund.regions.values_list("code", flat=True)) == ["220102", "220104"]


def test_a_fund_region_that_does_not_exist_is_named_and_nothing_is_written(client, money):
    client.force_login(money.fund_manager)
    response = client.post("/admin/money/funds/new/", body(money, ["220104", "999999"]))
    assert response.status_code == 200
    assert "999999" in response.content.decode()
    assert not Fund.objects.filter(name="吉安助学应急基金").exists()
