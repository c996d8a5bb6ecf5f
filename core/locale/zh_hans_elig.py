"""Chinese for issue 20, items 1 and 3: assistance applications by type and their procedure
(申请 → 受理 → 核对 → 审核 → 公示 → 审批 → 落实/不予), the public notice, objections and community
reviews (merged by translate_zh_hans.py)."""

ZH = {
    # assistance types
    "minimum-living allowance (最低生活保障)": "最低生活保障",
    "extreme-poverty support (特困人员救助供养)": "特困人员救助供养",
    "medical assistance (医疗救助)": "医疗救助",
    "education assistance (教育救助)": "教育救助",
    "housing assistance (住房救助)": "住房救助",
    "employment assistance (就业救助)": "就业救助",
    "assistance to disaster victims (受灾人员救助)": "受灾人员救助",
    "temporary assistance (临时救助)": "临时救助",
    "assistance to vagrants and beggars (流浪乞讨人员救助)": "流浪乞讨人员救助",
    # office rules
    "public notice period (days)": "公示期（天）",
    "shortest public notice period (days)": "最短公示期（天）",
    "highest amount the applicant's handler may approve (fen)": "经办人可审批的最高金额（分）",
    "Above this amount the caseworker who handles the application may not approve it.": (
        "超过此金额，经办该申请的工作人员不得审批。"
    ),
    "types that need a community review": "需民主评议的救助类型",
    "A democratic or hearing review (民主评议/听证评议) before the review.": (
        "审核前须经民主评议或听证评议。"
    ),
    "assistance procedure rules": "社会救助办理规则",
    # stages and fields
    "applied (申请)": "已申请",
    "accepted, check under way (受理)": "已受理，核对中",
    "checked, awaiting review (核对)": "已核对，待审核",
    "reviewed (审核)": "已审核",
    "in public notice (公示)": "公示中",
    "granted (落实)": "已落实",
    "refused (不予)": "不予救助",
    "grant": "给予",
    "village or community": "村（社区）",
    "assistance type": "救助类型",
    "responsible office or department": "负责部门",
    "reason for applying": "申请理由",
    "current stage due at": "本环节办结时限",
    "From the office's time limits; empty once the application is decided.": (
        "按本单位办理时限计算；办结后为空。"
    ),
    "handler": "经办人",
    "check recorded at": "核对登记时间",
    "check note": "核对说明",
    "reviewer": "审核人",
    "reviewed at": "审核时间",
    "recommendation": "审核意见",
    "review note": "审核说明",
    "The monthly or one-off amount recommended and granted.": "拟给予并批准的月度或一次性金额。",
    "public notice from": "公示开始日期",
    "public notice until": "公示截止日期",
    "name in the notice": "公示姓名",
    "approver": "审批人",
    "reasons for the outcome": "办理结果及理由",
    "assistance from": "救助起始日期",
    "assistance until": "救助终止日期",
    "assistance application": "社会救助申请",
    "assistance applications": "社会救助申请",
    "Application %(id)s": "申请 %(id)s",
    "upheld": "异议成立",
    "dismissed": "异议不成立",
    "application": "申请",
    "what the objection says": "异议内容",
    "resolution": "处理结果",
    "findings": "调查核实情况",
    "resolved at": "处理时间",
    "objection": "异议",
    "objections": "异议",
    "Objection %(id)s": "异议 %(id)s",
    "democratic review (民主评议)": "民主评议",
    "hearing review (听证评议)": "听证评议",
    "agrees with the application": "同意申请",
    "disagrees with the application": "不同意申请",
    "result": "结果",
    "summary": "概要",
    "community review": "民主评议",
    "community reviews": "民主评议",
    # service errors
    "This application is not in your jurisdiction.": "该申请不在您的管辖范围内。",
    "Not possible at this stage of the application (%(stage)s).": (
        "申请当前环节（%(stage)s）不能办理此操作。"
    ),
    "Choose an assistance type.": "请选择救助类型。",
    "Address the application to an active government office or department.": (
        "申请须提交给在职的政府部门。"
    ),
    "The office's region does not cover the household's county.": (
        "该部门的辖区不包括该家庭所在县（区）。"
    ),
    "The household already has an open application of this type.": (
        "该家庭已有一件同类型的在办申请。"
    ),
    "The economic-status check does not allow this yet.": "家庭经济状况核对尚未通过，暂不能办理。",
    "Choose the kind of review.": "请选择评议方式。",
    "Choose the result of the review.": "请选择评议结果。",
    "The review cannot be held in the future.": "评议日期不能晚于今天。",
    "Name at least three participants, one per line.": "请填写至少三名参加人员，每行一名。",
    "This office requires a community review (民主评议) before the review.": (
        "本单位规定审核前须经民主评议。"
    ),
    "Choose a recommendation.": "请选择审核意见。",
    "Only a recommended grant is given public notice.": "只有拟给予救助的申请才进行公示。",
    "Enter a whole number of days.": "请输入整数天数。",
    "The public notice lasts at least %(days)s days.": "公示期不得少于 %(days)s 天。",
    "The public notice lasts at most %(days)s days.": "公示期不得超过 %(days)s 天。",
    "The date cannot be in the future.": "日期不能晚于今天。",
    "This objection is already resolved.": "该异议已处理。",
    "Choose upheld or dismissed.": "请选择异议成立或不成立。",
    "You reviewed this application: someone else must approve or refuse it.": (
        "您审核了该申请，须由他人审批。"
    ),
    "You handle this application: above %(limit)s someone else must approve it.": (
        "您是该申请的经办人，金额超过 %(limit)s 须由他人审批。"
    ),
    "An objection is still open: resolve it before approving.": "尚有未处理的异议，请先处理再审批。",
    "An objection was upheld: the application can only be refused.": (
        "公示异议成立，该申请只能不予救助。"
    ),
    "The public notice runs until %(day)s: approve after it ends.": (
        "公示期至 %(day)s，请在公示期满后审批。"
    ),
    "The end date cannot be before the start date.": "终止日期不能早于起始日期。",
    # notifications
    "Application %(id)s for %(type)s waits for acceptance.": "%(type)s申请 %(id)s 待受理。",
    "Application %(id)s for %(type)s was reviewed and awaits your decision.": (
        "%(type)s申请 %(id)s 已审核，待您审批。"
    ),
    "Application %(id)s for %(type)s: an objection was raised during the notice.": (
        "%(type)s申请 %(id)s：公示期间收到异议。"
    ),
    "Application %(id)s for %(type)s was approved.": "%(type)s申请 %(id)s 已审批通过。",
    "Application %(id)s for %(type)s was refused.": "%(type)s申请 %(id)s 不予救助。",
    # screens and forms
    "overdue only": "仅显示超时",
    "One per line: role and name, for example 居民代表 陈红.": (
        "每行一名：身份和姓名，例如 居民代表 陈红。"
    ),
    "Required when you recommend refusing: the reasons.": "拟不予救助时必填：理由。",
    "Leave empty for the office's period.": "留空则按本单位公示期。",
    "reasons for refusing": "不予救助理由",
    "assistance to apply for": "申请的救助类型",
    "none yet": "暂不申请",
    "Starts the household's application for this assistance as well.": (
        "同时为该家庭发起此类救助申请。"
    ),
    "Resolve objection %(id)s": "处理异议 %(id)s",
    "acceptance": "受理",
    "economic-status check": "核对",
    "review": "审核",
    "public notice": "公示",
    "The application was recorded.": "申请已登记。",
    "Apply for assistance": "申请社会救助",
    "Only caseworkers, supervisors and department staff take these steps.": (
        "只有经办人员、督查人员和部门工作人员可以办理。"
    ),
    "Accept the application (受理)": "受理申请",
    "You handle the application from now on.": "受理后由您经办该申请。",
    "The application was accepted.": "申请已受理。",
    "Record the economic-status check (核对)": "登记家庭经济状况核对",
    "The household's income and assets were checked.": "已核对该家庭的收入和财产。",
    "Record the check": "登记核对",
    "The check was recorded.": "核对已登记。",
    "Record the community review (民主评议)": "登记民主评议",
    "The community review was recorded.": "民主评议已登记。",
    "Review (审核)": "审核",
    "Whoever reviews may not approve the application.": "审核人不得审批该申请。",
    "Record the review": "登记审核意见",
    "The review was recorded.": "审核意见已登记。",
    "Start the public notice (公示)": "开始公示",
    "Shows only surname + 某, village or community, type and amount.": (
        "仅公示姓氏加“某”、村（社区）、救助类型和金额。"
    ),
    "Start the notice": "开始公示",
    "The public notice started.": "公示已开始。",
    "Record an objection": "登记异议",
    "Without the name of whoever raised it.": "不登记异议人姓名。",
    "Record the objection": "登记异议",
    "The objection was recorded.": "异议已登记。",
    "Resolve the objection": "处理异议",
    "Resolve": "处理",
    "This objection is not one of this application's.": "该异议不属于本申请。",
    "The objection was resolved.": "异议已处理。",
    "Approve (审批)": "审批",
    (
        "After the notice, with no open objection; not by the reviewer, nor by the handler "
        "above the office's limit."
    ): "公示期满且无未处理异议后审批；审核人不得审批，超过本单位限额时经办人不得审批。",
    "The application was approved.": "申请已审批通过。",
    "Refuse (不予)": "不予救助",
    "Refuse": "不予救助",
    "The application was refused.": "已决定不予救助。",
    "End the assistance": "终止救助",
    "End": "终止",
    "The end of the assistance was recorded.": "救助终止已登记。",
    (
        "Not yet covered but eligible: opens a case (data cross-check) and, if you choose one, "
        "the application for the assistance."
    ): "符合条件但未纳入：登记个案（数据比对），如选择救助类型，同时发起该救助申请。",
    "Assistance applications": "社会救助申请",
    "current stage overdue": "本环节超时",
    "not yet decided": "未办结",
    "accept (受理)": "受理",
    "record the check (核对)": "登记核对",
    "review (审核)": "审核",
    "start the public notice (公示)": "开始公示",
    "resolve the objection": "处理异议",
    "Assistance applications to handle": "待办理的社会救助申请",
    "approve or refuse (审批)": "审批",
    "Assistance applications awaiting my approval": "待我审批的社会救助申请",
    "Back to the assistance applications": "返回社会救助申请",
    "Community reviews": "民主评议",
    "Objections": "异议",
    "Stages": "办理环节",
    "%(days)s days when it starts": "开始公示后 %(days)s 天",
    "No assistance applications.": "暂无社会救助申请。",
    "Filter assistance applications": "筛选社会救助申请",
    "Apply": "提交申请",
    "Back to case %(number)s": "返回个案 %(number)s",
    # the public notice page (cms.assistance_notice)
    "Public notice of assistance applications": "社会救助申请公示",
    "Kind of assistance": "救助类型",
    "Applicant": "申请人",
    "Village or community": "村（社区）",
    "Objections until": "异议截止日期",
    "No application is in public notice now.": "目前没有正在公示的申请。",
    "Applications in public notice": "公示中的申请",
    (
        "Applications for social assistance that the civil affairs offices intend to approve, "
        "published during their notice period (公示) so that anyone who knows a reason against "
        "them can tell the office. Only the surname is shown, followed by 某, with the county, "
        "the village or community, the kind of assistance and the amount."
    ): (
        "民政部门拟批准的社会救助申请，在公示期内予以公示，任何人如有异议均可向办理部门反映。"
        "仅显示姓氏加“某”，以及所在县（区）、村（社区）、救助类型和金额。"
    ),
    # 我要求助 routes to an assistance type (item 7)
    "assistance asked for": "申请的救助类型",
    "Assistance asked for (if you know it)": "希望申请的救助类型（如已知）",
    "Not sure: the office will advise": "不确定：由办理部门指导",
    # the audit log in words (core.audit_text)
    "applied for assistance (申请)": "申请社会救助",
    "assistance application accepted (受理)": "社会救助申请已受理",
    "economic-status check recorded (核对)": "已登记家庭经济状况核对",
    "community review recorded (民主评议)": "已登记民主评议",
    "assistance application reviewed (审核)": "社会救助申请已审核",
    "public notice started (公示)": "开始公示",
    "objection recorded": "已登记异议",
    "objection resolved": "异议已处理",
    "assistance approved (审批)": "社会救助已审批",
    "assistance refused (不予)": "不予社会救助",
    "assistance ended": "社会救助已终止",
    "household status follows its assistance": "家庭救助身份随救助申请更新",
    # with a context (pgettext): "context\x04msgid"
    "objection\x04open": "未处理",
}
