"""The allocation proposal as staff read it (the API and the back-office screen): which
referrals would cover the most weighted urgent need among the given cases, with the money the
open projects and their charities' special funds hold now, each share with its sources, and
what stays uncovered. search.proposal states the method and its guarantee. Nothing is
referred here: staff confirm each referral."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from donors.models import Fund
from needs.models import Case
from projects.models import Project
from search.engine import get_engine
from search.facts import need_facts, ready_cases


class ProposalTooLarge(Exception):
    """The chosen cases would make a proposal too long to compute while staff wait; the
    message, in the user's language, says how many and what to choose."""


def proposal_for(cases) -> dict:
    """The proposal for ``cases`` (a queryset already scoped to the reader's jurisdiction).
    Raises ProposalTooLarge beyond settings.PROPOSAL_MAX_CASES ready cases or
    PROPOSAL_MAX_PAIRS (case, candidate project) pairs, the size of the flow network."""
    ready = ready_cases(cases).count()
    if ready > settings.PROPOSAL_MAX_CASES:
        raise ProposalTooLarge(
            _(
                "%(count)s cases are ready for referral here; a proposal takes at most "
                "%(limit)s. Choose a region, a kind of hardship or an urgency first."
            )
            % {"count": ready, "limit": settings.PROPOSAL_MAX_CASES}
        )
    needs = need_facts(cases)
    engine = get_engine()
    pairs = engine.candidate_pairs(needs)
    if pairs > settings.PROPOSAL_MAX_PAIRS:
        raise ProposalTooLarge(
            _(
                "These cases could go to %(pairs)s projects in all (counting each case's "
                "projects); a proposal takes at most %(limit)s. Choose a region, a kind of "
                "hardship or an urgency first."
            )
            % {"pairs": pairs, "limit": settings.PROPOSAL_MAX_PAIRS}
        )
    proposal = engine.proposal(needs)
    numbers = dict(
        Case.objects.filter(pk__in=[n.case_id for n in needs]).values_list("pk", "number")
    )
    used = {pid for shares in proposal.referrals.values() for pid, _fen in shares}
    used |= set(proposal.services.values())
    titles = dict(Project.objects.filter(pk__in=used).values_list("pk", "title"))
    fund_ids = {
        sid
        for shares in proposal.sources.values()
        for (kind, sid), _fen in shares
        if kind == "fund"
    }
    fund_names = dict(Fund.objects.filter(pk__in=fund_ids).values_list("pk", "name"))
    names = {"project": titles, "fund": fund_names}
    by_case = {n.case_id: n for n in needs}
    ranked = sorted(needs, key=lambda n: (-n.urgency, n.case_id))
    data = {
        "cases": len(needs),
        "covered_fen": proposal.covered_fen,
        "uncovered_fen": sum(proposal.uncovered.values()),
        "weighted_covered": proposal.weighted_covered,
        "referrals": [
            {
                "case": n.case_id,
                "number": numbers[n.case_id],
                "urgency": n.urgency,
                "gap_fen": n.gap_fen,
                "shares": [
                    {
                        "project": pid,
                        "title": titles[pid],
                        "amount_fen": fen,
                        "sources": [
                            {
                                "kind": kind,
                                "id": sid,
                                "name": names[kind][sid],
                                "amount_fen": part,
                            }
                            for (kind, sid), part in proposal.sources[(n.case_id, pid)]
                        ],
                    }
                    for pid, fen in proposal.referrals[n.case_id]
                ],
            }
            for n in ranked
            if n.case_id in proposal.referrals
        ],
        # Service places proposed (one a case): services give places, not money.
        "services": [
            {
                "case": n.case_id,
                "number": numbers[n.case_id],
                "urgency": n.urgency,
                "project": proposal.services[n.case_id],
                "title": titles[proposal.services[n.case_id]],
            }
            for n in ranked
            if n.case_id in proposal.services
        ],
        "uncovered": [
            {
                "case": case_id,
                "number": numbers[case_id],
                "urgency": by_case[case_id].urgency,
                "uncovered_fen": fen,
            }
            for case_id, fen in sorted(
                proposal.uncovered.items(),
                key=lambda item: (-by_case[item[0]].urgency, item[0]),
            )
        ],
    }
    return data
