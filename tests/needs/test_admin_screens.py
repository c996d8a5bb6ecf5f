"""The cases back office in the Wagtail admin: reads through the jurisdiction selectors, every
action through one service, personal-data reads logged, refusals shown and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from core import services as core_services
from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, Membership, Organisation, PersonalDataRead, Region
from needs import services
from needs.factories import household_input, id_number
from needs.models import Case, Consent, Household, Need, Referral, ReliefGrant

pytestmark = pytest.mark.django_db

HEAD_ID = id_number("22010419790315123")


def other_county_case(world) -> Case:
    """A case of Nanguan district (南关区), outside Chaoyang's jurisdiction."""
    return world.report(
        by=world.nanguan_caseworker,
        office=world.nanguan,
        household=household_input(
            "220102",
            head="刘大海",
            head_id=id_number("22010219800101123"),
            phone="13800001111",
            address_detail="红旗街88号",
        ),
    )


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def pending_grant(world) -> tuple[Case, ReliefGrant]:
    """Relief above the office's ceiling (¥5,000.00), waiting for a supervisor (一事一议)."""
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    grant = services.relief_grant(
        by=world.caseworker,
        case=case,
        kind="temporary",
        amount_fen=800_000,
        reason="医疗费用远超常规标准",
    )
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL
    return case, grant


# ---- menu and roles ----


def test_menu_items_follow_roles(client, world):
    client.force_login(world.caseworker)
    home = client.get("/admin/").content.decode()
    assert "/admin/cases/" in home and "/admin/referrals/" in home

    client.force_login(world.charity_staff)
    home = client.get("/admin/").content.decode()
    assert "/admin/referrals/" in home
    assert "/admin/cases/" not in home


def test_users_without_the_role_get_403(client, world):
    client.force_login(world.charity_staff)
    assert client.get("/admin/cases/").status_code == 403
    assert client.get("/admin/cases/new/").status_code == 403

    client.force_login(world.auditor)
    assert client.get("/admin/cases/new/").status_code == 403

    enterprise = OrganisationFactory(
        name="长春某企业",
        kind=Organisation.Kind.ENTERPRISE,
        region=Region.objects.get(code="220104"),
    )
    fund_manager = UserFactory()
    core_services.membership_grant(
        by=None, user=fund_manager, organisation=enterprise, role=Membership.Role.FUND_MANAGER
    )
    client.force_login(fund_manager)
    assert client.get("/admin/cases/").status_code == 403
    assert client.get("/admin/referrals/").status_code == 403
    home = client.get("/admin/").content.decode()
    assert "/admin/cases/" not in home and "/admin/referrals/" not in home


# ---- case list ----


def test_case_list_shows_own_jurisdiction_only_and_no_personal_data(client, world):
    mine = world.relieved()
    theirs = other_county_case(world)
    client.force_login(world.caseworker)

    response = client.get("/admin/cases/")

    assert response.status_code == 200
    html = response.content.decode()
    assert mine.number in html
    assert f"/admin/cases/{mine.pk}/" in html
    assert theirs.number not in html
    assert "¥26,000.00" in html  # remaining gap after ¥4,000.00 relief, the Chinese way
    for personal in ["张建国", "李秀兰", "13912345678", "幸福小区", "南湖街道", HEAD_ID, "******"]:
        assert personal not in html
    assert not PersonalDataRead.objects.exists()


def test_case_list_filters(client, world):
    reported = world.report()
    accepted = world.accepted()
    client.force_login(world.supervisor)

    html = client.get("/admin/cases/", {"status": "accepted"}).content.decode()
    assert accepted.number in html and reported.number not in html

    html = client.get("/admin/cases/", {"number": reported.number}).content.decode()
    assert reported.number in html and accepted.number not in html

    html = client.get("/admin/cases/", {"overdue": "no", "needs_rematch": "no"}).content.decode()
    assert reported.number in html and accepted.number in html
    assert client.get("/admin/cases/", {"status": "bogus"}).status_code == 200


def test_overdue_cases_are_flagged_and_filtered(client, world, monkeypatch):
    late = world.report()  # nobody accepts it
    on_time = world.accepted()
    client.force_login(world.caseworker)
    later = timezone.now() + dt.timedelta(days=12)  # past any "next working day"
    monkeypatch.setattr(timezone, "now", lambda: later)

    response = client.get("/admin/cases/")
    flags = {row["case"].pk: row["overdue"] for row in response.context["rows"]}
    assert flags == {late.pk: True, on_time.pk: False}

    html = client.get("/admin/cases/", {"overdue": "yes"}).content.decode()
    assert late.number in html and on_time.number not in html
    html = client.get("/admin/cases/", {"overdue": "no"}).content.decode()
    assert on_time.number in html and late.number not in html

    page = client.get(f"/admin/cases/{late.pk}/")
    assert page.context["is_overdue"]
    assert [row["overdue"] for row in page.context["deadlines"]] == [True]


# ---- case page ----


def test_case_page_is_404_outside_the_jurisdiction(client, world):
    case = world.report()
    client.force_login(world.nanguan_caseworker)
    assert client.get(f"/admin/cases/{case.pk}/").status_code == 404
    assert not PersonalDataRead.objects.exists()


def test_case_page_shows_the_household_and_logs_the_read(client, world):
    case, referral = world.referred()
    client.force_login(world.caseworker)

    response = client.get(f"/admin/cases/{case.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "张建国" in html and "李秀兰" in html and "13912345678" in html
    masked = HEAD_ID[:6] + "********" + HEAD_ID[-4:]
    assert masked in html
    assert HEAD_ID not in html
    assert f"/admin/referrals/{referral.pk}/" in html
    assert "¥4,000.00" in html
    read = PersonalDataRead.objects.get()
    assert read.actor == world.caseworker
    assert read.object_id == str(case.household_id)
    assert read.purpose == f"case {case.number}"
    # The timeline is built from the audit log, oldest first, and shown by label, not code.
    codes = [entry.code for entry in response.context["timeline"]]
    assert codes[:4] == ["case.report", "case.accept", "case.assess", "relief.grant"]
    assert "referral.create" in codes
    assert "case.report" not in html


def test_case_page_renders_in_every_state(client, world):
    client.force_login(world.supervisor)
    reported = world.report()
    case, _grant = pending_grant(world)
    referred, _referral = world.referred()
    for each in (reported, case, referred):
        assert client.get(f"/admin/cases/{each.pk}/").status_code == 200
    services.case_close(by=world.supervisor, case=reported, outcome="withdrawn")
    assert client.get(f"/admin/cases/{reported.pk}/").status_code == 200


# ---- actions ----


def test_accept_assess_relief_refer_and_close_through_the_forms(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    base = f"/admin/cases/{case.pk}"

    response = client.post(f"{base}/accept/")
    assert response.status_code == 302 and response.url == f"{base}/"
    case.refresh_from_db()
    assert case.owner == world.caseworker and case.status == Case.Status.ACCEPTED

    response = client.post(f"{base}/assess/", {"assessed_need": "30,000", "assessed_gap": "30000"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.assessed_need_fen, case.remaining_gap_fen) == (3_000_000, 3_000_000)

    response = client.post(
        f"{base}/relief/",
        {"kind": "temporary", "amount": "1,500.50", "reason": "", "in_kind": ""},
    )
    assert response.status_code == 302
    grant = ReliefGrant.objects.get(case=case)
    assert (grant.amount_fen, grant.in_kind, grant.status) == (150_050, "", "granted")
    case.refresh_from_db()
    assert case.remaining_gap_fen == 3_000_000 - 150_050

    response = client.post(
        f"{base}/refer/",
        {"project": world.project.pk, "amount_requested": "8000", "note": "请尽快联系"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert referral.to_organisation == world.charity and referral.note == "请尽快联系"

    # Closing with an open referral is refused by the service and shown; nothing changes.
    response = client.post(f"{base}/close/", {"outcome": "resolved_with_help"})
    assert response.status_code == 200
    assert "转介" in response.content.decode()  # the service's reason, in Chinese
    case.refresh_from_db()
    assert case.status == Case.Status.REFERRED

    services.referral_cancel(by=world.caseworker, referral=referral, reason="家属已自行解决")
    response = client.post(f"{base}/close/", {"outcome": "resolved_without", "note": "已解决"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Case.Status.CLOSED, "resolved_without")

    actions = set(
        AuditEvent.objects.filter(actor=world.caseworker).values_list("action", flat=True)
    )
    assert {
        "case.accept",
        "case.assess",
        "relief.grant",
        "referral.create",
        "case.close",
    } <= actions
    shown = messages_of(client.get(f"{base}/"))
    assert any(case.number in text for text in shown)  # "closed" message on the case page


@pytest.mark.parametrize(
    ("amount", "message"),
    [("abc", "请输入有效的金额（元）。"), ("-5", "金额不能为负数。"), ("0", "金额必须大于零。")],
)
def test_a_bad_amount_shows_an_error_and_writes_nothing(client, world, amount, message):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=1_000_000, assessed_gap_fen=1_000_000
    )
    events = AuditEvent.objects.count()
    client.force_login(world.caseworker)

    response = client.post(
        f"/admin/cases/{case.pk}/relief/", {"kind": "temporary", "amount": amount}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert any(message in text for text in messages_of(response))
    assert not ReliefGrant.objects.exists()
    assert AuditEvent.objects.count() == events


def test_a_service_refusal_lands_on_the_named_field(client, world):
    case = world.accepted()
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/assess/", {"assessed_need": "100", "assessed_gap": "200"}
    )
    assert response.status_code == 200
    form = next(a["form"] for a in response.context["actions"] if a["name"] == "assess")
    assert "assessed_gap" in form.errors
    case.refresh_from_db()
    assert case.assessed_need_fen is None


def test_a_supervisor_approves_a_pending_grant_and_the_requester_cannot(client, world):
    case, grant = pending_grant(world)
    url = f"/admin/cases/{case.pk}/decide/"
    data = {"grant": grant.pk, "decision": "approve", "reason": "经一事一议同意"}

    client.force_login(world.caseworker)
    assert 'action="' + url not in client.get(f"/admin/cases/{case.pk}/").content.decode()
    response = client.post(url, data)
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL
    assert not AuditEvent.objects.filter(action="relief.approve").exists()

    client.force_login(world.supervisor)
    assert 'action="' + url in client.get(f"/admin/cases/{case.pk}/").content.decode()
    response = client.post(url, data)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == ReliefGrant.Status.APPROVED
    assert grant.decided_by == world.supervisor
    assert AuditEvent.objects.filter(action="relief.approve", actor=world.supervisor).exists()


def test_a_supervisor_who_asked_cannot_decide_their_own_grant(client, world):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=3_000_000, assessed_gap_fen=3_000_000
    )
    grant = services.relief_grant(
        by=world.supervisor, case=case, kind="temporary", amount_fen=800_000, reason="重病"
    )
    client.force_login(world.supervisor)
    response = client.post(
        f"/admin/cases/{case.pk}/decide/",
        {"grant": grant.pk, "decision": "approve", "reason": "同意"},
    )
    assert response.status_code == 403
    assert "须由申请人以外的人员审批" in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == ReliefGrant.Status.PENDING_APPROVAL


def test_conference_consent_and_public_need_through_the_forms(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    base = f"/admin/cases/{case.pk}"

    response = client.post(
        f"{base}/conference/",
        {
            "held_on": "2024-05-06",
            "participants": "民政局 王芳\n医保局 赵磊\n",
            "decision": "由慈善总会承接医疗费缺口",
        },
    )
    assert response.status_code == 302
    assert case.conferences.get().participants == ["民政局 王芳", "医保局 赵磊"]

    response = client.post(
        f"{base}/consent/",
        {"scope": "publish_need", "method": "written", "given_by_name": "张建国"},
    )
    assert response.status_code == 302
    assert client.post(f"{base}/need-preview/").status_code == 302
    need = Need.objects.get(case=case)
    assert "张建国" not in need.story

    # An edit that puts a phone number back is refused at publishing, naming what was found.
    client.post(f"{base}/need-edit/", {"title": need.title, "story": "请拨打13912345678"})
    response = client.post(f"{base}/need-publish/")
    assert response.status_code == 200
    need.refresh_from_db()
    assert need.status == Need.Status.DRAFT

    client.post(f"{base}/need-edit/", {"title": need.title, "story": "突发重病，急需医疗费。"})
    assert client.post(f"{base}/need-publish/").status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.PUBLISHED

    consent = Consent.objects.get(case=case)
    assert client.post(f"{base}/consent-withdraw/", {"consent": consent.pk}).status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.UNPUBLISHED


def test_hand_over_is_sent_on_the_record_and_moves_nothing_yet(client, world):
    case = world.accepted()
    client.force_login(world.caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/hand-over/",
        {"to_office": world.department.pk, "reason": "属医保报销事项"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.responsible_office == world.chaoyang and case.owner == world.caseworker
    assert case.handovers.get().status == "pending"
    assert AuditEvent.objects.filter(action="case.handover").exists()


def test_auditors_read_but_every_action_is_refused(client, world):
    case, grant = pending_grant(world)
    _referred_case, referral = world.referred()
    client.force_login(world.auditor)
    assert client.get("/admin/cases/").status_code == 200
    page = client.get(f"/admin/cases/{case.pk}/")
    assert page.status_code == 200
    assert '<form method="post"' not in page.content.decode()
    assert client.get(f"/admin/referrals/{referral.pk}/").status_code == 200

    events = AuditEvent.objects.count()
    grants = list(ReliefGrant.objects.values_list("pk", "status", "amount_fen"))
    posts = {
        "accept": {},
        "hand-over": {"to_office": world.nanguan.pk, "reason": "x"},
        "assess": {"assessed_need": "100", "assessed_gap": "50"},
        "relief": {"kind": "temporary", "amount": "100"},
        "decide": {"grant": grant.pk, "decision": "approve", "reason": "x"},
        "paperwork": {"grant": grant.pk},
        "refer": {"project": world.other_project.pk, "emergency_reason": "x"},
        "conference": {"held_on": "2024-01-01", "participants": "a\nb", "decision": "x"},
        "consent": {"scope": "publish_need", "method": "written", "given_by_name": "x"},
        "consent-withdraw": {},
        "need-preview": {},
        "need-edit": {"title": "x", "story": "y"},
        "need-publish": {},
        "need-unpublish": {},
        "close": {"outcome": "withdrawn"},
    }
    for action, data in posts.items():
        response = client.post(f"/admin/cases/{case.pk}/{action}/", data)
        assert response.status_code == 403, action
    for action in ["accept", "start", "cancel"]:
        response = client.post(f"/admin/referrals/{referral.pk}/{action}/", {"reason": "x"})
        assert response.status_code == 403, action

    assert AuditEvent.objects.count() == events
    assert list(ReliefGrant.objects.values_list("pk", "status", "amount_fen")) == grants
    case.refresh_from_db()
    assert case.status == Case.Status.ASSESSED
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED


def test_another_county_caseworker_cannot_act(client, world):
    case = world.report()
    client.force_login(world.nanguan_caseworker)
    assert client.post(f"/admin/cases/{case.pk}/accept/").status_code == 404
    case.refresh_from_db()
    assert case.owner is None


def test_get_on_an_action_url_is_not_allowed(client, world):
    case = world.report()
    client.force_login(world.caseworker)
    assert client.get(f"/admin/cases/{case.pk}/accept/").status_code == 405


# ---- report a case ----


def report_data(world, **overrides) -> dict:
    data = {
        "office": world.chaoyang.pk,
        "channel": "grid_worker",
        "category": "fire",
        "narrative": "住房失火，家中财物全部烧毁，一家四口暂住亲戚家。",
        "urgency": "3",
        "is_emergency": "on",
        "county": "220104",
        "township": "前进街道",
        "address_detail": "和平里5号",
        "phone": "13700002222",
        "head_name": "孙立新",
        "head_id_number": id_number("22010419700101123"),
        "head_age": "54",
        "member1_name": "周丽",
        "member1_relation": "spouse",
        "member1_age": "50",
        "member2_name": "孙小宝",
        "member2_relation": "child",
        "member2_age": "9",
        "statuses": ["is_dibao"],
        "key_groups": ["kg_disaster_hit"],
    }
    data.update(overrides)
    return data


def test_report_form_creates_a_case(client, world):
    client.force_login(world.caseworker)
    page = client.get("/admin/cases/new/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="220104"' in html  # Chaoyang is offered
    assert 'value="220102"' not in html  # Nanguan is not the caseworker's

    response = client.post("/admin/cases/new/", report_data(world))

    assert response.status_code == 302, messages_of(response)
    case = Case.objects.get()
    assert response.url == f"/admin/cases/{case.pk}/"
    assert (case.category, case.channel, case.urgency, case.is_emergency) == (
        "fire",
        "grid_worker",
        3,
        True,
    )
    household = case.household
    assert household.is_dibao and household.kg_disaster_hit and not household.is_tekun
    assert sorted(household.members.values_list("relation", flat=True)) == [
        "child",
        "head",
        "spouse",
    ]
    assert AuditEvent.objects.filter(action="case.report", object_id=str(case.pk)).exists()
    assert len(messages_of(response)) == 1  # success, and no "existing household" warning


def test_the_report_form_carries_a_one_time_token_and_a_second_post_records_nothing(client, world):
    import re

    from core.form_tokens import ALREADY_SUBMITTED

    client.force_login(world.caseworker)
    html = client.get("/admin/cases/new/").content.decode()
    token = re.search(r'name="submission" value="([0-9a-f]+)"', html).group(1)
    data = report_data(world, submission=token)

    assert client.post("/admin/cases/new/", data).status_code == 302
    again = client.post("/admin/cases/new/", data, HTTP_ACCEPT_LANGUAGE="en")

    assert again.status_code == 200
    assert str(ALREADY_SUBMITTED) in again.content.decode()
    assert Case.objects.count() == 1
    assert AuditEvent.objects.filter(action="case.report").count() == 1


def test_reporting_the_same_household_again_warns(client, world):
    first = world.report()
    client.force_login(world.caseworker)
    data = report_data(world, head_name="张建国", head_id_number=HEAD_ID)
    response = client.post("/admin/cases/new/", data)
    assert response.status_code == 302
    assert Household.objects.count() == 1
    texts = messages_of(response)
    assert any(first.number in text for text in texts)


def test_report_form_errors_write_nothing(client, world):
    client.force_login(world.caseworker)
    valid = id_number("22010419700101123")
    bad_id = valid[:-1] + ("1" if valid[-1] == "0" else "0")  # wrong check character
    response = client.post(
        "/admin/cases/new/",
        report_data(world, head_id_number=bad_id, member3_relation="parent"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "member3_name" in form.errors
    assert not Case.objects.exists()

    response = client.post("/admin/cases/new/", report_data(world, head_id_number=bad_id))
    assert response.status_code == 200
    assert "head_id_number" in response.context["form"].errors
    assert not Case.objects.exists() and not Household.objects.exists()

    # A county outside the chosen office's region is refused by the choice itself.
    response = client.post("/admin/cases/new/", report_data(world, county="220102"))
    assert response.status_code == 200
    assert "county" in response.context["form"].errors
    assert not Case.objects.exists()


# ---- referral inbox ----


def test_charity_staff_see_only_their_referrals(client, world):
    case, referral = world.referred()
    other = services.referral_create(by=world.caseworker, case=case, project=world.other_project)
    client.force_login(world.charity_staff)

    html = client.get("/admin/referrals/").content.decode()
    assert f"/admin/referrals/{referral.pk}/" in html
    assert f"/admin/referrals/{other.pk}/" not in html
    assert "张建国" not in html and "13912345678" not in html

    assert client.get(f"/admin/referrals/{referral.pk}/").status_code == 200
    assert client.get(f"/admin/referrals/{other.pk}/").status_code == 404
    assert client.get(f"/admin/cases/{case.pk}/").status_code == 403

    client.force_login(world.other_charity_staff)
    assert client.get(f"/admin/referrals/{referral.pk}/").status_code == 404
    assert client.post(f"/admin/referrals/{referral.pk}/accept/").status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED


def test_government_staff_see_their_cases_referrals(client, world):
    _case, referral = world.referred()
    client.force_login(world.caseworker)
    html = client.get("/admin/referrals/").content.decode()
    assert f"/admin/referrals/{referral.pk}/" in html
    client.force_login(world.nanguan_caseworker)
    assert (
        f"/admin/referrals/{referral.pk}/" not in client.get("/admin/referrals/").content.decode()
    )


def test_charity_accepts_and_sees_contact_details_only_with_consent(client, world):
    case, referral = world.referred()
    client.force_login(world.charity_staff)
    url = f"/admin/referrals/{referral.pk}/"

    before = client.get(url).content.decode()
    assert "张建国" not in before  # not accepted yet

    response = client.post(f"{url}accept/")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert AuditEvent.objects.filter(action="referral.accept", actor=world.charity_staff).exists()

    without_consent = client.get(url).content.decode()
    assert "张建国" not in without_consent and "13912345678" not in without_consent
    assert "同意" in without_consent  # why not: no consent to share contact details
    assert not PersonalDataRead.objects.filter(actor=world.charity_staff).exists()

    services.consent_record(
        by=world.caseworker,
        case=case,
        scope=Consent.Scope.DISCLOSE_CONTACT,
        method=Consent.Method.WRITTEN,
        given_by_name="张建国",
    )
    with_consent = client.get(url).content.decode()
    assert "张建国" in with_consent and "13912345678" in with_consent
    assert "幸福小区3栋2单元501室" in with_consent
    assert PersonalDataRead.objects.filter(actor=world.charity_staff).count() == 1


def test_charity_rejects_with_a_reason_and_completes_others(client, world):
    case, referral = world.referred()
    client.force_login(world.charity_staff)
    url = f"/admin/referrals/{referral.pk}/"

    response = client.post(f"{url}reject/", {"reason": "other", "note": ""})
    assert response.status_code == 200  # "other" needs a note: refused, nothing written
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REQUESTED

    response = client.post(f"{url}reject/", {"reason": "no_capacity"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.reject_reason) == ("rejected", "no_capacity")
    case.refresh_from_db()
    assert case.needs_rematch

    second = services.referral_create(by=world.caseworker, case=case, department=world.department)
    client.force_login(world.department_staff)
    url = f"/admin/referrals/{second.pk}/"
    assert client.post(f"{url}accept/").status_code == 302
    assert client.post(f"{url}start/").status_code == 302
    response = client.post(f"{url}complete/", {"outcome": "not_resolved", "reason": ""})
    assert response.status_code == 200
    response = client.post(f"{url}complete/", {"outcome": "resolved"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Referral.Status.COMPLETED


def test_referring_office_cancels_from_the_referral_page(client, world):
    _case, referral = world.referred()
    client.force_login(world.caseworker)
    page = client.get(f"/admin/referrals/{referral.pk}/").content.decode()
    assert f"/admin/referrals/{referral.pk}/cancel/" in page
    assert f"/admin/referrals/{referral.pk}/accept/" not in page
    response = client.post(f"/admin/referrals/{referral.pk}/cancel/", {"reason": "已另行解决"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CANCELLED


def test_a_form_posted_twice_acts_once(client, world):
    case = world.relieved()
    client.force_login(world.caseworker)
    page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert 'name="submission"' in page
    body = {
        "kind": "temporary",
        "amount": "100",
        "reason": "",
        "in_kind": "",
        "submission": "a" * 32,
    }

    first = client.post(f"/admin/cases/{case.pk}/relief/", body)
    second = client.post(f"/admin/cases/{case.pk}/relief/", body)

    assert first.status_code == second.status_code == 302
    assert ReliefGrant.objects.filter(case=case, amount_fen=10_000).count() == 1
    assert any("nothing was repeated" in m or "未重复" in m for m in messages_of(second))
    # A new form (a new token) acts again.
    client.post(f"/admin/cases/{case.pk}/relief/", {**body, "submission": "b" * 32})
    assert ReliefGrant.objects.filter(case=case, amount_fen=10_000).count() == 2
