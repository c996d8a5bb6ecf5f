"""Hand-overs between offices (issue 17, item 5): a request the receiving office accepts or
declines; nothing moves before; the sender reads the case meanwhile and is told the answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from core.factories import OrganisationFactory
from core.models import AuditEvent, Notification, Region
from needs import services
from needs.models import Case, CaseHandover
from needs.selectors import cases_visible_to, handovers_awaiting


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def send(world, case=None, to=None) -> CaseHandover:
    case = case or world.accepted()
    return services.case_handover(
        by=world.caseworker, case=case, to_office=to or world.nanguan, reason="家庭搬到南关区居住"
    )


def test_a_hand_over_waits_for_the_receiving_office_and_moves_nothing(world):
    handover = send(world)
    case = Case.objects.get(pk=handover.case_id)

    assert handover.status == CaseHandover.Status.PENDING
    assert case.responsible_office == world.chaoyang and case.owner == world.caseworker
    assert case.region_id == "220104"
    # The receiving caseworker finds it and may read the case to decide; the sender still reads it.
    assert list(handovers_awaiting(world.nanguan_caseworker)) == [handover]
    assert cases_visible_to(world.nanguan_caseworker).filter(pk=case.pk).exists()
    assert cases_visible_to(world.caseworker).filter(pk=case.pk).exists()
    # Told once.
    assert Notification.objects.filter(
        recipient=world.nanguan_caseworker, key=f"handover-sent:{handover.pk}"
    ).exists()


def test_the_sender_is_read_only_until_the_receiver_answers(world):
    handover = send(world)
    case = Case.objects.get(pk=handover.case_id)
    with pytest.raises(ValidationError) as refused:
        services.case_assess(
            by=world.caseworker, case=case, assessed_need_fen=100, assessed_gap_fen=100
        )
    assert refused.value.error_list[0].code == "handover_pending"
    with pytest.raises(ValidationError):
        send(world, case=case, to=world.city)  # one hand-over at a time
    # The receiver may not act on it either before accepting.
    with pytest.raises(PermissionDenied):
        services.case_assess(
            by=world.nanguan_caseworker, case=case, assessed_need_fen=100, assessed_gap_fen=100
        )


def test_accepting_moves_office_county_and_owner_and_tells_the_sender_once(world):
    handover = send(world)
    services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)

    case = Case.objects.get(pk=handover.case_id)
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.ACCEPTED
    assert handover.decided_by == world.nanguan_caseworker and handover.decided_at
    assert case.responsible_office == world.nanguan
    assert case.region_id == "220102"
    assert case.owner == world.nanguan_caseworker
    assert AuditEvent.objects.filter(action="case.handover_accept").count() == 1
    # The receiver acts on it now; the sender no longer does (nor sees it).
    services.case_assess(
        by=world.nanguan_caseworker, case=case, assessed_need_fen=100_000, assessed_gap_fen=50_000
    )
    assert not cases_visible_to(world.caseworker).filter(pk=case.pk).exists()
    told = Notification.objects.filter(recipient=world.caseworker, key__startswith="handover-")
    assert told.count() == 1
    assert not handovers_awaiting(world.nanguan_caseworker).exists()


def test_accepting_twice_is_refused_and_writes_nothing(world):
    handover = send(world)
    services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    events, notes = AuditEvent.objects.count(), Notification.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    assert refused.value.error_list[0].code == "already_decided"
    with pytest.raises(ValidationError):
        services.case_handover_decline(by=world.nanguan_caseworker, handover=handover, reason="x")
    assert (AuditEvent.objects.count(), Notification.objects.count()) == (events, notes)


def test_another_office_may_not_answer(world):
    handover = send(world)
    for user in (world.caseworker, world.colleague, world.donghu_caseworker, world.charity_staff):
        with pytest.raises(PermissionDenied):
            services.case_handover_accept(by=user, handover=handover)
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.PENDING


def test_declining_needs_a_reason_keeps_the_case_and_tells_the_sender(world):
    handover = send(world)
    with pytest.raises(ValidationError) as refused:
        services.case_handover_decline(by=world.nanguan_caseworker, handover=handover, reason=" ")
    assert "reason" in refused.value.error_dict

    services.case_handover_decline(
        by=world.nanguan_caseworker, handover=handover, reason="户籍不在本区"
    )
    handover.refresh_from_db()
    case = Case.objects.get(pk=handover.case_id)
    assert handover.status == CaseHandover.Status.DECLINED
    assert case.responsible_office == world.chaoyang and case.owner == world.caseworker
    assert Notification.objects.filter(
        recipient=world.caseworker, key=f"handover-declined:{handover.pk}"
    ).exists()
    # The sender acts again; the receiver reads it no more.
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=100_000, assessed_gap_fen=50_000
    )
    assert not cases_visible_to(world.nanguan_caseworker).filter(pk=case.pk).exists()


def test_a_target_outside_the_reach_is_refused_naming_the_field(world):
    case = world.accepted()
    jilin_city = OrganisationFactory(name="吉林市民政局", region=Region.objects.get(code="220200"))
    before = (CaseHandover.objects.count(), AuditEvent.objects.count())
    for office in (world.donghu, jilin_city):  # another province; a city not covering it
        with pytest.raises(ValidationError) as refused:
            services.case_handover(by=world.caseworker, case=case, to_office=office, reason="x")
        assert refused.value.error_dict["to_office"][0].code == "out_of_reach"
    assert (CaseHandover.objects.count(), AuditEvent.objects.count()) == before
    # A city department covering the county is within reach; the county stays on acceptance.
    handover = send(world, case=case, to=world.department)
    services.case_handover_accept(by=world.department_staff, handover=handover)
    case.refresh_from_db()
    assert case.region_id == "220104" and case.responsible_office == world.department


def test_a_case_of_another_county_handed_within_the_city_is_visible_to_the_receiver(world):
    """The known bug: the receiving office lies inside its caseworker's own region, so it was
    left out of the case filter, and a case whose county stayed elsewhere disappeared."""
    case = world.accepted()
    handover = send(world, case=case, to=world.department)
    services.case_handover_accept(by=world.department_staff, handover=handover)
    # The department's caseworker sees it (the case's county is 朝阳, the office the city's).
    assert cases_visible_to(world.department_staff).filter(pk=case.pk).exists()
    # And a case whose county stays 朝阳 with the 南关 office (a record made before this change).
    other = world.accepted()
    Case.objects.filter(pk=other.pk).update(responsible_office=world.nanguan)
    assert cases_visible_to(world.nanguan_caseworker).filter(pk=other.pk).exists()


def test_the_api_sends_lists_and_answers(world):
    case = world.accepted()
    sent = api(world.caseworker).post(
        f"/api/v1/cases/{case.pk}/hand-over/",
        {"to_office": world.nanguan.pk, "reason": "家庭搬到南关区"},
        format="json",
    )
    assert sent.status_code == 201, sent.json()
    handover_id = sent.json()["id"]
    listed = api(world.nanguan_caseworker).get("/api/v1/handovers/?awaiting=true").json()
    assert [row["id"] for row in listed["results"]] == [handover_id]
    assert api(world.donghu_caseworker).get(f"/api/v1/handovers/{handover_id}/").status_code == 404

    refused = api(world.caseworker).post(f"/api/v1/handovers/{handover_id}/accept/")
    assert refused.status_code == 403
    accepted = api(world.nanguan_caseworker).post(f"/api/v1/handovers/{handover_id}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = api(world.nanguan_caseworker).post(f"/api/v1/handovers/{handover_id}/accept/")
    assert again.status_code == 400

    outside = api(world.nanguan_caseworker).post(
        f"/api/v1/cases/{case.pk}/hand-over/",
        {"to_office": world.donghu.pk, "reason": "x"},
        format="json",
    )
    assert outside.status_code == 400 and "to_office" in str(outside.json())


def test_the_api_declines_with_a_reason(world):
    handover = send(world)
    url = f"/api/v1/handovers/{handover.pk}/decline/"
    assert api(world.nanguan_caseworker).post(url, {}, format="json").status_code == 400
    answer = api(world.nanguan_caseworker).post(url, {"reason": "不属本区"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == "declined"


def test_the_receiver_finds_and_accepts_it_on_screen(client, world):
    handover = send(world)
    client.force_login(world.nanguan_caseworker)
    listing = client.get("/admin/handovers/")
    assert listing.status_code == 200
    assert handover.case.number in listing.content.decode()
    page = client.get(f"/admin/cases/{handover.case_id}/")
    assert page.status_code == 200
    assert f"/admin/handovers/{handover.pk}/accept/" in page.content.decode()

    response = client.post(f"/admin/handovers/{handover.pk}/accept/")
    assert response.status_code == 302 and response.url == f"/admin/cases/{handover.case_id}/"
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.ACCEPTED
    # The sender reads the case before the answer (read-only), and gets 404 after it.
    client.force_login(world.caseworker)
    assert client.get(f"/admin/cases/{handover.case_id}/").status_code == 404


def test_the_sender_reads_the_case_read_only_while_it_waits(client, world):
    handover = send(world)
    client.force_login(world.caseworker)
    page = client.get(f"/admin/cases/{handover.case_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/admin/cases/{handover.case_id}/assess/" not in html
    assert f"/admin/handovers/{handover.pk}/accept/" not in html
    response = client.post(
        f"/admin/handovers/{handover.pk}/accept/", {"submission": "a" * 32}, follow=False
    )
    assert response.status_code == 403


# ---- the sending office withdraws a hand-over not yet answered ----


def test_the_sender_withdraws_a_waiting_hand_over_and_the_receiver_is_told_once(world):
    handover = send(world)
    services.handover_withdraw(by=world.caseworker, handover=handover)

    handover.refresh_from_db()
    case = Case.objects.get(pk=handover.case_id)
    assert handover.status == CaseHandover.Status.WITHDRAWN
    assert handover.decided_by == world.caseworker and handover.decided_at
    assert case.responsible_office == world.chaoyang and case.owner == world.caseworker
    assert AuditEvent.objects.filter(action="case.handover_withdraw").count() == 1
    told = Notification.objects.filter(
        recipient=world.nanguan_caseworker, key=f"handover-withdrawn:{handover.pk}"
    )
    assert told.count() == 1 and told.get().link == "/admin/handovers/"
    # Nothing waits for the receiver, and the sender acts on the case again.
    assert not handovers_awaiting(world.nanguan_caseworker).exists()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=100_000, assessed_gap_fen=50_000
    )


@pytest.mark.parametrize("answer", ["accept", "decline", "withdraw"])
def test_withdrawing_after_an_answer_or_twice_is_refused_and_writes_nothing(world, answer):
    handover = send(world)
    if answer == "accept":
        services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    elif answer == "decline":
        services.case_handover_decline(
            by=world.nanguan_caseworker, handover=handover, reason="不在本辖区"
        )
    else:
        services.handover_withdraw(by=world.caseworker, handover=handover)
    handover.refresh_from_db()
    status = handover.status
    events, notes = AuditEvent.objects.count(), Notification.objects.count()

    with pytest.raises((ValidationError, PermissionDenied)) as refused:
        services.handover_withdraw(by=world.caseworker, handover=handover)
    if answer != "accept":  # after acceptance the sender no longer even reaches it
        assert refused.value.error_list[0].code == "already_decided"
    handover.refresh_from_db()
    assert handover.status == status
    assert (AuditEvent.objects.count(), Notification.objects.count()) == (events, notes)


def test_a_withdrawn_hand_over_can_no_longer_be_accepted(world):
    handover = send(world)
    services.handover_withdraw(by=world.caseworker, handover=handover)
    with pytest.raises(ValidationError):
        services.case_handover_accept(by=world.nanguan_caseworker, handover=handover)
    assert Case.objects.get(pk=handover.case_id).responsible_office == world.chaoyang


def test_only_the_sending_office_may_withdraw(world):
    handover = send(world)
    for user in (world.nanguan_caseworker, world.donghu_caseworker, world.charity_staff):
        with pytest.raises(PermissionDenied):
            services.handover_withdraw(by=user, handover=handover)
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.PENDING
    assert not AuditEvent.objects.filter(action="case.handover_withdraw").exists()


def test_the_api_withdraws(world):
    handover = send(world)
    response = api(world.caseworker).post(
        f"/api/v1/handovers/{handover.pk}/withdraw/", HTTP_IDEMPOTENCY_KEY="withdraw-1"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    refused = api(world.caseworker).post(f"/api/v1/handovers/{handover.pk}/withdraw/")
    assert refused.status_code == 400


def test_the_sender_withdraws_on_the_case_page_once(client, world):
    from core.form_tokens import ALREADY_SUBMITTED

    handover = send(world)
    client.force_login(world.caseworker)
    html = client.get(f"/admin/cases/{handover.case_id}/").content.decode()
    url = f"/admin/handovers/{handover.pk}/withdraw/"
    assert url in html
    response = client.post(url, {"submission": "t" * 32})
    assert response.status_code == 302 and response.url == f"/admin/cases/{handover.case_id}/"
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.WITHDRAWN
    # The same form posted again: told so, nothing done twice.
    events = AuditEvent.objects.count()
    again = client.post(url, {"submission": "t" * 32}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert str(ALREADY_SUBMITTED) in again.content.decode()
    assert AuditEvent.objects.count() == events
    assert url not in client.get(f"/admin/cases/{handover.case_id}/").content.decode()


def test_the_receiver_sees_no_withdraw_button_and_may_not_post_it(client, world):
    handover = send(world)
    client.force_login(world.nanguan_caseworker)
    url = f"/admin/handovers/{handover.pk}/withdraw/"
    assert url not in client.get(f"/admin/cases/{handover.case_id}/").content.decode()
    assert client.post(url, {"submission": "r" * 32}).status_code == 403
    handover.refresh_from_db()
    assert handover.status == CaseHandover.Status.PENDING
