"""The cross-check imports and the risk warnings on Wagtail's IndexView: the warnings still to
dispose of by default, all of them or one disposition when asked (the supervision dashboard's
drill-down), scoped to the reader's jurisdiction, labels in Chinese."""

from __future__ import annotations

import pytest

from discovery import services as discovery_services
from tests.discovery.test_crosscheck_screens_and_api import imported  # noqa: F401
from tests.discovery.test_discovery_admin import listed

pytestmark = pytest.mark.django_db

WARNINGS = "/admin/crosscheck/warnings/"


def test_warnings_to_dispose_of_by_default_all_when_asked(client, world, imported):  # noqa: F811
    covered = imported["covered"]
    client.force_login(world.caseworker)
    assert covered.pk in listed(client, WARNINGS)
    discovery_services.warning_refer(by=world.caseworker, warning=covered, note="新增需求")
    covered.refresh_from_db()
    assert covered.disposition
    assert covered.pk not in listed(client, WARNINGS)
    assert covered.pk not in listed(client, WARNINGS, {"show": "open"})
    assert covered.pk in listed(client, WARNINGS, {"show": "all"})
    drill = {"show": "all", "disposition": covered.disposition, "office": world.chaoyang.pk}
    assert listed(client, WARNINGS, drill) == [covered.pk]
    page = client.get(WARNINGS, {"show": "all"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    table = page.content.decode().split('<table class="listing')[-1]
    assert "new_hardship" not in table and "¥" in table
    client.force_login(world.nanguan_caseworker)
    assert listed(client, WARNINGS, {"show": "all"}) == []


def test_a_bad_period_is_named(client, world, imported):  # noqa: F811
    client.force_login(world.caseworker)
    page = client.get(WARNINGS, {"raised_from": "1999-01-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "raised from" in page.content.decode().lower()
    assert page.context["filters"].errors


def test_the_imports_list_filters_by_kind_and_refuses_charities(client, world, imported):  # noqa: F811
    record = imported["import"]
    client.force_login(world.caseworker)
    assert listed(client, "/admin/crosscheck/") == [record.pk]
    assert listed(client, "/admin/crosscheck/", {"kind": record.kind}) == [record.pk]
    other = next(k for k in type(record).Kind.values if k != record.kind)
    assert listed(client, "/admin/crosscheck/", {"kind": other}) == []
    client.force_login(world.nanguan_caseworker)
    assert listed(client, "/admin/crosscheck/") == []
    client.force_login(world.charity_staff)
    for url in ("/admin/crosscheck/results/", f"{WARNINGS}results/"):
        assert client.get(url).status_code == 403
