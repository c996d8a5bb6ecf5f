"""Government relief budgets on screens (issue 15, item 4): the back office's budget list,
statement and CSV, recording an appropriation; the supervision export and the transparency
page, aggregated and anonymized."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.utils import timezone

from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, Membership, Region
from core.services import membership_grant
from donors.models import Appropriation, ReliefBudget
from needs import services
from tests.supervision.test_exports import read_csv

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def chaoyang_budget(world) -> ReliefBudget:
    return ReliefBudget.objects.get(office=world.chaoyang, year=YEAR, scheme="temporary")


@pytest.fixture
def nanchang_supervisor(world):
    office = OrganisationFactory(name="南昌市民政局", region=Region.objects.get(code="360100"))
    user = UserFactory(username="nanchang.sup")
    membership_grant(by=None, user=user, organisation=office, role=Membership.Role.SUPERVISOR)
    return user


def test_the_budget_list_and_statement_for_the_office_and_its_supervisor(client, world):
    case = world.relieved(relief=400_000)
    grant = case.relief_grants.get()
    services.relief_payment_record(
        by=world.caseworker, grant=grant, paid_via="bank_transfer", payment_reference="BOC-778"
    )
    budget = chaoyang_budget(world)
    for user in (world.caseworker, world.supervisor, world.auditor):
        client.force_login(user)
        page = client.get("/admin/money/relief-budgets/").content.decode()
        assert "朝阳区民政局" in page and "¥996,000.00" in page, user.username
        detail = client.get(f"/admin/money/relief-budgets/{budget.pk}/")
        assert detail.status_code == 200
        text = detail.content.decode()
        assert "¥1,000,000.00" in text  # appropriated this year
        assert "¥4,000.00" in text and "BOC-778" in text and str(case) in text
        assert "张建国" not in text  # the statement names the case, never the household


def test_other_regions_and_other_roles_do_not_see_a_budget(client, world, nanchang_supervisor):
    budget = chaoyang_budget(world)
    client.force_login(world.donghu_caseworker)
    page = client.get("/admin/money/relief-budgets/").content.decode()
    assert "朝阳区民政局" not in page
    assert client.get(f"/admin/money/relief-budgets/{budget.pk}/").status_code == 404
    client.force_login(nanchang_supervisor)
    assert client.get(f"/admin/money/relief-budgets/{budget.pk}/").status_code == 404
    client.force_login(world.charity_staff)
    assert client.get("/admin/money/relief-budgets/").status_code == 403


def test_the_statement_as_csv(client, world):
    world.relieved(relief=250_000)
    budget = chaoyang_budget(world)
    client.force_login(world.supervisor)
    response = client.get(
        f"/admin/money/relief-budgets/{budget.pk}/",
        {"date_from": f"{YEAR}-01-01", "date_to": f"{YEAR}-12-31", "format": "csv"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content[1:])))
    figures = {row[0]: row[1] for row in rows[:10] if len(row) == 2}
    assert figures[rows[4][0]] == "0.00"  # opening
    assert figures[rows[5][0]] == "1000000.00"  # appropriated
    assert figures[rows[6][0]] == "2500.00"  # paid
    assert figures[rows[7][0]] == "997500.00"  # closing
    assert rows[-1][2] == "-2500.00"


def test_a_bad_period_is_refused_on_the_page(client, world):
    budget = chaoyang_budget(world)
    client.force_login(world.supervisor)
    response = client.get(
        f"/admin/money/relief-budgets/{budget.pk}/",
        {"date_from": f"{YEAR}-12-31", "date_to": f"{YEAR}-01-01"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400


def test_a_supervisor_records_an_appropriation_from_the_screen(client, world):
    client.force_login(world.supervisor)
    form = client.get("/admin/money/relief-budgets/appropriate/")
    assert form.status_code == 200
    token = form.context["form"]["submission"].value()
    data = {
        "submission": token,
        "office": world.nanguan.pk,
        "year": YEAR,
        "scheme": "advance",
        "amount": "20000",
        "reference": "长财社〔2026〕88号",
        "received_on": timezone.localdate().isoformat(),
        "memo": "",
    }
    response = client.post("/admin/money/relief-budgets/appropriate/", data)
    assert response.status_code == 302
    appropriation = Appropriation.objects.get(reference="长财社〔2026〕88号")
    assert appropriation.amount_fen == 2_000_000 and appropriation.budget.office == world.nanguan
    # the same form posted again acts once
    again = client.post("/admin/money/relief-budgets/appropriate/", data)
    assert again.status_code == 302
    assert Appropriation.objects.filter(reference="长财社〔2026〕88号").count() == 1
    assert AuditEvent.objects.filter(action="relief_budget.appropriate").count() == 1


def test_a_bad_appropriation_form_writes_nothing(client, world):
    client.force_login(world.supervisor)
    before = Appropriation.objects.count()
    response = client.post(
        "/admin/money/relief-budgets/appropriate/",
        {
            "office": world.nanguan.pk,
            "year": YEAR,
            "scheme": "temporary",
            "amount": "0",
            "reference": "",
            "received_on": timezone.localdate().isoformat(),
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"amount", "reference"}
    assert Appropriation.objects.count() == before


def test_caseworkers_cannot_record_appropriations(client, world):
    client.force_login(world.caseworker)
    assert client.get("/admin/money/relief-budgets/appropriate/").status_code == 403
    response = client.post(
        "/admin/money/relief-budgets/appropriate/",
        {
            "office": world.chaoyang.pk,
            "year": YEAR,
            "scheme": "temporary",
            "amount": "100",
            "reference": "x",
            "received_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 403
    assert not Appropriation.objects.filter(reference="x").exists()


def test_the_supervision_export_includes_government_money(client, world, nanchang_supervisor):
    world.relieved(relief=400_000)
    client.force_login(world.supervisor)
    rows = read_csv(
        client.get(
            "/admin/supervision/export/government_relief.csv", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    )
    chaoyang = [row for row in rows[1:] if row[1] == "朝阳区民政局"]
    assert sorted(row[3] for row in chaoyang) == ["临时救助", "先行救助"]
    temporary = next(row for row in chaoyang if row[3] == "临时救助")
    assert temporary[0] == "朝阳区" and temporary[4:] == ["1000000.00", "4000.00", "1"]
    assert not any("张建国" in cell for row in rows for cell in row)
    client.force_login(nanchang_supervisor)
    rows = read_csv(client.get("/admin/supervision/export/government_relief.csv"))
    assert not any("朝阳" in cell for row in rows for cell in row)


def test_the_transparency_page_shows_government_relief_aggregated(client, world):
    cache.clear()
    world.relieved(relief=400_000)
    page = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="government"' in page
    assert "朝阳区民政局" in page and "¥4,000.00" in page and "¥1,000,000.00" in page
    assert "张建国" not in page and "13912345678" not in page


def test_the_relief_form_refuses_what_the_budget_cannot_pay_and_takes_the_proof(client, world):
    from donors.factories import fund_relief_budgets
    from needs.models import ReliefGrant

    office = OrganisationFactory(name="二道区民政局", region=Region.objects.get(code="220105"))
    caseworker = UserFactory(username="erdao.cw")
    membership_grant(by=None, user=caseworker, organisation=office, role="caseworker")
    fund_relief_budgets(office, amount_fen=100_000, by=world.supervisor)
    from needs.factories import household_input

    case = world.report(by=caseworker, office=office, household=household_input("220105"))
    services.case_accept(by=caseworker, case=case)
    services.case_assess(
        by=caseworker, case=case, assessed_need_fen=1_000_000, assessed_gap_fen=1_000_000
    )
    client.force_login(caseworker)
    response = client.post(
        f"/admin/cases/{case.pk}/relief/", {"kind": "temporary", "amount": "1000.01"}
    )
    assert response.status_code == 200
    form = next(a["form"] for a in response.context["actions"] if a["name"] == "relief")
    assert [e.code for e in form.errors.as_data()["amount"]] == ["insufficient_budget"]
    assert not ReliefGrant.objects.filter(case=case).exists()
    response = client.post(
        f"/admin/cases/{case.pk}/relief/",
        {
            "kind": "temporary",
            "amount": "1000",
            "paid_via": "social_security_card",
            "payment_reference": "SSC-20261205-01",
        },
    )
    assert response.status_code == 302
    grant = ReliefGrant.objects.get(case=case)
    assert (grant.paid_via, grant.payment_reference) == ("social_security_card", "SSC-20261205-01")
    page = client.get(f"/admin/cases/{case.pk}/").content.decode()
    assert "SSC-20261205-01" in page


def test_the_budget_list_filters_by_year_and_scheme(client, world):
    budget = chaoyang_budget(world)
    client.force_login(world.supervisor)
    url = "/admin/money/relief-budgets/"
    assert budget.pk in [b.pk for b in client.get(url).context["object_list"]]
    same = client.get(f"{url}results/", {"year": budget.year, "scheme": budget.scheme})
    assert budget.pk in [b.pk for b in same.context["object_list"]]
    assert {(b.year, b.scheme) for b in same.context["object_list"]} == {
        (budget.year, budget.scheme)
    }
    other = client.get(f"{url}results/", {"year": budget.year - 1})
    assert list(other.context["object_list"]) == []
    bad = client.get(url, {"scheme": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()
    client.force_login(world.charity_staff)
    assert client.get(f"{url}results/").status_code == 403
