"""Chinese for the allocation proposal's scope filters and its size limits (merged by
translate_zh_hans.py)."""

ZH = {
    "Which cases to plan for": "为哪些个案制定分配建议",
    "%(count)s cases are ready for referral here; a proposal takes at most %(limit)s. Choose a region, a kind of hardship or an urgency first.": "此范围内有 %(count)s 件待转介个案，一次分配建议最多处理 %(limit)s 件。请先选择区域、困难类别或紧急程度。",
    "These cases could go to %(pairs)s projects in all (counting each case's projects); a proposal takes at most %(limit)s. Choose a region, a kind of hardship or an urgency first.": "这些个案合计可对应 %(pairs)s 个项目（按每件个案的候选项目累计），一次分配建议最多处理 %(limit)s 个。请先选择区域、困难类别或紧急程度。",
}
