"""What makes a charity project fit a case's need: the matching policy, written once.

Both directions (projects for a need, needs for a project) and every engine apply these
functions; an engine only decides which pairs to look at.

Hard rules (a project that breaks one is not listed):
- the project is open;
- it covers the need's category;
- the need's county lies inside one of the project's regions;
- the household meets the project's eligibility (any of its household statuses, any of its key
  groups; an empty list means no limit);
- money: what the project holds, or what one special fund holds that may pay for this case
  (donors.selectors.drawable_funds: a fund of the project's own charity, or an enterprise's
  fund, whose fund managers commit it to any charity project's accepted referral; its
  restrictions admitting the case's category and region), covers the smaller of the gap and
  its per-case cap, or, when it accepts partial funding, it holds something (one source: an
  allocation comes from one);
- the project has not already declined this case, nor holds an open referral for it.

Soft signals, each a value from 0 to 1 times its weight (points), every one shown:
text relevance of the need's story to the project's description; urgency; time waiting since
the case became ready for referral; key-group priority; region specificity (a county project
beats a national one); how much of the gap the project can cover; a verified charity; the
charity's record of answering referrals in time.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.models.regions import path_within
from core.money import format_money

# Points each signal can give; they sum to 100 so a score reads as a percentage.
WEIGHTS = {
    "text": 30,
    "urgency": 20,
    "waiting": 10,
    "key_group": 10,
    "region": 10,
    "amount": 10,
    "verified": 5,
    "answers": 5,
}
WAITING_FULL_DAYS = 14  # waiting this long or longer gives the full waiting points
NO_ANSWER_HISTORY = 0.5  # a charity without answered referrals is neither good nor bad


@dataclass(slots=True)
class NeedFacts:
    """What matching knows of one case ready for referral (no names, numbers or addresses)."""

    case_id: int
    category: str
    region_path: tuple[str, ...]  # province, city, county codes
    county_name: str
    statuses: frozenset[str]
    key_groups: frozenset[str]
    gap_fen: int
    urgency: int  # 1 normal, 2 urgent, 3 critical
    ready_since: float  # Unix time the case became ready for referral
    terms: Counter
    declined_by: frozenset[int] = frozenset()  # project ids that rejected this case
    referred_to: frozenset[int] = frozenset()  # project ids holding an open referral for it
    need_public_id: str | None = None  # the published, anonymized need, if any
    need_title: str = ""

    @property
    def waiting_days(self) -> float:
        return max((time.time() - self.ready_since) / 86400, 0.0)


@dataclass(slots=True)
class ProjectFacts:
    id: int
    organisation_id: int
    organisation_name: str
    title: str
    status: str
    categories: frozenset[str]
    region_codes: frozenset[str]
    region_level: int  # of its most specific region: 0 national, 1 province, 2 city, 3 county
    statuses: frozenset[str]
    key_groups: frozenset[str]
    cap_fen: int | None
    accepts_partial: bool
    verified: bool
    answer_rate: float | None  # share of answered referrals answered in time
    terms: Counter = field(default_factory=Counter)


@dataclass(slots=True)
class Rule:
    code: str
    passed: bool
    text: str


@dataclass(slots=True)
class Signal:
    code: str
    value: float
    weight: int
    text: str

    @property
    def points(self) -> float:
        return round(self.value * self.weight, 2)


# ---- hard rules ----


def needed_fen(need: NeedFacts, project: ProjectFacts) -> int:
    """The least a project must hold to take the case: the gap, or its cap if smaller."""
    return min(need.gap_fen, project.cap_fen) if project.cap_fen else need.gap_fen


def passes_without_money(need: NeedFacts, project: ProjectFacts) -> bool:
    """Every hard rule but money (which needs a fresh balance): the engines' fast filter."""
    return (
        project.status == "open"
        and need.category in project.categories
        and not project.region_codes.isdisjoint(need.region_path)
        and (not project.statuses or not project.statuses.isdisjoint(need.statuses))
        and (not project.key_groups or not project.key_groups.isdisjoint(need.key_groups))
        and project.id not in need.declined_by
        and project.id not in need.referred_to
    )


def has_money(need: NeedFacts, project: ProjectFacts, available_fen: int) -> bool:
    if project.accepts_partial:
        return available_fen > 0
    return available_fen >= needed_fen(need, project)


def fund_admits(fund, need: NeedFacts) -> bool:
    return fund.admits(need.category, "/".join(need.region_path))


def money_source(need: NeedFacts, project: ProjectFacts, project_fen: int, funds=()):
    """The source the money rule reads, as (available fen, fund or None for the project's own
    balance): the project's balance when it passes; else the richest of ``funds`` (the
    charity's drawable funds, richest first) that admits the case, when it holds more."""
    if not funds or has_money(need, project, project_fen):
        return project_fen, None
    for fund in funds:
        if fund.available_fen <= project_fen:
            break
        if fund_admits(fund, need):
            return fund.available_fen, fund
    return project_fen, None


def rules(need: NeedFacts, project: ProjectFacts, available_fen: int, fund=None) -> list[Rule]:
    """Each hard rule with whether it passed, in the user's language. ``fund``: the special
    fund whose balance ``available_fen`` is (money_source), None for the project's own."""
    values = {
        "available": format_money(available_fen),
        "needed": format_money(needed_fen(need, project)),
        "fund": fund.name if fund is not None else "",
    }
    if fund is not None and getattr(fund, "enterprise", False):
        values["owner"] = fund.owner_name
        money_text = (
            _(
                "The special fund %(fund)s of %(owner)s, which may pay for this case, holds "
                "%(available)s and may fund part of the gap; its fund managers commit it "
                "once the charity accepts."
            )
            if project.accepts_partial
            else _(
                "The special fund %(fund)s of %(owner)s, which may pay for this case, holds "
                "%(available)s; it needs %(needed)s for this case. Its fund managers commit "
                "it once the charity accepts."
            )
        ) % values
    elif fund is None:
        money_text = (
            _("The project holds %(available)s and may fund part of the gap.")
            if project.accepts_partial
            else _("The project holds %(available)s; it needs %(needed)s for this case.")
        ) % values
    else:
        money_text = (
            _(
                "The charity's special fund %(fund)s, which may pay for this case, holds "
                "%(available)s and may fund part of the gap."
            )
            if project.accepts_partial
            else _(
                "The charity's special fund %(fund)s, which may pay for this case, holds "
                "%(available)s; it needs %(needed)s for this case."
            )
        ) % values
    return [
        Rule("open", project.status == "open", _("The project is open for referrals.")),
        Rule(
            "category",
            need.category in project.categories,
            _("The project covers this category of hardship."),
        ),
        Rule(
            "region",
            not project.region_codes.isdisjoint(need.region_path),
            _("The case's county (%(county)s) lies in the project's regions.")
            % {"county": need.county_name},
        ),
        Rule(
            "eligibility",
            (not project.statuses or not project.statuses.isdisjoint(need.statuses))
            and (not project.key_groups or not project.key_groups.isdisjoint(need.key_groups)),
            _("The household meets the project's eligibility."),
        ),
        Rule("money", has_money(need, project, available_fen), money_text),
        Rule(
            "not_declined",
            project.id not in need.declined_by,
            _("The project has not declined this case before."),
        ),
        Rule(
            "not_referred",
            project.id not in need.referred_to,
            _("The project does not already hold an open referral for this case."),
        ),
    ]


def fund_rules(fund, need: NeedFacts) -> list[Rule]:
    """Why a special fund may pay for this case, rule by rule, in the user's language: its
    categories, its regions (donors.rules.fund_restriction) and what it holds now."""
    path = "/".join(need.region_path)
    category_ok = not fund.categories or need.category in fund.categories
    region_ok = not fund.region_paths or any(path_within(path, p) for p in fund.region_paths)
    values = {"available": format_money(fund.available_fen), "county": need.county_name}
    who = (
        _("The enterprise's fund managers commit it once a charity accepts the referral.")
        if getattr(fund, "enterprise", False)
        else _("The charity holding it allocates it to its own projects' referrals.")
    )
    return [
        Rule(
            "category",
            category_ok,
            _("The fund may pay for this category of hardship.")
            if fund.categories
            else _("The fund may pay for any category of hardship."),
        ),
        Rule(
            "region",
            region_ok,
            _("The case's county (%(county)s) lies in the fund's regions.") % values
            if fund.region_paths
            else _("The fund may pay for cases anywhere."),
        ),
        Rule("money", fund.available_fen > 0, _("It holds %(available)s now.") % values),
        Rule("who_commits", True, who),
    ]


# ---- soft signals ----


def text_weight(terms: Counter, idf: dict[str, float]) -> float:
    """How much a story's terms weigh together, each by how rare it is among the projects."""
    return sum(count * idf.get(term, 0.0) for term, count in terms.items())


def text_relevance(
    need_terms: Counter,
    project_terms: Counter,
    idf: dict[str, float],
    need_weight: float | None = None,
) -> float:
    """The share of the need's story, weighted by how rare each term is, that the project's
    description also uses: 1.0 when every term of the story appears in it. ``need_weight``
    is ``text_weight(need_terms, idf)`` when the caller has it already (it does not depend on
    the project); the shorter text's terms are looked up in the longer one."""
    total = text_weight(need_terms, idf) if need_weight is None else need_weight
    if not total:
        return 0.0
    small, large = sorted((need_terms, project_terms), key=len)
    shared = sum(
        min(count, large[term]) * idf.get(term, 0.0)
        for term, count in small.items()
        if term in large
    )
    return shared / total


def idf_for(document_frequency: Counter, documents: int) -> dict[str, float]:
    """Inverse document frequency (BM25's, never negative) of each term over the projects."""
    return {
        term: math.log(1 + (documents - df + 0.5) / (df + 0.5))
        for term, df in document_frequency.items()
    }


def signal_values(
    need: NeedFacts, project: ProjectFacts, relevance: float, available_fen: int
) -> tuple[float, ...]:
    """The value of each signal, in the order of WEIGHTS."""
    if project.key_groups and not project.key_groups.isdisjoint(need.key_groups):
        key_group = 1.0
    else:
        key_group = 0.5 if need.key_groups else 0.0
    coverable = min(available_fen, project.cap_fen or available_fen)
    return (
        relevance,
        (need.urgency - 1) / 2,
        min(need.waiting_days / WAITING_FULL_DAYS, 1.0),
        key_group,
        project.region_level / 3,
        min(coverable / need.gap_fen, 1.0) if need.gap_fen > 0 else 0.0,
        1.0 if project.verified else 0.0,
        NO_ANSWER_HISTORY if project.answer_rate is None else project.answer_rate,
    )


_WEIGHT_VECTOR = tuple(WEIGHTS.values())


def score(values: tuple[float, ...]) -> float:
    return round(sum(v * w for v, w in zip(values, _WEIGHT_VECTOR, strict=True)), 2)


def signals(
    need: NeedFacts, project: ProjectFacts, relevance: float, available_fen: int
) -> list[Signal]:
    """Each signal with its value, weight and a sentence saying what it measured."""
    values = dict(zip(WEIGHTS, signal_values(need, project, relevance, available_fen), strict=True))
    answers = (
        _("No answered referrals yet.")
        if project.answer_rate is None
        else _("Answered %(percent)d%% of its referrals in time.")
        % {"percent": round(project.answer_rate * 100)}
    )
    texts = {
        "text": _("The story and the project's description share %(percent)d%% of the key terms.")
        % {"percent": round(values["text"] * 100)},
        "urgency": _("Urgency of the case."),
        "waiting": _("Waiting %(days)s days since the case became ready for referral.")
        % {"days": round(need.waiting_days, 1)},
        "key_group": _("Key-group priority (八类重点对象)."),
        "region": _("How local the project is: a county project beats a national one."),
        "amount": _("Share of the gap (%(gap)s) the project can cover.")
        % {"gap": format_money(need.gap_fen)},
        "verified": _("The charity is verified.")
        if project.verified
        else _("The charity is not verified."),
        "answers": answers,
    }
    return [Signal(code, values[code], WEIGHTS[code], texts[code]) for code in WEIGHTS]
