"""Chinese for issue 17, items 1, 2 and 9: the dashboard's 待办 (my work), its API, and the
notifications of the events that hand work to someone (merged by translate_zh_hans.py)."""

ZH = {
    # notification kinds
    "referral": "转介",
    "approval": "审批",
    "case hand-over": "个案移交",
    "money allocated": "资金安排",
    # event notifications (needs.notify_events)
    "Case %(number)s was referred to %(organisation)s: please answer by %(due)s.": (
        "个案 %(number)s 已转介至%(organisation)s，请于 %(due)s 前答复。"
    ),
    "Case %(number)s: %(organisation)s accepted the referral.": (
        "个案 %(number)s：%(organisation)s已受理转介。"
    ),
    "Case %(number)s: %(organisation)s declined the referral (%(reason)s); find another match.": (
        "个案 %(number)s：%(organisation)s拒绝了转介（%(reason)s），请另行匹配。"
    ),
    "Case %(number)s: %(organisation)s closed the referral: %(outcome)s.": (
        "个案 %(number)s：%(organisation)s已办结转介，结果：%(outcome)s。"
    ),
    "Case %(number)s: the referral to %(organisation)s expired unanswered; find another match.": (
        "个案 %(number)s：转介至%(organisation)s逾期未答复，已失效，请另行匹配。"
    ),
    "Case %(number)s: relief of %(amount)s above the ceiling awaits your decision (一事一议).": (
        "个案 %(number)s：超过限额的救助 %(amount)s 待您审批（一事一议）。"
    ),
    "Case %(number)s: the relief of %(amount)s was approved.": (
        "个案 %(number)s：救助 %(amount)s 已获批准。"
    ),
    "Case %(number)s: the relief of %(amount)s was refused.": (
        "个案 %(number)s：救助 %(amount)s 未获批准。"
    ),
    "Case %(number)s was handed over to %(office)s by %(from_office)s: accept it.": (
        "个案 %(number)s 已由%(from_office)s移交至%(office)s，请受理。"
    ),
    "Case %(number)s: %(office)s accepted the hand-over.": (
        "个案 %(number)s：%(office)s已接收移交。"
    ),
    "Case %(number)s: a payment of %(amount)s (%(total)s in all for this referral) awaits a second person's approval.": (
        "个案 %(number)s：一笔 %(amount)s 的付款（本转介合计 %(total)s）待另一人复核批准。"
    ),
    "Case %(number)s: %(amount)s was committed to the referral to %(organisation)s.": (
        "个案 %(number)s：已为转介至%(organisation)s安排资金 %(amount)s。"
    ),
}
