"""Chinese for the allocation proposal's scope filters (merged by translate_zh_hans.py)."""

ZH = {
    "Which cases to plan for": "为哪些个案制定分配建议",
}
