"""Chinese for the hardening findings of issue 16, item 6 (merged by translate_zh_hans.py)."""

ZH = {
    # a referral one may not commit money to reads as one that does not exist
    "No referral with this number is open to you.": "找不到您可以处理的该编号转介。",
}
