"""Chinese for issue 17 item 7 outside the cases app: the list screens of projects, money,
petitions and surveys on Wagtail's IndexView (merged by translate_zh_hans.py)."""

ZH = {
    "projects": "项目",
    "donations": "捐赠",
    "special funds": "专项基金",
    "surveys": "集中排查",
    "received on or after": "登记日期不早于",
    "received on or before": "登记日期不晚于",
}
