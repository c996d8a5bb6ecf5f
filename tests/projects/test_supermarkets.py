"""Charity supermarkets (慈善超市): stock received from donors, issued to households against a
referral or a relief decision, counted; every movement appended, never below zero."""

import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from core.models import AuditEvent, Region
from needs import services
from projects import selectors
from projects.models import StockMovement, Supermarket
from projects.services_stock import (
    goods_item_add,
    stock_count,
    stock_issue,
    stock_of,
    stock_receive,
    supermarket_create,
)
from tests.needs import conftest as needs_conftest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    """The cases' world (tests.needs.conftest), with its offices, charities and staff."""
    return needs_conftest.world.__wrapped__(db)


@pytest.fixture
def rice(world):
    """朝阳区民政局's supermarket with 10 bags of rice (¥50.00 each)."""
    supermarket = supermarket_create(
        by=world.caseworker,
        organisation=world.chaoyang,
        name="朝阳区慈善超市",
        region=Region.objects.get(code="220104"),
    )
    item = goods_item_add(
        by=world.caseworker, supermarket=supermarket, name="大米", unit="袋", unit_value_fen=5_000
    )
    stock_receive(by=world.caseworker, item=item, quantity=10, donor_name="长春某粮油公司")
    return item


def goods_grant(world, quantity=4):
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=500_000, assessed_gap_fen=500_000
    )
    return services.relief_grant(
        by=world.caseworker,
        case=case,
        kind="temporary",
        amount_fen=0,
        in_kind="大米",
        goods_quantity=quantity,
        goods_unit="袋",
        goods_value_fen=quantity * 5_000,
    )


def test_a_receipt_adds_to_the_stock_with_its_value_and_donor(world, rice):
    assert stock_of(rice) == 10
    receipt = StockMovement.objects.get(item=rice)
    assert (receipt.kind, receipt.value_fen, receipt.donor_name) == (
        "receipt",
        50_000,
        "长春某粮油公司",
    )
    assert AuditEvent.objects.filter(action="stock.receive", object_id=str(receipt.pk)).exists()


def test_goods_are_issued_against_a_relief_decision_in_goods(world, rice):
    grant = goods_grant(world, quantity=4)
    issue = stock_issue(by=world.caseworker, item=rice, quantity=3, relief_grant=grant)
    assert (issue.quantity, issue.case_id, issue.value_fen) == (-3, grant.case_id, 15_000)
    assert stock_of(rice) == 7
    # No more than the relief decided: 1 bag left of the 4.
    with pytest.raises(ValidationError) as error:
        stock_issue(by=world.caseworker, item=rice, quantity=2, relief_grant=grant)
    assert error.value.error_dict["quantity"][0].code == "above_decision"
    stock_issue(by=world.caseworker, item=rice, quantity=1, relief_grant=grant)
    assert stock_of(rice) == 6


def test_an_issue_of_stock_that_is_not_there_is_refused_and_writes_nothing(world, rice):
    grant = goods_grant(world, quantity=20)
    before = StockMovement.objects.count()
    with pytest.raises(ValidationError) as error:
        stock_issue(by=world.caseworker, item=rice, quantity=11, relief_grant=grant)
    refusal = error.value.error_dict["quantity"][0]
    assert refusal.code == "insufficient_stock"
    assert "10" in refusal.message and "大米" in refusal.message
    assert StockMovement.objects.count() == before
    assert stock_of(rice) == 10


def test_goods_are_issued_against_an_accepted_referral_of_the_charity(world):
    supermarket = supermarket_create(
        by=world.charity_staff,
        organisation=world.charity,
        name="省慈善总会爱心超市",
        region=Region.objects.get(code="220104"),
    )
    quilts = goods_item_add(
        by=world.charity_staff,
        supermarket=supermarket,
        name="棉被",
        unit="床",
        unit_value_fen=20_000,
    )
    stock_receive(by=world.charity_staff, item=quilts, quantity=5, donor_name="爱心企业")
    case, referral = world.referred()
    with pytest.raises(ValidationError) as error:  # not accepted yet
        stock_issue(by=world.charity_staff, item=quilts, quantity=1, referral=referral)
    assert error.value.error_dict["referral"][0].code == "not_accepted"
    services.referral_accept(by=world.charity_staff, referral=referral)
    referral.refresh_from_db()
    issue = stock_issue(by=world.charity_staff, item=quilts, quantity=2, referral=referral)
    assert (issue.case_id, stock_of(quilts)) == (case.pk, 3)


def test_only_the_staff_running_the_supermarket_move_its_stock(world, rice):
    grant = goods_grant(world)
    for outsider in (world.nanguan_caseworker, world.charity_staff, world.auditor):
        with pytest.raises(PermissionDenied):
            stock_issue(by=outsider, item=rice, quantity=1, relief_grant=grant)
        with pytest.raises(PermissionDenied):
            stock_receive(by=outsider, item=rice, quantity=1, donor_name="x")
    assert stock_of(rice) == 10


def test_an_office_opens_a_supermarket_only_in_its_jurisdiction(world):
    with pytest.raises(ValidationError) as error:
        supermarket_create(
            by=world.caseworker,
            organisation=world.chaoyang,
            name="南关区超市",
            region=Region.objects.get(code="220102"),
        )
    assert error.value.error_dict["region"][0].code == "outside_jurisdiction"
    with pytest.raises(PermissionDenied):
        supermarket_create(
            by=world.caseworker,
            organisation=world.nanguan,
            name="南关区超市",
            region=Region.objects.get(code="220102"),
        )


def test_a_count_appends_the_difference_and_needs_a_reason(world, rice):
    with pytest.raises(ValidationError) as error:
        stock_count(by=world.caseworker, item=rice, counted_quantity=8)
    assert "note" in error.value.error_dict
    count = stock_count(by=world.caseworker, item=rice, counted_quantity=8, note="两袋受潮报废")
    assert (count.quantity, count.counted_quantity, stock_of(rice)) == (-2, 8, 8)
    same = stock_count(by=world.caseworker, item=rice, counted_quantity=8)
    assert same.quantity == 0
    with pytest.raises(ValidationError) as error:
        stock_count(by=world.caseworker, item=rice, counted_quantity=-1, note="x")
    assert "counted_quantity" in error.value.error_dict


def test_movements_are_append_only(world, rice):
    movement = StockMovement.objects.get(item=rice)
    movement.quantity = 100
    with pytest.raises(ValueError):
        movement.save()
    with pytest.raises(ValueError):
        movement.delete()


def test_supermarkets_are_read_within_jurisdiction(world, rice):
    visible = selectors.supermarkets_visible_to
    assert list(visible(world.caseworker)) == [rice.supermarket]
    assert list(visible(world.supervisor)) == [rice.supermarket]  # the city above it
    assert not visible(world.nanguan_caseworker).exists()
    assert not visible(world.other_charity_staff).exists()


def test_a_case_is_offered_the_supermarkets_holding_goods_for_it(world, rice):
    case = world.accepted()
    assert selectors.supermarkets_for_case(case) == [rice.supermarket]
    # Not one serving only another kind of hardship, nor one with nothing in stock.
    Supermarket.objects.filter(pk=rice.supermarket_id).update(categories=["disaster"])
    assert selectors.supermarkets_for_case(case) == []
    Supermarket.objects.filter(pk=rice.supermarket_id).update(categories=["illness"])
    stock_count(by=world.caseworker, item=rice, counted_quantity=0, note="全部发放")
    assert selectors.supermarkets_for_case(case) == []


def test_the_api_issues_and_refuses_naming_the_field(world, rice, client):
    grant = goods_grant(world, quantity=20)
    client.force_login(world.caseworker)
    url = f"/api/v1/supermarkets/{rice.supermarket_id}/issue/"
    body = {"item": rice.pk, "quantity": 11, "relief_grant": grant.pk}
    response = client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "field": "quantity",
            "code": "insufficient_stock",
            "message": "Only 10 袋 of 大米 are in stock.",
        }
    ]
    body["quantity"] = 2
    headers = {"HTTP_IDEMPOTENCY_KEY": "issue-rice-0001"}
    first = client.post(url, body, content_type="application/json", **headers)
    again = client.post(url, body, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == again.json()
    assert stock_of(rice) == 8  # issued once
    stock = client.get(f"/api/v1/supermarkets/{rice.supermarket_id}/stock/").json()
    assert stock[0]["in_stock"] == 8
    movements = client.get("/api/v1/stock-movements/", {"kind": "issue"}).json()
    assert [m["quantity"] for m in movements["results"]] == [-2]
    client.force_login(world.nanguan_caseworker)
    assert client.post(url, body, content_type="application/json").status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_never_take_the_stock_below_zero(world, rice):
    """Two caseworkers issue the last bags at once: one waits for the other's lock and is
    refused. Needs row locks, so it runs on PostgreSQL only."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes all writers: the row lock is PostgreSQL's")
    grants = [goods_grant(world, quantity=10) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = []

    def issue(grant):
        try:
            barrier.wait()
            stock_issue(by=world.caseworker, item=rice, quantity=7, relief_grant=grant)
            results.append("issued")
        except ValidationError as error:
            results.append(error.error_dict["quantity"][0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(grant,)) for grant in grants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["insufficient_stock", "issued"]
    assert stock_of(rice) == 3


def test_the_back_office_shows_the_stock_and_records_a_receipt(world, rice, client):
    client.force_login(world.caseworker)
    listing = client.get("/admin/supermarkets/", HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200 and "朝阳区慈善超市" in listing.content.decode()
    url = f"/admin/supermarkets/{rice.supermarket_id}/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Receive goods from a donor" in page.content.decode()
    token = uuid.uuid4().hex
    response = client.post(
        f"{url}receive/",
        {"item": rice.pk, "quantity": 5, "donor_name": "爱心人士", "note": "", "submission": token},
    )
    assert response.status_code == 302
    assert stock_of(rice) == 15


def test_the_back_office_refuses_an_issue_beyond_the_stock_on_the_form(world, rice, client):
    grant = goods_grant(world, quantity=20)
    client.force_login(world.caseworker)
    url = f"/admin/supermarkets/{rice.supermarket_id}/"
    token = uuid.uuid4().hex
    response = client.post(
        f"{url}issue/",
        {"item": rice.pk, "quantity": 12, "relief_grant": grant.pk, "submission": token},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["forms"]["issue"].errors["quantity"] == [
        "Only 10 袋 of 大米 are in stock."
    ]
    assert stock_of(rice) == 10
    client.force_login(world.nanguan_caseworker)
    assert client.get(url).status_code == 404


def _goods_work(user):
    from needs.worklist import goods_to_issue

    return goods_to_issue(user)


def test_relief_in_goods_waits_on_the_supermarket_staffs_worklist_until_handed_over(
    world, rice, client
):
    grant = goods_grant(world, quantity=4)
    work = _goods_work(world.caseworker)
    assert work.count == 1 and work.items[0].title == grant.case.number
    assert f"relief_grant={grant.pk}" in work.items[0].link
    # The link opens the supermarket with the issue form filled with the decision's number.
    client.force_login(world.caseworker)
    page = client.get(work.items[0].link.split("#")[0], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Relief in goods waiting to be handed over" in page
    assert f'name="relief_grant" value="{grant.pk}"' in page
    # Partly handed over: still waiting, with what is left to hand over.
    stock_issue(by=world.caseworker, item=rice, quantity=3, relief_grant=grant)
    work = _goods_work(world.caseworker)
    assert work.count == 1 and "3" in work.items[0].detail and "4" in work.items[0].detail
    stock_issue(by=world.caseworker, item=rice, quantity=1, relief_grant=grant)
    assert _goods_work(world.caseworker).count == 0


def test_goods_work_is_only_for_those_running_a_supermarket_of_that_jurisdiction(world, rice):
    goods_grant(world, quantity=2)
    # 南关's office runs no supermarket: the section is not its work at all.
    assert _goods_work(world.nanguan_caseworker) is None
    # A supermarket of 南关 does not see 朝阳's relief.
    supermarket_create(
        by=world.nanguan_caseworker,
        organisation=world.nanguan,
        name="南关区慈善超市",
        region=Region.objects.get(code="220102"),
    )
    assert _goods_work(world.nanguan_caseworker).count == 0
    # Cash-only relief never waits for goods.
    case = world.accepted()
    services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=500_000, assessed_gap_fen=500_000
    )
    services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=10_000)
    assert _goods_work(world.caseworker).count == 1


def test_the_supermarket_list_filters_is_scoped_and_refuses_other_roles(world, rice, client):
    from tests.supervision.test_supervision_task_screens import fund_manager

    supermarket = rice.supermarket
    client.force_login(world.caseworker)
    page = client.get("/admin/supermarkets/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    table = page.content.decode().split('<table class="listing')[-1]
    assert "朝阳区慈善超市" in table and "True" not in table
    assert [s.pk for s in page.context["object_list"]] == [supermarket.pk]
    closed = client.get("/admin/supermarkets/results/", {"is_active": "false"})
    assert list(closed.context["object_list"]) == []
    bad = client.get("/admin/supermarkets/", {"within": "999999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200 and bad.context["filters"].errors
    client.force_login(world.nanguan_caseworker)
    assert list(client.get("/admin/supermarkets/").context["object_list"]) == []
    client.force_login(fund_manager())
    assert client.get("/admin/supermarkets/").status_code == 403
    assert client.get("/admin/supermarkets/results/").status_code == 403
