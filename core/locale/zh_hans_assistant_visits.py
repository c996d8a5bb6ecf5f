"""Chinese for the village assistant's visits (协理员走访, issue 19 item 2): who records a visit
for a village committee, the households and grids of the assistant's own village (merged by
translate_zh_hans.py)."""

ZH = {
    "A village assistant records visits for a village or community committee.": (
        "协理员只能以村（居）委会的名义登记走访。"
    ),
    "Only caseworkers, supervisors and village assistants record visits.": (
        "只有经办人员、督查人员和协理员可以登记走访。"
    ),
    "The grid %(grid)s is not in %(village)s.": "网格%(grid)s不在%(village)s。",
    "The grid %(grid)s is outside your office's jurisdiction.": (
        "网格%(grid)s不在您所在单位的辖区内。"
    ),
    "This household is not in a grid of %(village)s.": "该户不在%(village)s的网格中。",
    "A grid is chosen only for a household recorded for the first time.": (
        "只有首次登记的家庭才需选择网格。"
    ),
    "Choose the county of %(village)s.": "请选择%(village)s所在的区县。",
    "Choose the grid of %(village)s the household lives in.": ("请选择该户所在的%(village)s网格。"),
    "This household is already on record and is not in a grid of %(village)s. The county's "
    "caseworkers can place it in one of your grids.": (
        "该户已在册，但不在%(village)s的网格中。可由区县经办人员将其划入您村（社区）的网格。"
    ),
    "The grid of your village where the household lives.": "该户所在的本村（社区）网格。",
}
