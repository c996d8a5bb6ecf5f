"""The active-discovery screens in the Wagtail admin: registers scoped by jurisdiction, the
caller's data only on the call's page (read logged), one button to make a case, refusals
shown on the form with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.models import PersonalDataRead, Region
from discovery import services as discovery_services
from discovery.models import HotlineCall, ProxyApplication, Visit, VisitSchedule
from needs.factories import household_input
from needs.models import Case

pytestmark = pytest.mark.django_db


def a_call(world, **overrides) -> HotlineCall:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "caller_name": "王秀英",
        "caller_phone": "13912345678",
        "region": Region.objects.get(code="220104"),
        "topic": "illness",
        "need": "邻居独居老人中风，无人照料。",
    }
    kwargs.update(overrides)
    return discovery_services.hotline_call_record(**kwargs)


def a_visit(world, **overrides) -> Visit:
    kwargs = {
        "by": world.caseworker,
        "office": world.chaoyang,
        "visited_on": timezone.localdate() - dt.timedelta(days=60),
        "observations": "老人独居，屋顶漏雨。",
        "visitor_kind": "grid_worker",
        "household_input": household_input(),
        "key_groups": ["kg_elderly_disabled_ill"],
    }
    kwargs.update(overrides)
    return discovery_services.visit_record(**kwargs)


def listed(client, url, params=None) -> list[int]:
    """The primary keys a list screen shows (its results-only twin gives the same)."""
    response = client.get(url, params or {})
    assert response.status_code == 200
    results = client.get(f"{url}results/", params or {})
    assert results.status_code == 200
    shown = [row.pk for row in response.context["object_list"]]
    assert [row.pk for row in results.context["object_list"]] == shown
    return shown


HOUSEHOLD_FORM = {
    "county": "220104",
    "township": "南湖街道",
    "address_detail": "幸福小区3栋",
    "phone": "13800138000",
    "head_name": "张大山",
    "head_age": "78",
}


def test_menu_shows_active_discovery_to_government_staff_only(client, world):
    client.force_login(world.caseworker)
    home = client.get("/admin/").content.decode()
    assert "/admin/hotline/" in home and "/admin/visits/due/" in home
    assert "/admin/cases/proxy/" in home
    client.force_login(world.auditor)
    home = client.get("/admin/").content.decode()
    assert "/admin/hotline/" in home and "/admin/cases/proxy/" not in home
    client.force_login(world.charity_staff)
    home = client.get("/admin/").content.decode()
    assert "/admin/hotline/" not in home and "/admin/visits/" not in home


def test_roles_on_the_screens(client, world):
    call = a_call(world)
    client.force_login(world.charity_staff)
    for url in (
        "/admin/hotline/",
        f"/admin/hotline/{call.pk}/",
        "/admin/visits/",
        "/admin/visits/due/",
    ):
        assert client.get(url).status_code == 403
    client.force_login(world.auditor)
    assert client.get("/admin/hotline/new/").status_code == 403
    assert client.get("/admin/cases/proxy/").status_code == 403
    assert client.get(f"/admin/hotline/{call.pk}/").status_code == 200
    response = client.post(f"/admin/hotline/{call.pk}/close/", {"outcome": "x"})
    assert response.status_code == 403
    client.force_login(world.nanguan_caseworker)
    assert client.get(f"/admin/hotline/{call.pk}/").status_code == 404
    assert client.post(f"/admin/hotline/{call.pk}/close/", {"outcome": "x"}).status_code == 404
    assert HotlineCall.objects.get().status == "open"


def test_record_a_call_then_its_page_shows_the_caller_and_logs_the_read(client, world):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/hotline/new/",
        {
            "office": world.chaoyang.pk,
            "caller_name": "王秀英",
            "caller_phone": "13912345678",
            "region": "220104",
            "topic": "illness",
            "need": "邻居独居老人中风，无人照料。",
        },
    )
    call = HotlineCall.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/hotline/{call.pk}/"

    listing = client.get("/admin/hotline/").content.decode()
    assert f"/admin/hotline/{call.pk}/" in listing
    assert "13912345678" not in listing and "王秀英" not in listing
    assert not PersonalDataRead.objects.exists()

    page = client.get(f"/admin/hotline/{call.pk}/").content.decode()
    assert "13912345678" in page and "王秀英" in page
    assert PersonalDataRead.objects.get().actor == world.caseworker


def test_a_bad_call_is_refused_on_the_form_and_nothing_written(client, world):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/hotline/new/",
        {
            "office": world.chaoyang.pk,
            "caller_name": "王秀英",
            "caller_phone": "12345",
            "region": "220104",
            "topic": "illness",
            "need": "无人照料",
        },
    )
    assert response.status_code == 200
    assert "caller_phone" in response.context["form"].errors
    assert not HotlineCall.objects.exists()


def test_make_a_case_button_on_the_call_page(client, world):
    call = a_call(world)
    client.force_login(world.caseworker)
    page = client.get(f"/admin/hotline/{call.pk}/").content.decode()
    assert f"/admin/hotline/{call.pk}/to-case/" in page

    response = client.post(
        f"/admin/hotline/{call.pk}/to-case/",
        {**HOUSEHOLD_FORM, "category": "illness", "urgency": "2"},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/cases/{case.pk}/"
    call.refresh_from_db()
    assert call.case == case and case.channel == "hotline"
    case_page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert f'href="/admin/hotline/{call.pk}/"' in case_page  # the case links back to the call
    assert "的热线来电" in case_page

    again = client.post(
        f"/admin/hotline/{call.pk}/to-case/",
        {**HOUSEHOLD_FORM, "category": "illness", "urgency": "2"},
    )
    assert again.status_code == 200
    assert Case.objects.count() == 1
    page = again.content.decode()
    assert "已转为个案" in page or "already become a case" in page


def test_call_back_and_close_from_the_page(client, world):
    call = a_call(world)
    client.force_login(world.caseworker)
    refused = client.post(f"/admin/hotline/{call.pk}/call-back/", {"note": ""})
    assert refused.status_code == 200
    assert HotlineCall.objects.get().status == "open"
    done = client.post(f"/admin/hotline/{call.pk}/call-back/", {"note": "已回电"})
    assert done.status_code == 302
    done = client.post(f"/admin/hotline/{call.pk}/close/", {"outcome": "政策已解答"})
    assert done.status_code == 302
    assert HotlineCall.objects.get().status == "closed"


def test_overdue_calls_screen(client, world, monkeypatch):
    late = a_call(world)
    client.force_login(world.caseworker)
    assert listed(client, "/admin/hotline/overdue/") == []
    assert listed(client, "/admin/hotline/", {"overdue": "true"}) == []
    later = timezone.now() + dt.timedelta(days=12)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert listed(client, "/admin/hotline/overdue/") == [late.pk]
    page = client.get("/admin/hotline/overdue/").content.decode()
    assert page.count('<span class="w-status w-status--primary">已逾期</span>') == 2
    assert listed(client, "/admin/hotline/", {"overdue": "true"}) == [late.pk]
    assert listed(client, "/admin/hotline/", {"overdue": "false"}) == []
    client.force_login(world.nanguan_caseworker)
    assert listed(client, "/admin/hotline/overdue/") == []
    assert listed(client, "/admin/hotline/") == []


def test_record_a_visit_to_a_new_household(client, world):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/visits/new/",
        {
            **HOUSEHOLD_FORM,
            "office": world.chaoyang.pk,
            "visited_on": str(timezone.localdate()),
            "visitor_kind": "grid_worker",
            "observations": "独居老人，冬季取暖困难。",
            "key_groups": ["kg_elderly_disabled_ill"],
            "needs_help": "on",
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/visits/{visit.pk}/"
    assert visit.needs_help and visit.household.kg_elderly_disabled_ill
    assert VisitSchedule.objects.filter(household=visit.household).exists()
    listing = client.get("/admin/visits/").content.decode()
    assert f"/admin/visits/{visit.pk}/" in listing
    assert "张大山" not in listing and "取暖" not in listing
    assert not PersonalDataRead.objects.filter(object_id=str(visit.pk)).exists()
    page = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert "取暖" in page
    read = PersonalDataRead.objects.get(object_id=str(visit.pk))
    assert read.actor == world.caseworker and read.fields == ["observations", "visitor_name"]


def test_a_visit_with_a_future_date_is_refused(client, world):
    client.force_login(world.caseworker)
    response = client.post(
        "/admin/visits/new/",
        {
            **HOUSEHOLD_FORM,
            "office": world.chaoyang.pk,
            "visited_on": str(timezone.localdate() + dt.timedelta(days=3)),
            "visitor_kind": "grid_worker",
            "observations": "独居老人",
        },
    )
    assert response.status_code == 200
    assert "visited_on" in response.context["form"].errors
    assert not Visit.objects.exists()


def test_routine_visits_due_and_record_one_for_the_household(client, world):
    late = a_visit(world)
    client.force_login(world.caseworker)
    due = client.get("/admin/visits/due/")
    assert [s.household_id for s in due.context["object_list"]] == [late.household_id]
    assert '<span class="w-status w-status--primary">30</span>' in due.content.decode()
    link = f"/admin/visits/new/?household={late.household_id}"
    assert link in due.content.decode()

    form_page = client.get(link)
    assert form_page.status_code == 200
    assert "head_name" not in form_page.context["form"].fields
    response = client.post(
        link,
        {
            "office": world.chaoyang.pk,
            "household": late.household_id,
            "visited_on": str(timezone.localdate()),
            "visitor_kind": "caseworker",
            "observations": "已送去棉被。",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Visit.objects.filter(household=late.household).count() == 2
    assert list(client.get("/admin/visits/due/").context["object_list"]) == []
    client.force_login(world.nanguan_caseworker)
    assert client.get(link).status_code == 404


def test_make_a_case_of_a_visit(client, world):
    visit = a_visit(world)
    client.force_login(world.caseworker)
    page = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert f"/admin/visits/{visit.pk}/to-case/" in page
    refused = client.post(
        f"/admin/visits/{visit.pk}/to-case/", {"category": "bogus", "urgency": "1"}
    )
    assert refused.status_code == 200 and not Case.objects.exists()
    response = client.post(
        f"/admin/visits/{visit.pk}/to-case/", {"category": "illness", "urgency": "1"}
    )
    case = Case.objects.get()
    assert response.url == f"/admin/cases/{case.pk}/"
    assert case.channel == "grid_worker" and case.household == visit.household
    case_page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert f'href="/admin/visits/{visit.pk}/"' in case_page and "的走访" in case_page
    page = client.get(f"/admin/visits/{visit.pk}/").content.decode()
    assert f"/admin/visits/{visit.pk}/to-case/" not in page


def test_file_on_someones_behalf(client, world):
    client.force_login(world.caseworker)
    assert client.get("/admin/cases/proxy/").status_code == 200
    response = client.post(
        "/admin/cases/proxy/",
        {
            **HOUSEHOLD_FORM,
            "office": world.chaoyang.pk,
            "category": "illness",
            "narrative": "老人卧床，不会使用手机申请。",
            "urgency": "1",
            "filed_for_name": "张大山",
            "reason": "literacy",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/cases/{case.pk}/"
    assert case.channel == "proxy"
    assert case.proxy_application.proxy_name == world.caseworker.username
    assert "代为申请（" in client.get(f"/admin/cases/{case.pk}/").content.decode()

    refused = client.post(
        "/admin/cases/proxy/",
        {
            **HOUSEHOLD_FORM,
            "office": world.chaoyang.pk,
            "category": "illness",
            "narrative": "x",
            "urgency": "1",
            "filed_for_name": "张大山",
            "reason": "other",
        },
    )
    assert refused.status_code == 200
    assert "reason_note" in refused.context["form"].errors
    assert ProxyApplication.objects.count() == 1
