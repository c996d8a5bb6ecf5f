"""What makes a charity project fit a case's need: the matching policy, written once.

Both directions (projects for a need, needs for a project) and every engine apply these
functions; an engine only decides which pairs to look at.

Hard rules (a project that breaks one is not listed):
- the project is open;
- it covers the need's category;
- the need's county lies inside one of the project's regions;
- the household meets the project's eligibility (any of its household statuses, any of its key
  groups; an empty list means no limit);
- the patient meets the project's structured limits, each a rule of its own (age range, sex,
  conditions, disability grade, household registration in the project's regions): a limit
  the case's recorded facts cannot be shown to meet (an age not recorded) excludes it;
- a project that does not accept partial funding has a per-case cap covering the whole gap;
- money (a funds project): what the project holds, or what one special fund holds that may pay
  for this case (donors.selectors.drawable_funds: a fund of the project's own charity, or an
  enterprise's fund, whose fund managers commit it to any charity project's accepted referral;
  its restrictions admitting the case's category and region), covers the smaller of the gap and
  its per-case cap, or, when it accepts partial funding, it holds something (one source: an
  allocation comes from one);
- places (a service project or volunteer team, which gives no money): it has a free place
  in its current period (projects.capacity); engines pass the free places where they pass a
  funds project's balance, and the policy reads them as places, never as fen;
- the project has not already declined this case, nor holds an open referral for it.

Soft signals, each a value from 0 to 1 times its weight (points), every one shown. Fit leads:
structured fit (a project made for the patient's condition, age and kind of hardship), the
share of the gap the project can cover (proportional), the charity's reliability (verified,
answering referrals in time, referrals completed), then text relevance (BM25 of the story
against the project's title and description, as Elasticsearch scores it) and urgency; time
waiting, key-group priority and region specificity (a county project beats a national one)
weigh least: a bonus never outranks fit.
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
    "text": 20,
    "urgency": 12,
    "waiting": 5,
    "key_group": 4,
    "region": 3,
    "amount": 18,
    "verified": 6,
    "answers": 4,
    "fit": 25,
    "completed": 3,
}
COMPLETED_FULL = 5  # this many completed referrals or more give the full "completed" points
# BM25's parameters, Elasticsearch's defaults, and the title's weight over the description
# (Elasticsearch: the query's "title^3"), so both engines score text alike.
BM25_K1 = 1.2
BM25_B = 0.75
TITLE_BOOST = 3
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
    # The patient's facts as assessed (None or empty: not recorded).
    age: int | None = None
    sex: str = ""
    condition: str = ""  # projects.conditions.Condition
    disability_kind: str = ""  # a disability_* condition code
    disability_grade: int | None = None  # 1 (most severe) to 4
    hukou_elsewhere: bool = False  # household registered outside the case's county

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
    terms: Counter = field(default_factory=Counter)  # the title's counted TITLE_BOOST times
    age_min: int | None = None
    age_max: int | None = None
    sex: str = ""
    conditions: frozenset[str] = frozenset()
    disability_grade_max: int | None = None  # this grade or a more severe one (lower number)
    requires_local_hukou: bool = False
    completed_referrals: int = 0  # the charity's referrals completed
    # A service project's or volunteer team's places per period (None: a funds project).
    # Its "available" figure is then its free places now, not fen (projects.capacity).
    places: int | None = None
    _length: tuple = field(default=(None, 0), repr=False, compare=False)

    @property
    def length(self) -> int:
        """BM25's document length: the sum of the term counts (kept while ``terms`` is the
        same object)."""
        key = id(self.terms)
        if self._length[0] != key:
            self._length = (key, sum(self.terms.values()))
        return self._length[1]


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


def is_service(project: ProjectFacts) -> bool:
    return project.places is not None


def needed_fen(need: NeedFacts, project: ProjectFacts) -> int:
    """The least a project must hold to take the case: the gap, or its cap if smaller (only
    a project accepting partial funding may have a cap below the gap: cap_covers)."""
    return min(need.gap_fen, project.cap_fen) if project.cap_fen else need.gap_fen


def cap_covers(need: NeedFacts, project: ProjectFacts) -> bool:
    """A project that does not fund part of a gap must be able to fund all of it: its cap
    (if any) at least the gap."""
    return project.accepts_partial or not project.cap_fen or project.cap_fen >= need.gap_fen


def age_fits(need: NeedFacts, project: ProjectFacts) -> bool:
    if project.age_min is None and project.age_max is None:
        return True
    if need.age is None:
        return False
    return (project.age_min is None or need.age >= project.age_min) and (
        project.age_max is None or need.age <= project.age_max
    )


def sex_fits(need: NeedFacts, project: ProjectFacts) -> bool:
    return not project.sex or need.sex == project.sex


def condition_fits(need: NeedFacts, project: ProjectFacts) -> bool:
    """Any of the project's conditions: the patient's illness or kind of disability."""
    return (
        not project.conditions
        or need.condition in project.conditions
        or need.disability_kind in project.conditions
    )


def disability_fits(need: NeedFacts, project: ProjectFacts) -> bool:
    """A project taking disabled patients of some grades takes them of those grades; a
    patient it takes for a named illness needs no disability at all."""
    if project.disability_grade_max is None or need.condition in project.conditions:
        return True
    grade = need.disability_grade
    return grade is not None and grade <= project.disability_grade_max


def residence_fits(need: NeedFacts, project: ProjectFacts) -> bool:
    return not project.requires_local_hukou or not need.hukou_elsewhere


def meets_limits(need: NeedFacts, project: ProjectFacts) -> bool:
    """The patient's structured limits, the cap rule included."""
    return (
        age_fits(need, project)
        and sex_fits(need, project)
        and condition_fits(need, project)
        and disability_fits(need, project)
        and residence_fits(need, project)
        and cap_covers(need, project)
    )


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
        and meets_limits(need, project)
    )


def has_money(need: NeedFacts, project: ProjectFacts, available_fen: int) -> bool:
    """The resource rule: money for a funds project; for a service, a free place (then
    ``available_fen`` holds its free places)."""
    if is_service(project):
        return available_fen > 0
    if project.accepts_partial:
        return available_fen > 0
    return available_fen >= needed_fen(need, project)


def fund_admits(fund, need: NeedFacts) -> bool:
    return fund.admits(need.category, "/".join(need.region_path))


def money_source(need: NeedFacts, project: ProjectFacts, project_fen: int, funds=()):
    """The source the money rule reads, as (available fen, fund or None for the project's own
    balance): the project's balance when it passes; else the richest of ``funds`` (the
    charity's drawable funds, richest first) that admits the case, when it holds more. A
    service's places are its own: no fund gives places."""
    if is_service(project):
        return project_fen, None
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
        "free": available_fen,
        "places": project.places,
    }
    if is_service(project):
        money_text = _("The service has %(free)s of its %(places)s places free this period.") % (
            values
        )
    elif fund is not None and getattr(fund, "enterprise", False):
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
        *limit_rules(need, project),
        Rule(
            "capacity" if is_service(project) else "money",
            has_money(need, project, available_fen),
            money_text,
        ),
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


def _age_range(project: ProjectFacts) -> str:
    values = {"low": project.age_min, "high": project.age_max}
    if project.age_max is None:
        return _("%(low)s years or older") % values
    if project.age_min is None:
        return _("%(high)s years or younger") % values
    return _("%(low)s to %(high)s years") % values


def limit_rules(need: NeedFacts, project: ProjectFacts) -> list[Rule]:
    """The patient's structured limits and the cap, a rule each, in the user's language."""
    from projects.conditions import condition_label

    if project.age_min is None and project.age_max is None:
        age_text = _("The project takes patients of any age.")
    elif need.age is None:
        age_text = _(
            "The project takes patients aged %(range)s; the patient's age is not recorded."
        ) % {"range": _age_range(project)}
    else:
        age_text = _("The project takes patients aged %(range)s; the patient is %(age)s.") % {
            "range": _age_range(project),
            "age": need.age,
        }
    sex_text = {
        "": _("The project takes patients of either sex."),
        "female": _("The project takes female patients only."),
        "male": _("The project takes male patients only."),
    }.get(project.sex, _("The project takes patients of either sex."))
    if not project.conditions:
        condition_text = _("The project is not limited to certain conditions.")
    else:
        covered = "、".join(condition_label(c) for c in sorted(project.conditions))
        patient = "、".join(condition_label(c) for c in (need.condition, need.disability_kind) if c)
        condition_text = (
            _("The project covers %(conditions)s; the patient's condition is %(condition)s.")
            % {"conditions": covered, "condition": patient}
            if patient
            else _("The project covers %(conditions)s; the patient's condition is not recorded.")
            % {"conditions": covered}
        )
    if project.disability_grade_max is None:
        disability_text = _("The project does not require a disability certificate.")
    else:
        disability_text = _(
            "The project takes patients with a disability of grade %(grade)s or more severe, "
            "or with one of its named illnesses."
        ) % {"grade": project.disability_grade_max}
    residence_text = (
        _("The project requires household registration (户籍) in its regions.")
        if project.requires_local_hukou
        else _("The project takes households wherever they are registered (户籍).")
    )
    cap_text = (
        _("The project may fund part of the gap.")
        if project.accepts_partial or not project.cap_fen
        else _("The project funds whole gaps only, up to %(cap)s a case; the gap is %(gap)s.")
        % {"cap": format_money(project.cap_fen), "gap": format_money(need.gap_fen)}
    )
    return [
        Rule("age", age_fits(need, project), age_text),
        Rule("sex", sex_fits(need, project), sex_text),
        Rule("condition", condition_fits(need, project), condition_text),
        Rule("disability", disability_fits(need, project), disability_text),
        Rule("residence", residence_fits(need, project), residence_text),
        Rule("cap", cap_covers(need, project), cap_text),
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
    """What a story's terms weigh together: the sum of their idf, each term once (BM25
    counts a query term once, however often the story repeats it)."""
    return sum(idf.get(term, 0.0) for term in terms)


def term_value(idf: float, count: int, length: int, avg_length: float) -> float:
    """BM25's score of one term found ``count`` times in a project of ``length`` terms:
    ``idf`` for a single occurrence in a project of average length, at most
    ``idf * (K1 + 1)``."""
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / avg_length) if avg_length else BM25_K1
    return idf * count * (BM25_K1 + 1) / (count + norm)


def term_values(project: ProjectFacts, idf: dict[str, float], avg_length: float) -> dict:
    """term -> its BM25 score in ``project``: what a story using the term gets from it."""
    return {
        term: term_value(idf.get(term, 0.0), count, project.length, avg_length)
        for term, count in project.terms.items()
    }


def text_relevance(
    need_terms: Counter,
    project_terms: Counter | ProjectFacts,
    idf: dict[str, float],
    need_weight: float | None = None,
    avg_length: float | None = None,
) -> float:
    """BM25 (Elasticsearch's similarity) of the project's title and description for the
    need's story as the query, as a share: the score divided by what a project of average
    length using every term of the story once would get, at most 1. A rare shared term
    (白血病) weighs far more than common billing words (医保, 报销), and a term the title holds
    counts TITLE_BOOST times. ``need_weight`` is ``text_weight(need_terms, idf)`` when the
    caller has it; ``avg_length`` the projects' average length (None: the project's own)."""
    total = text_weight(need_terms, idf) if need_weight is None else need_weight
    if not total:
        return 0.0
    if isinstance(project_terms, ProjectFacts):
        terms, length = project_terms.terms, project_terms.length
    else:
        terms, length = project_terms, sum(project_terms.values())
    average = avg_length if avg_length else length
    small, large = (need_terms, terms) if len(need_terms) <= len(terms) else (terms, need_terms)
    shared = 0.0
    for term in small:
        if term in large:
            shared += term_value(idf.get(term, 0.0), terms[term], length, average)
    return min(shared / total, 1.0)


def idf_for(document_frequency: Counter, documents: int) -> dict[str, float]:
    """Inverse document frequency (BM25's, never negative) of each term over the projects."""
    return {
        term: math.log(1 + (documents - df + 0.5) / (df + 0.5))
        for term, df in document_frequency.items()
    }


def fit_value(project: ProjectFacts) -> float:
    """How squarely the project is made for a case it may take (its hard rules passed): made
    for the patient's condition (named in a short list), age group and kind of hardship
    score above a project open to everyone."""
    named = len(project.conditions)
    condition = (1.0 if named <= 3 else 0.7) if named else 0.3
    age = 1.0 if project.age_min is not None or project.age_max is not None else 0.5
    category = 1.0 if len(project.categories) <= 1 else 0.6
    return 0.5 * condition + 0.3 * age + 0.2 * category


def completed_value(project: ProjectFacts) -> float:
    return min(project.completed_referrals / COMPLETED_FULL, 1.0)


def signal_values(
    need: NeedFacts, project: ProjectFacts, relevance: float, available_fen: int
) -> tuple[float, ...]:
    """The value of each signal, in the order of WEIGHTS."""
    if project.key_groups and not project.key_groups.isdisjoint(need.key_groups):
        key_group = 1.0
    else:
        key_group = 0.5 if need.key_groups else 0.0
    coverable = min(available_fen, project.cap_fen or available_fen)
    if is_service(project):
        # A place covers the service a case needs: the share of places still free stands for
        # the share of the gap a funds project can cover.
        amount = min(available_fen / project.places, 1.0) if project.places else 0.0
    else:
        amount = min(coverable / need.gap_fen, 1.0) if need.gap_fen > 0 else 0.0
    return (
        relevance,
        (need.urgency - 1) / 2,
        min(need.waiting_days / WAITING_FULL_DAYS, 1.0),
        key_group,
        project.region_level / 3,
        amount,
        1.0 if project.verified else 0.0,
        NO_ANSWER_HISTORY if project.answer_rate is None else project.answer_rate,
        fit_value(project),
        completed_value(project),
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
        "fit": _(
            "How squarely the project is made for this case: its conditions, age group and "
            "kind of hardship."
        ),
        "completed": _("Referrals the charity completed: %(count)s.")
        % {"count": project.completed_referrals},
        "urgency": _("Urgency of the case."),
        "waiting": _("Waiting %(days)s days since the case became ready for referral.")
        % {"days": round(need.waiting_days, 1)},
        "key_group": _("Key-group priority (八类重点对象)."),
        "region": _("How local the project is: a county project beats a national one."),
        "amount": (
            _("Share of the service's places still free this period.")
            if is_service(project)
            else _("Share of the gap (%(gap)s) the project can cover.")
            % {"gap": format_money(need.gap_fen)}
        ),
        "verified": _("The charity is verified.")
        if project.verified
        else _("The charity is not verified."),
        "answers": answers,
    }
    return [Signal(code, values[code], WEIGHTS[code], texts[code]) for code in WEIGHTS]
