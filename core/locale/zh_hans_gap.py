"""Chinese for the one derived gap (needs.gap; merged by translate_zh_hans.py)."""

ZH = {
    "gap at assessment (fen)": "评估缺口（分）",
    "gap at assessment": "评估缺口",
    "What the household's own means, insurance and other schemes leave uncovered, as assessed: before the relief recorded here and before charity money.": "评估时家庭自有资金、保险及其他救助政策仍无法覆盖的金额：未扣除本平台登记的救助，也未扣除慈善资金。",
    "The gap at assessment less the government relief in effect and the charity money committed, never below zero; empty before the assessment. The same figure on every screen.": "评估缺口减去已生效的政府救助和已安排的慈善资金，最低为零；评估前为空。各页面显示同一数字。",
    "The case's remaining gap, the same figure as on every other screen.": "个案的剩余缺口，与其他各页面显示的数字相同。",
    "In yuan (元): what the household's own means, insurance and other schemes leave uncovered; 0 if nothing. Do not take off the relief recorded here or charity money: the remaining gap subtracts them by itself.": "以元为单位：家庭自有资金、保险及其他救助政策仍无法覆盖的金额；没有则填 0。请勿扣除本平台登记的救助或慈善资金：剩余缺口会自动扣除。",
    "What the household's own means, insurance and other schemes leave uncovered, before the relief recorded here and charity money (the case's remaining_gap_fen subtracts those by itself).": "家庭自有资金、保险及其他救助政策仍无法覆盖的金额，未扣除本平台登记的救助和慈善资金（个案的 remaining_gap_fen 会自动扣除）。",
    "What government relief left for charities and donors to cover.": "政府救助之后仍需慈善组织和捐赠人承担的金额。",
    "Committed to the case's referrals, net of what was released.": "已安排给该个案各转介的资金，扣除已退回部分。",
    "The need's remaining gap: the same figure as remaining_gap_fen in the need list.": "该需求的剩余缺口：与需求列表中的 remaining_gap_fen 相同。",
    "Gap at assessment %(assessed)s, less government relief in effect %(relief)s, less charity money committed %(committed)s; never below zero.": "评估缺口 %(assessed)s，减去已生效的政府救助 %(relief)s，再减去已安排的慈善资金 %(committed)s；最低为零。",
    "Case %(number)s shows a remaining gap of %(stored)s (its public need %(need)s) but its assessment, relief and allocations give %(derived)s.": "个案 %(number)s 显示的剩余缺口为 %(stored)s（其公开需求为 %(need)s），但按评估、救助和资金安排计算应为 %(derived)s。",
}
