"""Chinese for special funds as matching's money sources, the search index prefix and the
projects API's amount filters (merged by translate_zh_hans.py)."""

ZH = {
    "The charity's special fund %(fund)s, which may pay for this case, holds %(available)s and may fund part of the gap.": "慈善组织的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s，可资助部分缺口。",
    "The charity's special fund %(fund)s, which may pay for this case, holds %(available)s; it needs %(needed)s for this case.": "慈善组织的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s；此个案需要 %(needed)s。",
    "The project's own money, or a special fund of its charity.": "项目自有资金，或其慈善组织的专项基金。",
    "holds at least (fen)": "现有资金不少于（分）",
    "holds at most (fen)": "现有资金不多于（分）",
    # the allocation proposal screen
    "Allocation proposal": "分配建议",
    "Which referrals would cover the most urgent need in your jurisdiction with the money open projects and their charities' special funds hold now (a critical case weighs four times, an urgent one twice). Nothing is referred until you confirm each referral; the charity then accepts or declines it as usual.": "用在办慈善项目及其所属慈善组织专项基金现有的资金，哪些转介能最大程度覆盖本辖区的紧急需求（危急按四倍、紧急按两倍计）。每一条转介都须您确认后才会发出；慈善组织随后照常接收或拒绝。",
    "Cases ready for referral: %(count)s": "待转介个案：%(count)s 件",
    "Would be covered": "可覆盖",
    "Would stay uncovered": "仍未覆盖",
    "Proposed referrals": "建议的转介",
    "gap": "缺口",
    "project": "项目",
    "uncovered": "未覆盖",
    "Refer %(number)s to %(title)s": "将 %(number)s 转介至 %(title)s",
    "No referral can be proposed with the money available now.": "按现有资金，暂时无法提出转介建议。",
    "What stays uncovered": "仍未覆盖的需求",
    "Nothing: every ready case would be covered.": "没有：所有待转介个案都可以得到覆盖。",
}
