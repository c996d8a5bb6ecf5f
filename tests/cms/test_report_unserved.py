"""A report for a county no office on the platform serves (issue 16, item 6): it goes to the
nearest office above that works here, or the form refuses it and says whom to call."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from core.factories import OrganisationFactory
from core.models import AuditEvent, Region
from discovery.models import PublicReport
from discovery.services.public_reports import public_report_create

pytestmark = pytest.mark.django_db

WHAT = "邻居老人独居，几天没见出门，家里没有吃的。"


@pytest.fixture(autouse=True)
def fresh_limit():
    cache.clear()


def post(client, region):
    return client.post(
        "/report/", {"region": region, "what_happened": WHAT, "contact": "13800001111"}
    )


def test_a_county_no_office_serves_is_refused_with_whom_to_call(client, world):
    # 北京市东城区: no office of the county, Beijing or anywhere above it is on the platform.
    response = post(client, "110101")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="report-region-error"' in html  # beside the field it names
    assert "12349" in html
    assert not PublicReport.objects.exists()
    assert not AuditEvent.objects.filter(action="public_report.create").exists()
    with pytest.raises(ValidationError) as refused:
        public_report_create(region_code="110101", what_happened=WHAT)
    assert refused.value.error_dict["region"][0].code == "unserved"
    assert "12349" in refused.value.error_dict["region"][0].message


def test_a_refused_report_does_not_use_up_the_hours_limit(client, world):
    for _ in range(6):
        assert post(client, "110101").status_code == 400
    assert post(client, "220104").status_code == 302


def test_an_unserved_county_goes_to_the_nearest_office_above_once_one_works_here(client, world):
    # 南昌市西湖区: only the 东湖区 office works in Jiangxi, and it does not cover 西湖区.
    assert post(client, "360103").status_code == 400
    city = OrganisationFactory(name="南昌市民政局", region=Region.objects.get(code="360100"))
    assert post(client, "360103").status_code == 302
    assert PublicReport.objects.get().office == city
    # The province office, when there is no city office.
    province = OrganisationFactory(name="北京市民政局", region=Region.objects.get(code="110000"))
    assert post(client, "110101").status_code == 302
    assert PublicReport.objects.get(region_id="110101").office == province


def test_an_inactive_office_serves_nobody(client, world):
    city = OrganisationFactory(
        name="南昌市民政局", region=Region.objects.get(code="360100"), is_active=False
    )
    assert not city.is_active
    assert post(client, "360103").status_code == 400
    assert not PublicReport.objects.exists()
