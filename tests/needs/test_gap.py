"""One derived gap (issue 15, item 3): after each kind of event, the back office, the public list
and page, the API, matching and the allocation proposal all show the same remaining gap, the
one needs.gap derives from the assessment, the relief in effect and the money committed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from core.money import format_money
from donors import services as money_services
from donors.reconcile import reconcile_report
from needs import services
from needs.gap import GapParts, gap_parts, gap_refresh
from needs.models import Case, Need, Referral
from search.facts import need_facts
from tests.donors.conftest import (
    money,  # noqa: F401  (the fixture is used by name)
    staff_of,
)

pytestmark = pytest.mark.django_db

ASSESSED_NEED = 3_000_000
ASSESSED_GAP = 2_500_000  # before any relief: what the household's means leave uncovered
ADVANCE = 50_000  # advance relief given before the assessment
FUND_MONEY = 5_000_000
PROJECT_MONEY = 10_000_000


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def fen(text: str) -> int | None:
    """A figure as a screen shows it ("¥24,500.00", or "—" for none), in fen."""
    text = text.strip()
    if text in ("—", ""):
        return None
    yuan, cents = text.lstrip("¥").replace(",", "").split(".")
    return int(yuan) * 100 + int(cents)


@dataclass
class Story:
    """An emergency case with advance relief, assessed, its need published, referred to the
    charity's project and accepted; the project and the enterprise's fund hold money."""

    money: object
    case: Case
    need: Need | None = None
    referral: Referral | None = None

    @property
    def world(self):
        return self.money.world

    # ---- every surface that shows the gap ----

    def figures(self) -> dict[str, int | None]:
        figures = {**self._back_office(), **self._api(), **self._matching()}
        if self.need is not None:
            figures.update(self._public())
        return figures

    def _back_office(self) -> dict[str, int | None]:
        client = Client()
        client.force_login(self.world.caseworker)
        page = client.get(f"/admin/cases/{self.case.pk}/")
        assert page.status_code == 200
        shown = re.search(r'<dd id="remaining-gap">([^<]*)', page.content.decode()).group(1)
        listing = client.get("/admin/cases/")
        row = next(r for r in listing.context["rows"] if r["case"].pk == self.case.pk)
        figures = {"case page": fen(shown), "case list": fen(row["gap"])}
        if self.referral is not None:
            charity = Client()
            charity.force_login(self.world.charity_staff)
            referral_page = charity.get(f"/admin/referrals/{self.referral.pk}/")
            figures["referral page"] = fen(referral_page.context["gap"])
        return figures

    def _api(self) -> dict[str, int | None]:
        caseworker = api(self.world.caseworker)
        detail = caseworker.get(f"/api/v1/cases/{self.case.pk}/").json()
        rows = caseworker.get("/api/v1/cases/").json()["results"]
        figures = {
            "api case": detail["remaining_gap_fen"],
            "api case list": next(r for r in rows if r["id"] == self.case.pk)["remaining_gap_fen"],
        }
        if detail["need"] is not None:
            figures["api case need"] = detail["need"]["remaining_gap_fen"]
        if self.referral is not None:
            inbox = api(self.world.charity_staff).get(f"/api/v1/referrals/{self.referral.pk}/")
            figures["api referral"] = inbox.json()["case_remaining_gap_fen"]
        return figures

    def _public(self) -> dict[str, int | None]:
        public_id = str(self.need.public_id)
        visitor = Client()
        listing = visitor.get("/needs/").content.decode()
        card = re.search(
            rf'href="/needs/{public_id}/".*?<strong>([^<]*)</strong>', listing, re.DOTALL
        )
        page = visitor.get(f"/needs/{public_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        missing = re.search(r"Still missing</th><td[^>]*><strong>([^<]*)</strong>", page)
        rows = api().get("/api/v1/public/needs/").json()["results"]
        funding = api().get(f"/api/v1/public/needs/{public_id}/funding/").json()
        return {
            "public list": fen(card.group(1)),
            "public page": fen(missing.group(1)),
            "public api list": next(r for r in rows if r["id"] == public_id)["remaining_gap_fen"],
            "public api funding": funding["missing_fen"],
        }

    def _matching(self) -> dict[str, int | None]:
        """Matching and the proposal know only cases ready for referral: a gap of 0 (or none)
        takes the case out of them (None here)."""
        facts = need_facts(Case.objects.filter(pk=self.case.pk))
        proposal = api(self.world.caseworker).get("/api/v1/proposals/").json()
        proposed = [r["gap_fen"] for r in proposal["referrals"] if r["case"] == self.case.pk]
        uncovered = [r for r in proposal["uncovered"] if r["case"] == self.case.pk]
        assert not uncovered  # the project holds enough to cover the whole gap
        figures = {
            "matching facts": facts[0].gap_fen if facts else None,
            "proposal": proposed[0] if proposed else None,
        }
        # A project is not offered a case it already holds an open referral for (search.policy):
        # its matches show the case's gap only while no referral to it is open.
        held = (
            self.referral is not None
            and Referral.objects.filter(
                pk=self.referral.pk, status__in=Referral.OPEN_STATUSES
            ).exists()
        )
        if self.need is not None and not held:
            matches = api(self.world.charity_staff).get(
                f"/api/v1/projects/{self.world.project.pk}/matches/"
            )
            assert matches.status_code == 200, matches.json()
            found = [
                m["need"]["gap_fen"]
                for m in matches.json()
                if m["need"]["need_public_id"] == str(self.need.public_id)
            ]
            figures["project matches"] = found[0] if found else None
        return figures

    def assert_everywhere(self, expected: int | None) -> None:
        figures = self.figures()
        matching = ("matching facts", "proposal", "project matches")
        wanted = {name: (expected or None) if name in matching else expected for name in figures}
        assert figures == wanted
        self.case.refresh_from_db()
        assert self.case.remaining_gap_fen == expected == gap_parts(self.case).remaining_fen
        assert reconcile_report().is_clean

    # ---- events ----

    def allocate(self, amount_fen: int, **source):
        source = source or {"fund": self.money.fund}
        by = self.money.fund_manager if "fund" in source else self.world.charity_staff
        return money_services.allocation_create(
            by=by, referral=self.referral, amount_fen=amount_fen, **source
        )

    def pay(self, allocation, amount_fen: int):
        staff, second = self.world.charity_staff, self.money.second_charity_staff
        payment = money_services.disbursement_request(
            by=staff, allocation=allocation, amount_fen=amount_fen, method="hospital"
        )
        money_services.disbursement_approve(by=second, disbursement=payment)
        return money_services.disbursement_mark_paid(
            by=staff, disbursement=payment, proof_reference="INV-2027-001"
        )

    def relief(self, amount_fen: int, reason: str = ""):
        return services.relief_grant(
            by=self.world.caseworker,
            case=self.case,
            kind="temporary",
            amount_fen=amount_fen,
            reason=reason,
        )


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _started(money) -> Story:  # noqa: F811
    """An accepted emergency case with advance relief, before any assessment."""
    world = money.world
    money.give(PROJECT_MONEY, project=world.project)
    money.give(FUND_MONEY)
    case = world.accepted(is_emergency=True)
    services.relief_grant(by=world.caseworker, case=case, kind="advance", amount_fen=ADVANCE)
    return Story(money, case)


@pytest.fixture
def story(money) -> Story:  # noqa: F811
    story = _started(money)
    world = money.world
    services.case_assess(
        by=world.caseworker,
        case=story.case,
        assessed_need_fen=ASSESSED_NEED,
        assessed_gap_fen=ASSESSED_GAP,
    )
    services.consent_record(
        by=world.caseworker,
        case=story.case,
        scope="publish_need",
        method="written",
        given_by_name="张建国",
    )
    need = services.need_preview(by=world.caseworker, case=story.case)
    story.need = services.need_publish(by=world.caseworker, need=need)
    story.referral = services.referral_create(
        by=world.caseworker, case=story.case, project=world.project
    )
    services.referral_accept(by=world.charity_staff, referral=story.referral)
    return story


START = ASSESSED_GAP - ADVANCE  # 2,450,000: the advance relief came off the assessed gap


# ---- the rule ----


def test_the_rule_takes_relief_and_committed_money_off_and_never_goes_below_zero():
    assert GapParts(2_500_000, 300_000, 1_000_000).remaining_fen == 1_200_000
    assert GapParts(2_500_000, 300_000, 1_000_000).before_charity_fen == 2_200_000
    assert GapParts(500_000, 300_000, 900_000).remaining_fen == 0  # over-covered
    assert GapParts(500_000, 800_000, 0).before_charity_fen == 0  # relief beyond the gap
    assert GapParts(500_000, 800_000, 0).remaining_fen == 0
    assert GapParts(0, 0, 0).remaining_fen == 0
    # Not assessed: no gap at all, whatever was given.
    assert GapParts(None, 50_000, 0).remaining_fen is None
    assert GapParts(None, 50_000, 0).before_charity_fen is None


# ---- each kind of event, on every surface ----


def test_before_the_assessment_no_screen_shows_a_gap(money):  # noqa: F811
    story = _started(money)
    story.assert_everywhere(None)
    consent = {"scope": "publish_need", "method": "written", "given_by_name": "张建国"}
    services.consent_record(by=money.world.caseworker, case=story.case, **consent)
    with pytest.raises(ValidationError) as error:
        services.need_preview(by=money.world.caseworker, case=story.case)
    assert error.value.code == "no_gap"
    assert not Need.objects.exists()


def test_the_assessment_counts_the_advance_relief_given_before_it(story):
    story.assert_everywhere(START)


def test_a_new_assessment_below_the_stored_gap_is_recorded(story):
    """Re-assessing with a need lower than the gap stored from the first assessment: the row
    stays within its check constraint while the gap is derived again (it failed with an
    IntegrityError before)."""
    lower = START // 2
    services.case_assess(
        by=story.money.world.caseworker,
        case=story.case,
        assessed_need_fen=lower,
        assessed_gap_fen=lower,
    )
    story.assert_everywhere(lower - ADVANCE)


def test_relief_granted_comes_off_everywhere(story):
    story.relief(300_000)
    story.assert_everywhere(START - 300_000)


def test_relief_above_the_ceiling_counts_only_once_approved(story):
    grant = story.relief(800_000, reason="家庭特别困难，申请一事一议")
    assert grant.status == "pending_approval"
    story.assert_everywhere(START)
    services.relief_decide(by=story.world.supervisor, grant=grant, approve=True, reason="同意")
    story.assert_everywhere(START - 800_000)


def test_refused_relief_never_counts(story):
    grant = story.relief(800_000, reason="家庭特别困难，申请一事一议")
    services.relief_decide(by=story.world.supervisor, grant=grant, approve=False, reason="不符合")
    story.assert_everywhere(START)


def test_money_allocated_comes_off_everywhere_and_paying_it_out_changes_nothing(story):
    allocation = story.allocate(1_000_000)
    story.assert_everywhere(START - 1_000_000)
    story.pay(allocation, 400_000)
    story.assert_everywhere(START - 1_000_000)


def test_a_release_gives_back_only_what_was_not_paid_out(story):
    allocation = story.allocate(1_000_000)
    story.pay(allocation, 400_000)
    money_services.allocation_release(
        allocation=allocation, reason="转由医保报销", by=story.money.fund_manager
    )
    story.assert_everywhere(START - 400_000)


@pytest.mark.parametrize("ending", ["cancelled", "failed"])
def test_a_referral_that_ends_without_help_returns_its_money_to_the_gap(story, ending):
    story.allocate(1_000_000)
    story.assert_everywhere(START - 1_000_000)
    if ending == "cancelled":
        services.referral_cancel(by=story.world.caseworker, referral=story.referral, reason="x")
    else:
        services.referral_complete(
            by=story.world.charity_staff,
            referral=story.referral,
            outcome="not_resolved",
            reason="联系不上家属",
        )
    story.referral = None  # a closed referral's screens are not this story's any more
    story.assert_everywhere(START)


def test_gifts_to_the_need_count_once_allocated_and_refunds_change_nothing(story):
    first = story.money.give(600_000, need=story.need)
    story.assert_everywhere(START)  # the need's money, not yet committed to the household
    story.allocate(500_000, need=story.need)
    story.assert_everywhere(START - 500_000)
    # The unallocated rest given back: never counted, nothing changes.
    money_services.donation_refund(
        donation=first,
        amount_fen=100_000,
        reason="捐赠人要求退回",
        by=staff_of(first.receiving_organisation),
    )
    story.assert_everywhere(START - 500_000)
    # A refund the processor made of money already allocated: the allocation stands (the
    # holder owes the shortfall), and so does the gap.
    result = money_services.donation_refund(
        donation=first, amount_fen=300_000, reason="银行退回", from_processor=True
    )
    assert result.shortfall_fen == 300_000
    story.assert_everywhere(START - 500_000)


def test_an_over_covered_gap_is_zero_and_the_case_leaves_matching(story):
    story.relief(300_000)
    story.allocate(3_000_000)  # more than the 2,150,000 left
    story.assert_everywhere(0)
    assert story.figures()["proposal"] is None


def test_a_new_assessment_replaces_the_assessed_gap_and_counts_relief_once(story):
    story.relief(300_000)
    story.allocate(1_000_000)
    services.case_assess(
        by=story.world.caseworker,
        case=story.case,
        assessed_need_fen=ASSESSED_NEED,
        assessed_gap_fen=2_000_000,
    )
    story.assert_everywhere(2_000_000 - ADVANCE - 300_000 - 1_000_000)


# ---- the lists filter on the same figure ----


def test_the_public_list_and_api_filter_on_the_derived_gap(story):
    story.allocate(1_000_000)  # 2,450,000 -> 1,450,000
    url = f"/needs/{story.need.public_id}/"
    visitor = Client()
    assert url in visitor.get("/needs/?min_yuan=14500&max_yuan=14500").content.decode()
    assert url not in visitor.get("/needs/?min_yuan=14500.01").content.decode()
    assert url not in visitor.get("/needs/?min_yuan=24500").content.decode()
    found = api().get("/api/v1/public/needs/", {"max_gap_fen": 1_450_000}).json()
    assert [r["id"] for r in found["results"]] == [str(story.need.public_id)]
    assert api().get("/api/v1/public/needs/", {"min_gap_fen": 1_450_001}).json()["count"] == 0
    ordered = api(story.world.caseworker).get("/api/v1/cases/", {"ordering": "remaining_gap_fen"})
    assert ordered.json()["results"][0]["remaining_gap_fen"] == 1_450_000


# ---- the case page says how the figure is made ----


def test_the_case_page_shows_the_gap_term_by_term(story, client):
    story.relief(300_000)
    story.allocate(1_000_000)
    client.force_login(story.world.caseworker)
    page = client.get(f"/admin/cases/{story.case.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = " ".join(page.content.decode().split())
    assert (
        f"Gap at assessment {format_money(ASSESSED_GAP)}, less government relief in effect "
        f"{format_money(ADVANCE + 300_000)}, less charity money committed "
        f"{format_money(1_000_000)}; never below zero."
    ) in text


# ---- the stored figure is checked against the derived one ----


def test_reconcile_reports_a_stored_gap_that_is_not_the_derived_one(story):
    Case.objects.filter(pk=story.case.pk).update(remaining_gap_fen=1)
    Need.objects.filter(pk=story.need.pk).update(remaining_gap_fen=2)
    report = reconcile_report()
    assert [p.code for p in report.failures] == ["gap_mismatch"]
    assert report.cases_checked == 1
    assert story.case.number in report.failures[0].message
    assert gap_refresh(story.case) == START
    assert reconcile_report().is_clean
    story.assert_everywhere(START)
