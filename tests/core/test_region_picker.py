"""Regions are picked, never typed: the picker widget, its fields and the children endpoint
the cascade reads (also for the anonymous public report form)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import override_settings
from django.utils import translation

from core.models import Region
from core.widgets import COUNTY, CountyField, RegionField, RegionPickerWidget, RegionsField

pytestmark = pytest.mark.django_db


class OneRegion(forms.Form):
    region = RegionField(label="服务地区")


class SomeRegions(forms.Form):
    regions = RegionsField(label="覆盖地区")


class CountyInJilin(forms.Form):
    county = CountyField(label="所在区县", queryset=Region.objects.filter(code="220000"))


def test_the_picker_renders_a_plain_select_grouped_and_indented_with_the_value_chosen():
    html = OneRegion(initial={"region": "220104"}).as_p()
    assert "data-region-picker" in html
    assert 'data-endpoint="/api/v1/regions/"' in html
    assert '<select name="region"' in html
    assert '<optgroup label="吉林省">' in html
    # Province, then its cities and counties, indented one ideographic space a level.
    assert re.search(r'<option value="220000"[^>]*>吉林省</option>', html)
    assert re.search(r'<option value="220100"[^>]*>\u3000长春市</option>', html)
    assert re.search(
        r'<option value="220104" selected data-path="220000/220100/220104"'
        r' data-full-name="吉林省长春市朝阳区">\u3000\u3000朝阳区</option>',
        html,
    )


def test_the_whole_country_without_javascript_stops_at_cities_but_keeps_the_chosen_county():
    html = OneRegion(initial={"region": "360102"}).as_p()
    assert 'value="360100"' in html  # 南昌市
    assert 'value="360102"' in html  # 东湖区: chosen
    assert 'value="360111"' not in html  # 青山湖区: pick it with the cascade
    assert html.count("<option") < 900


def test_a_county_field_offers_only_the_counties_within_its_roots():
    html = CountyInJilin().as_p()
    assert '<optgroup label="吉林省长春市">' in html
    assert 'value="220104"' in html and 'value="220100"' not in html
    assert 'value="360102"' not in html
    assert 'data-root-paths="220000"' in html
    assert 'data-min-level="3" data-max-level="3"' in html


def test_an_existing_code_cleans_to_its_region():
    form = OneRegion({"region": "220104"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["region"] == Region.objects.get(code="220104")


@pytest.mark.parametrize("code", ["999999", "2201", "abcdef"])
def test_a_region_that_does_not_exist_is_refused_naming_the_field(code):
    with translation.override("zh-hans"):
        form = OneRegion({"region": code})
        assert not form.is_valid()
        message = form.errors["region"][0]
    assert message.startswith("服务地区")
    assert code in message
    assert form.errors.as_data()["region"][0].code == "unknown_region"


def test_a_county_field_refuses_a_city_and_a_county_outside_its_roots():
    form = CountyInJilin({"county": "220100"})
    assert not form.is_valid()
    assert form.errors.as_data()["county"][0].code == "wrong_level"
    assert "吉林省长春市" in form.errors["county"][0]
    form = CountyInJilin({"county": "360102"})
    assert not form.is_valid()
    assert form.errors.as_data()["county"][0].code == "outside"
    assert CountyInJilin({"county": "220104"}).is_valid()


def test_several_regions_come_as_the_picker_sends_them_or_as_the_old_typed_text():
    picked = SomeRegions({"regions": ["220100", "220200", "220100"]})
    typed = SomeRegions({"regions": "220100、220200"})
    for form in (picked, typed):
        assert form.is_valid(), form.errors
        assert [r.code for r in form.cleaned_data["regions"]] == ["220100", "220200"]


def test_several_regions_name_each_unknown_code_and_the_field():
    form = SomeRegions({"regions": ["220100", "999999", "888888"]})
    assert not form.is_valid()
    messages = " ".join(form.errors["regions"])
    assert "999999" in messages and "888888" in messages and "220100" not in messages


def test_several_regions_render_as_a_multiple_select_with_the_chosen_ones_selected():
    html = SomeRegions(initial={"regions": ["220100", "360102"]}).as_p()
    assert '<select name="regions"' in html and "multiple" in html
    assert re.search(r'<option value="220100" selected', html)
    assert re.search(r'<option value="360102" selected', html)


def test_a_widget_given_a_callable_reads_its_roots_only_when_rendering():
    calls = []

    def roots():
        calls.append(1)
        return [Region.objects.get(code="220104")]

    widget = RegionPickerWidget(roots=roots, min_level=COUNTY, max_level=COUNTY)
    assert calls == []
    html = widget.render("region", "220104")
    assert calls and 'value="220104"' in html and 'value="220102"' not in html


# ---- the children endpoint the cascade reads ----


def test_anyone_reads_the_children_of_a_region(api_client):
    response = api_client.get("/api/v1/regions/", {"parent": "220100", "page_size": 200})
    assert response.status_code == 200
    children = {r["code"]: r for r in response.json()["results"]}
    assert children["220104"]["name"] == "朝阳区" and children["220104"]["level"] == 3
    assert all(r["parent"] == "220100" for r in children.values())
    provinces = api_client.get("/api/v1/regions/", {"level": 1, "page_size": 200}).json()
    assert {"220000", "360000", "110000"} <= {r["code"] for r in provinces["results"]}


def test_the_children_endpoint_refuses_a_parent_that_does_not_exist(api_client):
    response = api_client.get("/api/v1/regions/", {"parent": "999999"})
    assert response.status_code == 400


def test_the_children_endpoint_is_rate_limited_for_anonymous_callers(api_client, monkeypatch):
    from core.api.throttles import ClientRateThrottle

    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [api_client.get("/api/v1/regions/", {"parent": "220100"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


@override_settings(LANGUAGE_CODE="zh-hans")
def test_the_public_report_form_picks_a_served_county(client):
    from core.factories import OrganisationFactory

    OrganisationFactory(name="朝阳区民政局", region=Region.objects.get(code="220104"))
    html = client.get("/report/").content.decode()
    assert "js/region-picker.js" in html and "data-region-picker" in html
    assert 'id="report-region"' in html and 'name="region"' in html
    assert 'value="220104"' in html and 'value="220102"' not in html
