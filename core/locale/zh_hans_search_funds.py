"""Chinese for special funds as matching's money sources, the search index prefix and the
projects API's amount filters (merged by translate_zh_hans.py)."""

ZH = {
    "The charity's special fund %(fund)s, which may pay for this case, holds %(available)s and may fund part of the gap.": "慈善组织的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s，可资助部分缺口。",
    "The charity's special fund %(fund)s, which may pay for this case, holds %(available)s; it needs %(needed)s for this case.": "慈善组织的专项基金“%(fund)s”可用于此个案，现有资金 %(available)s；此个案需要 %(needed)s。",
    "The project's own money, or a special fund of its charity.": "项目自有资金，或其慈善组织的专项基金。",
    "holds at least (fen)": "现有资金不少于（分）",
    "holds at most (fen)": "现有资金不多于（分）",
}
