"""Chinese for issue 17 item 7, the remaining back-office lists on Wagtail's IndexView:
hotline, visits, cross-check, supervision tasks, public reports, supermarkets, relief
budgets, reports upward and inspections (merged by translate_zh_hans.py)."""

ZH = {
    "overdue hotline calls": "逾期热线来电",
    "routine visits due": "到期未访",
    "visited on or after": "走访日期不早于",
    "visited on or before": "走访日期不晚于",
    "imported lists": "导入名单",
}
