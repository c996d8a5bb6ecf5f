"""The case page as a work screen (issue 17, item 3): the header, the actions valid now as
buttons at the top, the timeline and the audit log in words, the refer step with its amount,
note and the matching rules, and a double-submitted form acting once (item 7)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import AuditEvent
from discovery.models import HotlineCall
from needs import services
from needs.models import Case, Referral
from search.facts import need_facts
from search.proposal_report import proposal_for
from tests.donors.conftest import money  # noqa: F401  (fixture used by name)
from tests.search.test_proposal_api import household

pytestmark = pytest.mark.django_db

RAW = ("walk_in", "owner:", "household:", "_fen", "True", "False", "800000")


def page(client, case: Case) -> str:
    response = client.get(f"/admin/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def buttons(html: str) -> set[str]:
    return set(re.findall(r'data-case-action="([^"]+)"', html))


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def test_the_header_shows_number_status_urgency_owner_deadline_and_gap(client, world):
    world.caseworker.first_name, world.caseworker.last_name = "芳", "王"
    world.caseworker.save()
    case = world.relieved(gap=3_000_000, relief=400_000)
    client.force_login(world.caseworker)
    html = page(client, case)  # in the reader's language (zh-hans)
    header = html[
        html.index('class="case-header"') : html.index("</dl>", html.index("case-header"))
    ]
    assert case.number in header
    with translation.override("zh-hans"):
        assert case.get_status_display() in header and case.get_urgency_display() in header
        deadline = case.deadlines.filter(met_at__isnull=True).order_by("due_at").first()
        assert deadline is None or deadline.get_step_display() in header
    assert "王芳" in header  # the owner by name, family name first
    assert "已逾期" not in header
    assert "¥26,000.00" in header  # the remaining gap, in yuan


def test_a_past_deadline_shows_overdue_in_the_header(client, world):
    case = world.report()
    case.deadlines.update(due_at="2020-01-01T00:00:00Z")
    client.force_login(world.caseworker)
    html = page(client, case)
    start = html.index('id="next-deadline"')
    assert "2020-01-01" in html[start : start + 300] and "已逾期" in html[start : start + 300]


def test_the_buttons_at_the_top_are_those_valid_in_the_case_status(client, world):
    client.force_login(world.caseworker)
    reported = world.report()
    shown = buttons(page(client, reported))
    assert "accept" in shown
    assert not shown & {"assess", "relief", "refer", "close", "hand-over"}

    accepted = world.accepted(household=household(1))
    shown = buttons(page(client, accepted))
    assert {"assess", "relief", "refer", "close", "hand-over"} <= shown
    assert "accept" not in shown

    services.case_close(by=world.caseworker, case=accepted, outcome="resolved_without", note="")
    assert not buttons(page(client, accepted)) & {"accept", "assess", "relief", "refer", "close"}


def test_the_buttons_come_before_the_household_and_open_their_form(client, world):
    client.force_login(world.caseworker)
    html = page(client, world.accepted())
    assert html.index('data-case-action="relief"') < html.index('id="case-household"')
    assert 'href="#action-relief"' in html and 'id="action-relief"' in html


def test_readers_without_a_hand_see_no_buttons_and_others_are_kept_out(client, world):
    case = world.accepted()
    client.force_login(world.auditor)
    assert buttons(page(client, case)) == set()
    client.force_login(world.charity_staff)
    assert client.get(f"/admin/cases/{case.pk}/").status_code == 403
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/cases/{case.pk}/").status_code == 404


def test_the_timeline_says_who_and_what_in_words_with_yuan_and_labels(client, world):
    world.caseworker.first_name, world.caseworker.last_name = "芳", "王"
    world.caseworker.save()
    case = world.relieved(channel=Case.Channel.WALK_IN)
    services.referral_create(
        by=world.caseworker, case=case, project=world.project, amount_requested_fen=800_000
    )
    client.force_login(world.caseworker)
    timeline = section(page(client, case), "case-timeline")
    assert "¥8,000.00" in timeline and "¥4,000.00" in timeline
    with translation.override("zh-hans"):
        assert str(Case.Channel.WALK_IN.label) in timeline
    assert "王芳" in timeline and world.project.title in timeline
    for raw in RAW:
        assert raw not in timeline, raw


def test_the_audit_log_screen_shows_yuan_names_and_labels(client, world):
    case = world.relieved()
    services.referral_create(
        by=world.caseworker, case=case, project=world.project, amount_requested_fen=800_000
    )
    event = AuditEvent.objects.get(action="referral.create")
    client.force_login(world.auditor)
    listing = client.get("/admin/audit_log/").content.decode()
    inspect = client.get(f"/admin/audit_log/inspect/{event.pk}/").content.decode()
    for html in (listing, inspect):
        assert "¥8,000.00" in html and world.charity.name in html
        for raw in ("800000", "amount_requested_fen", ">True<", ">False<", "to_organisation"):
            assert raw not in html, raw


# ---- the refer step ----


def test_refer_asks_for_the_amount_and_keeps_the_note(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    url = f"/admin/cases/{case.pk}/refer/"
    refused = client.post(url, {"project": world.project.pk, "note": "请尽快联系"})
    assert refused.status_code == 200 and not Referral.objects.exists()
    assert any("amount_requested" in a["form"].errors for a in refused.context["actions"])
    done = client.post(
        url, {"project": world.project.pk, "amount_requested": "8000", "note": "请尽快联系"}
    )
    assert done.status_code == 302
    referral = Referral.objects.get()
    assert (referral.amount_requested_fen, referral.note) == (800_000, "请尽快联系")


def test_a_match_opens_the_refer_step_with_the_project_chosen(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    response = client.get(
        f"/admin/cases/{case.pk}/refer/", {"project": world.project.pk, "amount": "2600.00"}
    )
    assert response.status_code == 200
    form = response.context["action"]["form"]
    assert form.initial["project"] == world.project.pk
    assert form.initial["amount_requested"] == "2600.00"
    assert not Referral.objects.exists()
    client.force_login(world.donghu_caseworker)
    assert client.get(f"/admin/cases/{case.pk}/refer/").status_code == 404


def test_a_referral_outside_the_projects_rules_is_refused_for_a_caseworker(client, world):
    case = world.relieved(category=Case.Category.FIRE)  # the project takes illness only
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert error.value.error_dict["project"][0].code == "rules_not_met"
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/refer/",
        {"project": world.project.pk, "amount_requested": "100", "override_reason": "x"},
    )
    assert response.status_code == 200 and not Referral.objects.exists()


def test_a_supervisor_overrides_the_rules_only_with_a_written_reason_which_is_recorded(world):
    case = world.relieved(category=Case.Category.FIRE)
    with pytest.raises(ValidationError) as error:
        services.referral_create(by=world.supervisor, case=case, project=world.project)
    assert error.value.error_dict["override_reason"][0].code == "override_reason_required"
    assert not Referral.objects.exists()

    reason = "火灾致户主重伤住院，医疗费用为主要缺口，经会商同意转介。"
    referral = services.referral_create(
        by=world.supervisor, case=case, project=world.project, override_reason=reason
    )
    assert referral.rules_override_reason == reason
    event = AuditEvent.objects.get(action="referral.create")
    assert event.actor == world.supervisor
    assert event.changes["rules_overridden"] == [None, ["category"]]
    assert event.changes["override_reason"] == [None, reason]


def test_a_referral_within_the_rules_needs_no_reason_and_keeps_none(world):
    case = world.relieved()
    referral = services.referral_create(
        by=world.supervisor, case=case, project=world.project, override_reason="不需要"
    )
    assert referral.rules_override_reason == ""


def test_the_proposal_skips_a_project_that_holds_an_open_referral(money):  # noqa: F811
    world = money.world
    money.give(3_500_000, project=world.project)
    case = world.relieved(gap=1_000_000, household=household(7))
    cases = Case.objects.filter(pk=case.pk)
    before = proposal_for(cases)
    assert [s["project"] for s in before["referrals"][0]["shares"]] == [world.project.pk]
    services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert need_facts(cases)[0].referred_to == frozenset({world.project.pk})
    after = proposal_for(cases)
    assert not after["referrals"]


# ---- double submission ----


def test_a_case_action_posted_twice_with_its_token_acts_once(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    token = "f" * 32
    first = client.post(f"/admin/cases/{case.pk}/accept/", {"submission": token})
    again = client.post(f"/admin/cases/{case.pk}/accept/", {"submission": token}, follow=True)
    assert first.status_code == 302 and again.status_code == 200
    assert AuditEvent.objects.filter(action="case.accept").count() == 1
    messages = [str(m) for m in again.context["messages"]]
    assert any("already submitted" in m or "已提交" in m for m in messages)


def test_the_hotline_call_form_posted_twice_records_one_call(client, world):
    client.force_login(world.caseworker)
    form = {
        "office": world.chaoyang.pk,
        "caller_name": "王秀英",
        "caller_phone": "13912345678",
        "region": "220104",
        "topic": "illness",
        "need": "邻居独居老人中风，无人照料。",
        "submission": "a" * 32,
    }
    assert client.post("/admin/hotline/new/", form).status_code == 302
    again = client.post("/admin/hotline/new/", form)
    assert again.status_code == 200
    assert HotlineCall.objects.count() == 1
    assert again.context["form"].non_field_errors()
    # A fresh form (a new token) records the next call.
    assert client.post("/admin/hotline/new/", {**form, "submission": "b" * 32}).status_code == 302
    assert HotlineCall.objects.count() == 2


def test_a_refused_form_can_be_sent_again_corrected_with_the_same_token(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    url = f"/admin/cases/{case.pk}/refer/"
    token = "c" * 32
    client.post(url, {"project": world.project.pk, "submission": token})  # no amount: refused
    client.post(url, {"project": world.project.pk, "amount_requested": "10", "submission": token})
    assert Referral.objects.count() == 1


def test_a_project_is_not_offered_a_case_it_already_holds_a_referral_for(money):  # noqa: F811
    from projects.models import Project
    from search.engine import EmbeddedEngine
    from search.facts import project_facts

    world = money.world
    money.give(3_500_000, project=world.project)
    case = world.relieved(gap=1_000_000, household=household(8))
    engine = EmbeddedEngine()
    facts = project_facts(Project.objects.filter(pk=world.project.pk))[0]
    assert case.pk in [match.need.case_id for match in engine.needs_for(facts)]
    services.referral_create(by=world.caseworker, case=case, project=world.project)
    assert case.pk not in [match.need.case_id for match in engine.needs_for(facts)]
