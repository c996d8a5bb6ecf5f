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
    # the dashboard's 待办 (needs.worklist, needs/templates/needs/admin/worklist_panel.html)
    "My work, %(name)s": "%(name)s，您的待办",
    "Waiting for you or your office: %(waiting)s": "待您或本单位办理：%(waiting)s 项",
    "%(overdue)s overdue": "%(overdue)s 项已逾期",
    "%(count)s overdue": "逾期 %(count)s 项",
    "All %(count)s": "查看全部 %(count)s 项",
    "Nothing waits for you now.": "目前没有待办事项。",
    "Platform administration is in the menu: organisations, staff roles, holidays and time limits.": (
        "平台管理功能见左侧菜单：机构、人员角色、节假日和办理时限。"
    ),
    "Nothing waits for you: your role reads records and changes nothing. Start from the menu.": (
        "您的角色只查阅记录、不办理事项，没有待办。请从左侧菜单开始。"
    ),
    "Summary": "概览",
    "What": "事项",
    "Due": "办理期限",
    "Cases to accept": "待受理个案",
    "Hand-overs to accept": "待接收的移交",
    "Assessments due": "待评估",
    "Relief due": "待救助",
    "Relief approvals awaiting me": "待我审批的救助（一事一议）",
    "Payments awaiting approval": "待批准的付款",
    "Referrals to answer": "待答复的转介",
    "Referrals your funds may pay for": "专项基金可资助的转介",
    "Hotline call-backs": "热线待回电",
    "Risk warnings to dispose of": "待处置的风险预警",
    "Overdue in the offices below": "下级单位逾期事项",
    "%(category)s · %(urgency)s": "%(category)s · %(urgency)s",
    "advance relief or its paperwork": "先行救助或补办手续",
    "give relief after the assessment": "评估后实施救助",
    "%(amount)s above the ceiling (一事一议), asked on %(day)s": (
        "%(amount)s，超过限额（一事一议），%(day)s 提请"
    ),
    "payment of %(amount)s": "付款 %(amount)s",
    "payment of %(amount)s: second approval (four eyes)": "付款 %(amount)s：须另一人复核批准（双人复核）",
    "from %(office)s": "来自%(office)s",
    "call back": "回电",
    "tell the caller the result": "告知来电人办理结果",
    "Routine visit in %(county)s": "%(county)s必到必访",
    "visited every %(days)s days": "每 %(days)s 天走访一次",
    "gap %(gap)s": "缺口 %(gap)s",
    # due times in words (needs.worklist.due_words)
    "overdue by %(days)s days (due %(when)s)": "已逾期 %(days)s 天（期限 %(when)s）",
    "overdue since %(time)s today": "已逾期（今天 %(time)s 到期）",
    "due today by %(time)s": "今天 %(time)s 前",
    "due tomorrow by %(time)s": "明天 %(time)s 前",
    "due by %(when)s": "%(when)s 前",
    "due today": "今天到期",
    "due on %(day)s": "%(day)s 到期",
}
