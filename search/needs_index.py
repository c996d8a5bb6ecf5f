"""The cases ready for referral as the embedded engine holds them: compact columns and an
inverted index of the stories' terms, for ranking the needs of one project.

A province holds some hundred thousand such cases, and one provincial project may pass all of
them. Held as one Python object each (a NeedFacts with its Counter of terms) they take several
hundred megabytes and are scored one by one; here each fact is a slot in a numpy column (the
category, the county, the household's statuses and key groups as bit masks, the gap, urgency,
time ready), and each story's terms are integer ids twice over: per case (the forward index)
and per term (the inverted index, the cases using it with their counts). The hard rules are
masks over the columns, the signals are arithmetic on them, and the text relevance is summed
either along the project's terms' postings or along the candidates' own terms, whichever
touches fewer entries.

The result is a shortlist, not the ranking: ``shortlist`` returns the needs whose vectorised
score could place them in the top ``limit`` (``_could_rank``: usually ``limit`` needs, a few
more when a score lies on a rounding boundary), and the engine ranks and explains those with
search.policy itself, so the order, the scores and the explanations are exactly what the
policy's own functions give.

Changes are incremental: a changed case's slot is marked dead and its new facts get a new slot
at the end, whose terms go into a small side list of postings. When dead slots or side
postings grow past a quarter of the index, it is compacted (live slots renumbered, postings
rebuilt in one sort): a change costs little, and the index never degrades.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from search import policy
from search.policy import NeedFacts, ProjectFacts

# How far (in points) the vectorised sum may differ from the policy's own: float noise is
# below 1e-9, the clock moving a second between the two changes "waiting" by 1e-5.
_NEAR = 1e-3
_NOTHING = object()  # no text weights kept yet
_ID_SPAN = 1 << 32  # case ids are below this: (score in cents, id) packs into one int64
_COMPACT_SHARE = 0.25  # dead slots or side postings beyond this share of the index: compact
_COMPACT_MIN = 1000  # ... and beyond this many, so a small index is not compacted for every change


class _Column:
    """A numpy array that grows by doubling: appends cost amortised O(1)."""

    def __init__(self, dtype, values=()) -> None:
        data = np.asarray(values, dtype=dtype)
        self.data = np.empty(max(16, len(data)), dtype=dtype)
        self.data[: len(data)] = data
        self.size = len(data)

    def append(self, value) -> None:
        if self.size == len(self.data):
            self.data = np.resize(self.data, 2 * len(self.data))
        self.data[self.size] = value
        self.size += 1

    @property
    def view(self) -> np.ndarray:
        return self.data[: self.size]


class _Codes:
    """Strings (or other hashable values) numbered in the order first seen."""

    def __init__(self) -> None:
        self.values: list = []
        self.ids: dict = {}

    def id(self, value) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found


class _Bits:
    """Names (household statuses, key groups) as bits of a 32-bit mask."""

    def __init__(self) -> None:
        self.bits: dict[str, int] = {}

    def mask(self, names: Iterable[str], add: bool = True) -> int:
        mask = 0
        for name in names:
            bit = self.bits.get(name)
            if bit is None:
                if not add:
                    continue  # a name no case has: it matches nothing
                if len(self.bits) == 32:
                    raise ValueError("more than 32 household statuses or key groups")
                bit = self.bits[name] = len(self.bits)
            mask |= 1 << bit
        return mask

    def names(self, mask: int) -> frozenset[str]:
        return frozenset(name for name, bit in self.bits.items() if mask >> bit & 1)


class NeedIndex(Mapping):
    """case id -> NeedFacts (rebuilt from the columns on access), plus ``shortlist``."""

    def __init__(self) -> None:
        self.compactions = 0  # how often the index was compacted (tests, the benchmark)
        self.load([])

    # ---- filling ----

    def load(self, facts: Iterable[NeedFacts]) -> None:
        """Hold exactly these needs (a full load). Built aside and swapped in whole: facts
        stream from the database, and a load that fails midway leaves the index as it was."""
        fresh = object.__new__(NeedIndex)
        fresh._fill(facts)
        fresh.compactions = self.__dict__.get("compactions", 0)
        self.__dict__ = fresh.__dict__

    def _fill(self, facts: Iterable[NeedFacts]) -> None:
        self._terms = _Codes()  # term -> id; the vocabulary of every story held
        self._categories = _Codes()
        self._conditions = _Codes()
        self._counties = _Codes()  # (region path, county name) -> id
        self._region_counties: dict[str, list[int]] = {}  # any code on a path -> county ids
        self._statuses, self._key_groups = _Bits(), _Bits()
        self._slot_of: dict[int, int] = {}
        self._declined: dict[int, frozenset[int]] = {}  # slot -> project ids (few cases)
        self._declined_slots: dict[int, set[int]] = {}  # project id -> slots
        # Projects holding an open referral for the case: left out like those that declined.
        self._referred: dict[int, frozenset[int]] = {}  # slot -> project ids (few cases)
        self._referred_slots: dict[int, set[int]] = {}  # project id -> slots
        self._public: dict[int, tuple[str, str]] = {}  # slot -> (need public id, title)
        # Filled in typed arrays (4 or 8 bytes a value, not a Python int's 28 and a pointer):
        # a province's stories hold millions of terms.
        rows = {
            name: array(_ARRAY_TYPES[np.dtype(dtype).kind], ()) for name, dtype in _COLUMNS.items()
        }
        forward_terms, forward_counts = array("i"), array("i")
        start = 0
        repeated = []  # slots of a case given again (the later facts hold)
        for need in facts:
            slot = len(rows["case_id"])
            if need.case_id in self._slot_of:
                repeated.append(self._slot_of[need.case_id])
                self._forget(repeated[-1])
            for name, value in self._row(slot, need).items():
                rows[name].append(value)
            ids = [self._terms.id(term) for term in need.terms]
            forward_terms.extend(ids)
            forward_counts.extend(need.terms.values())
            rows["start"].append(start)
            rows["length"].append(len(ids))
            start += len(ids)
        self._columns = {name: _Column(dtype, rows[name]) for name, dtype in _COLUMNS.items()}
        self._columns["alive"].data[repeated] = False
        self._forward_terms = _Column(np.int32, forward_terms)
        self._forward_counts = _Column(np.int32, forward_counts)
        self._dead = len(repeated)
        self._weights_key: object = _NOTHING  # what the kept text weights were computed under
        self._idf, self._weights = np.zeros(0), np.zeros(0)
        self._build_postings()

    def replace(self, changed_ids: Iterable[int], facts: Iterable[NeedFacts]) -> None:
        """Drop these cases, then add the given facts (cases no longer ready have none)."""
        for case_id in changed_ids:
            self._drop(case_id)
        for need in facts:
            self._drop(need.case_id)
            self._add(need)
        live = len(self._slot_of)
        limit = max(_COMPACT_MIN, _COMPACT_SHARE * live)
        if self._dead > limit or self._side_entries > limit * 8:
            self._compact()

    def _row(self, slot: int, need: NeedFacts) -> dict:
        """The column values of one need, and its entries in the small side tables."""
        key = (need.region_path, need.county_name)
        first_seen = key not in self._counties.ids
        county = self._counties.id(key)
        if first_seen:  # index the county by every code on its path
            for code in need.region_path:
                self._region_counties.setdefault(code, []).append(county)
        self._slot_of[need.case_id] = slot
        if need.declined_by:
            self._declined[slot] = need.declined_by
            for project_id in need.declined_by:
                self._declined_slots.setdefault(project_id, set()).add(slot)
        if need.referred_to:
            self._referred[slot] = need.referred_to
            for project_id in need.referred_to:
                self._referred_slots.setdefault(project_id, set()).add(slot)
        if need.need_public_id is not None:
            self._public[slot] = (need.need_public_id, need.need_title)
        return {
            "case_id": need.case_id,
            "alive": True,
            "category": self._categories.id(need.category),
            "county": county,
            "statuses": self._statuses.mask(need.statuses),
            "key_groups": self._key_groups.mask(need.key_groups),
            "gap": need.gap_fen,
            "urgency": need.urgency,
            "ready": need.ready_since,
            "age": -1 if need.age is None else need.age,
            "sex": _SEXES.get(need.sex, 0),
            "condition": self._conditions.id(need.condition),
            "disability_kind": self._conditions.id(need.disability_kind),
            "disability": need.disability_grade or 0,
            "hukou_elsewhere": need.hukou_elsewhere,
        }

    def _add(self, need: NeedFacts) -> None:
        slot = self._columns["case_id"].size
        row = self._row(slot, need)
        row["start"] = self._forward_terms.size
        row["length"] = len(need.terms)
        for name, value in row.items():
            self._columns[name].append(value)
        for term, count in need.terms.items():
            term_id = self._terms.id(term)
            self._forward_terms.append(term_id)
            self._forward_counts.append(count)
            slots, counts = self._side.setdefault(term_id, ([], []))
            slots.append(slot)
            counts.append(count)
            self._side_entries += 1

    def _drop(self, case_id: int) -> None:
        slot = self._slot_of.pop(case_id, None)
        if slot is None:
            return
        self._columns["alive"].data[slot] = False
        self._dead += 1
        self._forget(slot)

    def _forget(self, slot: int) -> None:
        """A dead slot's entries in the side tables."""
        self._public.pop(slot, None)
        for project_id in self._declined.pop(slot, ()):
            self._declined_slots[project_id].discard(slot)
        for project_id in self._referred.pop(slot, ()):
            self._referred_slots[project_id].discard(slot)

    def _compact(self) -> None:
        """Renumber the live slots from 0 and rebuild the postings without the dead."""
        alive = self._columns["alive"].view
        new_slot = np.cumsum(alive) - 1  # old slot -> new slot (for the live ones)
        lengths = self._columns["length"].view
        owner = np.repeat(np.arange(len(lengths)), lengths)
        keep = alive[owner]
        self._forward_terms = _Column(np.int32, self._forward_terms.view[keep])
        self._forward_counts = _Column(np.int32, self._forward_counts.view[keep])
        self._columns = {
            name: _Column(col.data.dtype, col.view[alive]) for name, col in self._columns.items()
        }
        kept_lengths = self._columns["length"].view
        self._columns["start"] = _Column(np.int64, np.cumsum(kept_lengths) - kept_lengths)
        remap = {int(old): int(new_slot[old]) for old in np.flatnonzero(alive)}
        self._slot_of = {case_id: remap[slot] for case_id, slot in self._slot_of.items()}
        self._declined = {remap[slot]: ids for slot, ids in self._declined.items()}
        self._declined_slots = {}
        for slot, ids in self._declined.items():
            for project_id in ids:
                self._declined_slots.setdefault(project_id, set()).add(slot)
        self._referred = {remap[slot]: ids for slot, ids in self._referred.items()}
        self._referred_slots = {}
        for slot, ids in self._referred.items():
            for project_id in ids:
                self._referred_slots.setdefault(project_id, set()).add(slot)
        self._public = {remap[slot]: value for slot, value in self._public.items()}
        self._dead = 0
        self._weights_key = _NOTHING
        self._build_postings()
        self.compactions += 1

    def _build_postings(self) -> None:
        """The inverted index in CSR form: for term t, the live slots using it are
        ``slots[start[t]:start[t + 1]]`` with their counts; later additions go to the side."""
        lengths = self._columns["length"].view
        owner = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        keep = self._columns["alive"].view[owner]
        terms = self._forward_terms.view[keep]
        order = np.argsort(terms, kind="stable")  # stable: slots ascending within a term
        self._posting_slots = owner[keep][order]
        self._posting_counts = self._forward_counts.view[keep][order]
        self._posting_start = np.concatenate(
            ([0], np.cumsum(np.bincount(terms, minlength=len(self._terms.values))))
        )
        self._side: dict[int, tuple[list[int], list[int]]] = {}
        self._side_entries = 0

    # ---- reading ----

    def __getitem__(self, case_id: int) -> NeedFacts:
        return self._facts(self._slot_of[case_id])

    def __iter__(self) -> Iterator[int]:
        return iter(self._slot_of)

    def __len__(self) -> int:
        return len(self._slot_of)

    def _facts(self, slot: int) -> NeedFacts:
        col = {name: column.data[slot] for name, column in self._columns.items()}
        start, length = int(col["start"]), int(col["length"])
        vocabulary = self._terms.values
        terms = Counter(
            dict(
                zip(
                    (vocabulary[i] for i in self._forward_terms.data[start : start + length]),
                    self._forward_counts.data[start : start + length].tolist(),
                    strict=True,
                )
            )
        )
        path, county_name = self._counties.values[int(col["county"])]
        public_id, title = self._public.get(slot, (None, ""))
        return NeedFacts(
            case_id=int(col["case_id"]),
            category=self._categories.values[int(col["category"])],
            region_path=path,
            county_name=county_name,
            statuses=self._statuses.names(int(col["statuses"])),
            key_groups=self._key_groups.names(int(col["key_groups"])),
            gap_fen=int(col["gap"]),
            urgency=int(col["urgency"]),
            ready_since=float(col["ready"]),
            terms=terms,
            declined_by=self._declined.get(slot, frozenset()),
            referred_to=self._referred.get(slot, frozenset()),
            need_public_id=public_id,
            need_title=title,
            age=None if int(col["age"]) < 0 else int(col["age"]),
            sex=_SEX_NAMES[int(col["sex"])],
            condition=self._conditions.values[int(col["condition"])],
            disability_kind=self._conditions.values[int(col["disability_kind"])],
            disability_grade=int(col["disability"]) or None,
            hukou_elsewhere=bool(col["hukou_elsewhere"]),
        )

    # ---- ranking ----

    def shortlist(
        self,
        project: ProjectFacts,
        own_fen: int,
        funds,
        idf: dict[str, float],
        idf_key: object,
        limit: int,
        now: float,
        text_path: str | None = None,
        avg_length: float = 0.0,
    ) -> list[NeedFacts]:
        """The needs passing every hard rule for ``project`` (money: its balance ``own_fen``,
        or the first of ``funds``, richest first, that admits the case, as
        policy.money_source) whose score could place them in the top ``limit``. ``idf_key``
        changes whenever ``idf`` does (the kept text weights are recomputed). ``text_path``
        ("postings" or "forward") forces one way of summing the text (tests)."""
        if project.status != "open" or limit <= 0:
            return []
        col = {name: column.view for name, column in self._columns.items()}
        categories = [
            self._categories.ids[c] for c in project.categories if c in self._categories.ids
        ]
        counties = {c for code in project.region_codes for c in self._region_counties.get(code, ())}
        if not categories or not counties:
            return []
        mask = col["alive"] & _lookup(len(self._categories.values), categories)[col["category"]]
        mask &= _lookup(len(self._counties.values), counties)[col["county"]]
        for names, bits, column in (
            (project.statuses, self._statuses, "statuses"),
            (project.key_groups, self._key_groups, "key_groups"),
        ):
            if names:
                mask &= (col[column] & bits.mask(names, add=False)) != 0
        mask &= self._limits_mask(project, col)
        slots = np.flatnonzero(mask)
        declined = self._declined_slots.get(project.id, set()) | self._referred_slots.get(
            project.id, set()
        )
        if declined:
            slots = np.setdiff1d(slots, np.fromiter(declined, dtype=np.int64), assume_unique=True)
        if not slots.size:
            return []

        gap = col["gap"][slots]
        cap = project.cap_fen
        if cap and not project.accepts_partial:  # policy.cap_covers
            covered = gap <= cap
            slots, gap = slots[covered], gap[covered]
            if not slots.size:
                return []
        needed = np.minimum(gap, cap) if cap else gap
        available = np.full(slots.size, own_fen, dtype=np.int64)
        if funds and not policy.is_service(project):  # no fund gives places
            short = ~_has_money(project, available, needed)
            self._fund_money(slots, short, available, own_fen, funds)
        passing = _has_money(project, available, needed)
        slots, gap, available = slots[passing], gap[passing], available[passing]
        if not slots.size:
            return []

        weights = self._text_weights(idf, idf_key)[slots]
        values = policy.term_values(project, idf, avg_length or project.length)
        shared = self._shared_text(slots, values, text_path)
        relevance = np.divide(shared, weights, out=np.zeros(slots.size), where=weights > 0)
        relevance = np.minimum(relevance, 1.0)
        # A project naming key groups kept only needs in one of them (the eligibility rule).
        in_group = np.where(col["key_groups"][slots] != 0, 0.5, 0.0)
        key_group = 1.0 if project.key_groups else in_group
        coverable = np.minimum(available, cap) if cap else available
        # A need with no gap left covers nothing (policy.signal_values).
        amount = np.divide(coverable, gap, out=np.zeros(slots.size), where=gap > 0)
        if policy.is_service(project):  # the share of its places free (policy.signal_values)
            amount = np.full(
                slots.size, min(own_fen / project.places, 1.0) if project.places else 0.0
            )
        waiting = np.clip((now - col["ready"][slots]) / 86400, 0.0, None)
        weight = policy.WEIGHTS
        constant = (
            weight["region"] * project.region_level / 3
            + weight["verified"] * (1.0 if project.verified else 0.0)
            + weight["answers"]
            * (policy.NO_ANSWER_HISTORY if project.answer_rate is None else project.answer_rate)
            + weight["fit"] * policy.fit_value(project)
            + weight["completed"] * policy.completed_value(project)
        )  # the signals that are the same for every need of this project
        score = (
            weight["text"] * relevance
            + weight["urgency"] * (col["urgency"][slots] - 1) / 2
            + weight["waiting"] * np.minimum(waiting / policy.WAITING_FULL_DAYS, 1.0)
            + weight["key_group"] * key_group
            + weight["amount"] * np.minimum(amount, 1.0)
            + constant
        )
        if slots.size > limit:
            slots = slots[_could_rank(score, col["case_id"][slots], limit)]
        return [self._facts(int(slot)) for slot in slots]

    def _limits_mask(self, project: ProjectFacts, col) -> np.ndarray | bool:
        """policy.meets_limits but the cap, over the columns: the patient's age, sex,
        condition, disability grade and household registration."""
        mask = True
        if project.age_min is not None or project.age_max is not None:
            age = col["age"]
            mask = mask & (age >= 0)
            if project.age_min is not None:
                mask = mask & (age >= project.age_min)
            if project.age_max is not None:
                mask = mask & (age <= project.age_max)
        if project.sex:
            mask = mask & (col["sex"] == _SEXES.get(project.sex, -1))
        named = None
        if project.conditions:
            known = [
                self._conditions.ids[c] for c in project.conditions if c in self._conditions.ids
            ]
            named = _lookup(len(self._conditions.values), known)
            mask = mask & (named[col["condition"]] | named[col["disability_kind"]])
        if project.disability_grade_max is not None:
            grade = col["disability"]
            graded = (grade > 0) & (grade <= project.disability_grade_max)
            mask = mask & (graded if named is None else graded | named[col["condition"]])
        if project.requires_local_hukou:
            mask = mask & ~col["hukou_elsewhere"]
        return mask

    def _fund_money(self, slots, short, available, own_fen: int, funds) -> None:
        """policy.money_source over arrays: a need the project's own balance cannot pay
        takes the first fund, richest first, richer than the project, that admits it."""
        counties = len(self._counties.values)
        pairs = self._columns["category"].view[slots].astype(np.int64) * counties
        pairs += self._columns["county"].view[slots]
        open_ = short.copy()
        for fund in funds:
            if fund.available_fen <= own_fen or not open_.any():
                break
            admitted = [
                int(pair)
                for pair in np.unique(pairs[open_])
                if fund.admits(
                    self._categories.values[pair // counties],
                    "/".join(self._counties.values[pair % counties][0]),
                )
            ]
            take = open_ & np.isin(pairs, admitted)
            available[take] = fund.available_fen
            open_ &= ~take

    def _text_weights(self, idf: dict[str, float], key: object) -> np.ndarray:
        """policy.text_weight of every slot's story under ``idf``: kept until the idf, the
        vocabulary or the slots change, then computed for what is new."""
        size = self._columns["case_id"].size
        if key != self._weights_key:  # the sentinel equals no key: computed on first use
            self._weights_key, self._weights = key, np.zeros(0)
            self._idf = np.zeros(0)
        if len(self._idf) < len(self._terms.values):
            new = self._terms.values[len(self._idf) :]
            self._idf = np.concatenate((self._idf, [idf.get(term, 0.0) for term in new]))
        done = len(self._weights)
        if done < size:
            lengths = self._columns["length"].view[done:]
            first = int(self._columns["start"].data[done]) if lengths.size else 0
            end = first + int(lengths.sum())
            values = self._idf[self._forward_terms.data[first:end]]
            owner = np.repeat(np.arange(size - done), lengths)
            added = np.bincount(owner, weights=values, minlength=size - done)
            self._weights = np.concatenate((self._weights, added))
        return self._weights

    def _shared_text(self, slots, term_values: dict, text_path) -> np.ndarray:
        """For each slot, the sum over the terms its story shares with the project of the
        term's BM25 score in the project (policy.text_relevance's numerator)."""
        term_ids = self._terms.ids
        used = [(term_ids[t], v) for t, v in term_values.items() if t in term_ids]
        if not used:
            return np.zeros(slots.size)
        start = self._posting_start
        along_postings = sum(
            int(start[i + 1] - start[i]) if i + 1 < len(start) else 0 for i, _v in used
        ) + sum(len(self._side.get(i, ((), ()))[0]) for i, _v in used)
        lengths = self._columns["length"].view[slots]
        along_stories = int(lengths.sum())
        if text_path == "postings" or (text_path is None and along_postings < along_stories):
            total = np.zeros(self._columns["case_id"].size)
            for term_id, value in used:
                if term_id + 1 < len(start):
                    lo, hi = start[term_id], start[term_id + 1]
                    total[self._posting_slots[lo:hi]] += value
                side = self._side.get(term_id)
                if side is not None:
                    total[np.asarray(side[0])] += value
            return total[slots]
        in_project = np.zeros(len(self._terms.values))
        for term_id, value in used:
            in_project[term_id] = value
        starts = self._columns["start"].view[slots]
        entry = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths) + np.arange(
            along_stories
        )
        values = in_project[self._forward_terms.data[entry]]
        owner = np.repeat(np.arange(slots.size), lengths)
        return np.bincount(owner, weights=values, minlength=slots.size)


_SEXES = {"": 0, "female": 1, "male": 2}
_SEX_NAMES = {code: name for name, code in _SEXES.items()}
_ARRAY_TYPES = {"i": "q", "u": "Q", "b": "b", "f": "d"}  # numpy kind -> array typecode
_COLUMNS = {
    "case_id": np.int64,
    "alive": np.bool_,
    "category": np.int32,
    "county": np.int32,
    "statuses": np.uint32,
    "key_groups": np.uint32,
    "gap": np.int64,
    "urgency": np.int8,
    "ready": np.float64,
    "age": np.int16,  # -1: not recorded
    "sex": np.int8,  # _SEXES
    "condition": np.int32,  # into _conditions ("" when not recorded)
    "disability_kind": np.int32,  # into _conditions ("" when none)
    "disability": np.int8,  # the grade, 0 when none recorded
    "hukou_elsewhere": np.bool_,
    "start": np.int64,  # where the slot's terms begin in the forward index
    "length": np.int32,  # how many distinct terms its story has
}


def _lookup(size: int, ids) -> np.ndarray:
    """A table of ``size`` flags, set at ``ids``: indexed by a column, the rows whose value is
    one of ``ids`` (cheaper than np.isin, which sorts)."""
    table = np.zeros(size, dtype=np.bool_)
    table[list(ids)] = True
    return table


def _has_money(project: ProjectFacts, available: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """policy.has_money over arrays."""
    if policy.is_service(project) or project.accepts_partial:
        return available > 0
    return available >= needed


def _could_rank(score: np.ndarray, case_ids: np.ndarray, limit: int) -> np.ndarray:
    """Which needs could be among the ``limit`` best by the policy's order: its score rounded
    to the cent (policy.score), then the lower case id.

    ``score`` is the policy's unrounded sum up to float noise and the clock moving between
    here and the policy's own call (both far below ``_NEAR``). Rounded, it is the policy's
    score, unless it lies within ``_NEAR`` of a half cent, where the policy may round the
    other way: such a need's score is known to a cent either side. Each need so has a lowest
    and a highest possible (score, -id) key; the ``limit``-th best lowest key is reached by
    at least ``limit`` needs, so a need whose highest key is below it cannot be among them.
    Ties on the score are cut by the id here as in the policy, so thousands of needs alike
    (the same story, gap and urgency, waiting past the full days) shortlist only ``limit``.
    """
    cents = score * 100
    rounded = np.rint(cents).astype(np.int64)
    uncertain = (np.abs(cents - np.floor(cents) - 0.5) < _NEAR * 100).astype(np.int64)
    tie = _ID_SPAN - 1 - case_ids.astype(np.int64)  # a lower id ranks first
    lowest = (rounded - uncertain) * _ID_SPAN + tie
    highest = (rounded + uncertain) * _ID_SPAN + tie
    threshold = np.partition(lowest, lowest.size - limit)[lowest.size - limit]
    return highest >= threshold
