"""Chinese for issue 17, item 7 in the cases back office: the lists on Wagtail's generic
index views and the sending office's withdrawal of a hand-over (merged by
translate_zh_hans.py)."""

ZH = {
    # the sending office takes back a hand-over not yet answered
    "withdrawn by the sending office": "已由移交方撤回",
    "hand-over withdrawn by the sending office": "移交方撤回了移交",
    "Withdraw the hand-over": "撤回移交",
    "Your office takes the hand-over back before the receiving office answers; the case "
    "stays with your office.": "在接收机构答复前撤回移交，个案仍由本机构办理。",
    "Hand-over of case %(number)s withdrawn: it stays with %(office)s.": (
        "个案 %(number)s 的移交已撤回，仍由%(office)s办理。"
    ),
    "Only the office that sent this hand-over may withdraw it.": "只有发起移交的机构可以撤回移交。",
    "Case %(number)s: %(from_office)s withdrew the hand-over; nothing waits for you.": (
        "个案 %(number)s：%(from_office)s已撤回移交，无需您再处理。"
    ),
}
