"""A small labelled set for the ranking's quality (NDCG@5 in bench/matching.py): cases in
Chaoyang district of Changchun and the projects a caseworker there would pick for each, graded
2 (first choice) or 1 (acceptable). Written by hand from the seeds' kinds of hardship."""

from __future__ import annotations

import time

from search.text import project_counts, term_counts

_PATH = ("220000", "220100", "220104")
_DAY = 86400


def _project(pid, title, text, categories, region, level, **extra):
    row = {
        "id": pid,
        "organisation_id": pid,
        "organisation_name": f"慈善组织{pid}",
        "title": title,
        "status": "open",
        "categories": frozenset(categories),
        "region_codes": frozenset({region}),
        "region_level": level,
        "statuses": frozenset(),
        "key_groups": frozenset(),
        "cap_fen": 2_000_000,
        "accepts_partial": True,
        "verified": True,
        "answer_rate": 0.9,
        "terms": project_counts(title, text),
    }
    row.update(extra)
    return row


def _need(cid, category, story, *, urgency=2, days=3, gap=1_000_000, key_groups=(), statuses=()):
    return {
        "case_id": cid,
        "category": category,
        "region_path": _PATH,
        "county_name": "朝阳区",
        "statuses": frozenset(statuses),
        "key_groups": frozenset(key_groups),
        "gap_fen": gap,
        "urgency": urgency,
        "ready_since": time.time() - days * _DAY,
        "terms": term_counts(story),
    }


LABELLED = {
    "projects": [
        _project(
            1,
            "朝阳区大病医疗救助",
            "突发重病住院、医疗费用负担重的家庭，资助住院自付费用",
            ["illness"],
            "220104",
            3,
        ),
        _project(
            2,
            "吉林省大病救助基金",
            "重大疾病患者医疗费用救助，包括癌症、尿毒症透析",
            ["illness"],
            "220000",
            1,
        ),
        _project(
            3,
            "长春市困境儿童关爱",
            "事实无人抚养儿童、孤儿的生活和助学补助",
            ["child"],
            "220100",
            2,
        ),
        _project(
            4,
            "朝阳区火灾受灾家庭安居",
            "火灾烧毁住房的家庭临时安置和房屋修缮",
            ["fire", "disaster"],
            "220104",
            3,
        ),
        _project(
            5,
            "吉林省洪涝灾害救助",
            "洪水、暴雨受灾家庭的生活物资和房屋重建",
            ["disaster"],
            "220000",
            1,
        ),
        _project(
            6,
            "长春市意外伤害帮扶",
            "交通事故、工伤等意外受伤人员的医疗和康复",
            ["accident", "illness"],
            "220100",
            2,
        ),
        _project(
            7,
            "顶梁柱关怀计划",
            "家庭主要劳动力去世后，帮助遗属和子女渡过难关",
            ["breadwinner", "child"],
            "220000",
            1,
        ),
        _project(
            8,
            "朝阳区低保家庭临时帮扶",
            "低保、特困家庭的临时生活困难救助",
            ["other", "illness", "accident"],
            "220104",
            3,
            statuses=frozenset({"is_dibao", "is_tekun"}),
        ),
        _project(
            9, "长春市肾病透析援助", "尿毒症、肾衰竭患者长期透析费用资助", ["illness"], "220100", 2
        ),
        _project(
            10,
            "吉林省老年人助医",
            "高龄、失能老人就医费用补助",
            ["illness"],
            "220000",
            1,
            key_groups=frozenset({"kg_elderly_disabled_ill"}),
        ),
    ],
    # A gap met by no project's money is not part of this set: every project holds enough.
    "balances": {},
    "needs": [
        (
            _need(1, "illness", "丈夫突发脑出血住院，重症监护费用高，家中积蓄已花光", urgency=3),
            {1: 2, 2: 1, 9: 0, 6: 0},
        ),
        (
            _need(2, "illness", "母亲尿毒症需长期肾透析，医疗费用难以负担", days=10),
            {9: 2, 2: 1, 1: 1},
        ),
        (
            _need(3, "child", "父母双亡，孩子由年迈的奶奶抚养，没有生活来源", urgency=3),
            {3: 2, 7: 1},
        ),
        (
            _need(4, "fire", "家中电线老化起火，住房被烧毁，一家人无处居住", urgency=3, days=1),
            {4: 2},
        ),
        (_need(5, "disaster", "暴雨引发洪水冲毁房屋，庄稼绝收", days=5), {5: 2, 4: 1}),
        (_need(6, "accident", "外出务工发生工伤事故，腿部骨折需手术", days=7), {6: 2, 8: 0}),
        (_need(7, "breadwinner", "家庭顶梁柱因车祸去世，留下两个上学的孩子", urgency=3), {7: 2}),
        (
            _need(
                8,
                "illness",
                "八十岁老人失能卧床，住院费用无力承担",
                key_groups=("kg_elderly_disabled_ill",),
                statuses=("is_dibao",),
            ),
            {10: 2, 8: 1, 1: 1, 2: 1},
        ),
    ],
}
