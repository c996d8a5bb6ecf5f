"""Chinese for supervision: the dashboard, inspection exports, the public notice (公示) and
staff notifications (merged by translate_zh_hans.py)."""

ZH = {
    # public notice
    "%(year)s, quarter %(quarter)s": "%(year)s年第%(quarter)s季度",
    "%(year)s-%(month)s": "%(year)s年%(month)s月",
    "The period “%(value)s” is not a month (2026-03) or a quarter (2026-Q1); that filter "
    "was left out.": "“%(value)s”不是月份（如 2026-03）或季度（如 2026-Q1），该筛选条件未采用。",
    "There is no office “%(value)s”; that filter was left out.": "没有“%(value)s”这个经办机构，该筛选条件未采用。",
    "Public notice of relief granted": "救助公示",
    "Temporary relief granted by the civil affairs offices, published as the social "
    "assistance rules require (公示). Only the surname is shown, followed by 某, with the "
    "county, the kind of hardship, the amount and the date: never a full name, identity "
    "number, phone or address.": (
        "按照社会救助公示要求，公布民政部门给予的临时救助。只显示姓氏加“某”，以及所在区县、困难类别、"
        "金额和日期，绝不显示全名、身份证号、电话或住址。"
    ),
    "Filter the notice": "筛选公示",
    "Office": "经办机构",
    "Show": "显示",
    "Relief grants: %(counter)s": "救助记录：%(counter)s 条",
    "Relief granted": "已给予的救助",
    "Recipient": "救助对象",
    "Kind of relief": "救助方式",
    "No relief granted matches.": "没有符合条件的救助记录。",
    # case list drill-down
    "reported from": "登记日期自",
    "reported until": "登记日期至",
    # dashboard
    "%(days)s d %(hours)s h": "%(days)s天%(hours)s小时",
    "%(hours)s h %(minutes)s min": "%(hours)s小时%(minutes)s分钟",
    "%(minutes)s min": "%(minutes)s分钟",
    "to accept": "受理",
    "to first relief": "首次救助",
    "to first referral": "首次转介",
    "to close": "办结",
    "Only supervisors and auditors may export data for inspections.": "只有督查人员和审计人员可以导出检查数据。",
    "Audit trail": "操作记录",
    "Supervision": "督查",
    "Period and office": "期间和经办机构",
    "Figures count the cases reported in the period (referrals: sent in the period) in your "
    "jurisdiction. Each figure opens the cases it counts.": (
        "数字统计您辖区内在该期间登记的个案（转介按发出时间统计）。点击数字可查看对应个案。"
    ),
    "Open work by stage": "各环节在办个案",
    "stage": "环节",
    "open cases": "在办个案",
    "all open cases": "全部在办个案",
    "Work by office": "各经办机构工作情况",
    "overdue cases": "超时个案",
    "closed cases": "已办结个案",
    "No cases in this period.": "该期间没有个案。",
    "Overdue steps and escalations": "超时环节与督办",
    "Open cases with an overdue step": "有环节超时的在办个案",
    "Overdue": "超时",
    "Escalated steps still not done": "已上报督办但仍未完成的环节",
    "Steps escalated to a supervisor (all)": "上报督办的环节（全部）",
    "Median time from report": "自登记起的用时中位数",
    "Referral answers by charity": "各慈善组织转介答复情况",
    "sent": "已发出",
    "answered in time": "按时答复",
    "answered late": "逾期答复",
    "unanswered, past due": "逾期未答复",
    "waiting, still in time": "等待答复（未到期）",
    "in time": "按时率",
    "No referrals in this period.": "该期间没有转介。",
    "Risk warnings": "风险预警",
    "Exports for inspections": "检查用导出",
    "Files of the period and office chosen above. No file holds a household's name, identity "
    "number, phone or address. Each export is written to the audit log.": (
        "导出上面所选期间和经办机构的数据。文件中不含家庭成员的姓名、身份证号、电话或住址。"
        "每次导出都记入操作日志。"
    ),
    # exports
    "Case number": "个案编号",
    "Discovery channel": "发现渠道",
    "Urgency": "紧急程度",
    "Responsible office": "责任机构",
    "Owner": "首问责任人",
    "Reported at": "登记时间",
    "Accepted at": "受理时间",
    "Closed at": "办结时间",
    "Assessed need (yuan)": "核定需求（元）",
    "Remaining gap (yuan)": "剩余缺口（元）",
    "Overdue step": "环节超时",
    "Outcome": "办理结果",
    "In kind": "实物救助",
    "Granted at": "给予时间",
    "Granted by": "经办人",
    "Decided at": "审批时间",
    "Decided by": "审批人",
    "Paperwork completed at": "补办手续时间",
    "Referred to": "转介至",
    "Project": "项目",
    "Amount requested (yuan)": "申请金额（元）",
    "Sent at": "发出时间",
    "Answer due at": "答复期限",
    "Answered at": "答复时间",
    "Answered in time": "按时答复",
    "Reason for declining": "拒绝原因",
    "Finished at": "完成时间",
    "Allocated (yuan)": "拨付额（元）",
    "Released back (yuan)": "退回额（元）",
    "Paid to households (yuan)": "已支付给家庭（元）",
    "Payments": "支付笔数",
    "Time": "时间",
    "Actor": "操作人",
    "Action": "操作",
    "Changed fields": "变更字段",
    "Fund use by office": "各经办机构资金使用",
    # filters
    "from": "起始日期",
    "until": "截止日期",
    "all offices": "全部经办机构",
    "The end of the period comes before its start.": "截止日期早于起始日期。",
    # notifications
    "Case %(number)s: “%(step)s” is due by %(due)s.": "个案 %(number)s：“%(step)s”须在 %(due)s 前完成。",
    "Case %(number)s: “%(step)s” was due by %(due)s and is overdue; it was escalated to "
    "you.": "个案 %(number)s：“%(step)s”应在 %(due)s 前完成，现已超时，已上报您督办。",
    "%(quarter)s: please publish the disclosures of %(charity)s's projects (progress and "
    "use of money) for this quarter.": (
        "%(quarter)s：请公开%(charity)s本季度的项目信息（项目进展和资金使用情况）。"
    ),
    "Notifications": "通知",
    "Unread: %(count)s": "未读：%(count)s 条",
    "Mark all read": "全部标为已读",
    "unread": "未读",
    "Open": "打开",
    "Mark read": "标为已读",
    "No notifications.": "暂无通知。",
    "Notifications (%(count)s unread)": "通知（%(count)s 条未读）",
    "deadline reminder": "到期提醒",
    "overdue step escalated": "超时督办",
    "project disclosure reminder": "项目信息公开提醒",
    "recipient": "接收人",
    "link": "链接",
    "read at": "阅读时间",
    "emailed at": "邮件发送时间",
    "notification": "通知",
    "notifications": "通知",
    "Emergency relief platform: %(kind)s": "救急难平台：%(kind)s",
    "This notification is not yours.": "这不是您的通知。",
    "Relief for children in distress is not listed, to protect minors.": "为保护未成年人，困境儿童的救助不予公示。",
    "Raised by the data cross-checks in the period, by what was decided for them (seed 003's four dispositions).": "期内数据比对产生的风险预警，按处置方式统计（第三号文件的四种处置）。",
}
