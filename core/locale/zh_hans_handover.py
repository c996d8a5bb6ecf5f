"""Chinese for hand-overs that wait for the receiving office, the department-staff role
(协同办理) and the read log (issue 17, items 5 and 6; merged by translate_zh_hans.py)."""

ZH = {
    # the hand-over and its answers
    "waiting for the receiving office": "待接收单位接收",
    "declined": "已拒绝",
    "from office": "移出单位",
    "to office": "接收单位",
    "handed over by": "移交人",
    "handed over at": "移交时间",
    "decided by": "处理人",
    "case hand-over": "个案移交",
    "case hand-overs": "个案移交",
    "%(office)s is in another province: hand a case over within the province of its county "
    "(%(county)s).": "%(office)s属于其他省份：个案只能在其所在区县（%(county)s）所属省份内移交。",
    "The jurisdiction of %(office)s does not cover the case's county (%(county)s): hand it "
    "over to a county office or department, or to one whose jurisdiction covers the county.": (
        "%(office)s的管辖范围不含本个案所在区县（%(county)s）：请移交给区县级部门，"
        "或管辖范围包含该区县的部门。"
    ),
    "This hand-over was already answered (%(status)s on %(at)s by %(by)s): nothing was "
    "changed.": "该移交已处理（%(by)s 于 %(at)s %(status)s），本次未作任何更改。",
    "This hand-over was sent to another office.": "该移交是发给其他单位的。",
    "Say why the hand-over is declined.": "请说明拒绝接收的原因。",
    "Case %(number)s: %(office)s declined the hand-over; the case stays with your office.": (
        "个案 %(number)s：%(office)s 拒绝接收移交，个案仍由您单位办理。"
    ),
    "The case waits for %(office)s to accept the hand-over: nothing can be changed until that "
    "office answers.": "本个案正等待%(office)s接收移交：在对方答复前不能作任何更改。",
    "To an office or department of the same province, at county level or covering the case's "
    "county. The case stays with your office, read-only, until the receiving office accepts "
    "it; you are told its answer.": (
        "可移交给同省的区县级部门，或管辖范围包含本个案所在区县的部门。接收单位接收前，"
        "个案仍由您单位保管且只读；对方答复后会通知您。"
    ),
    "Hand-over to %(office)s sent: the case stays with your office until it accepts.": (
        "已向%(office)s发出移交，对方接收前个案仍由您单位保管。"
    ),
    "Accept the hand-over": "接收移交",
    "Decline the hand-over": "拒绝接收",
    "Your office takes the case and you become its first-contact owner (首问负责制).": (
        "由您单位接手本个案，您成为首问责任人（首问负责制）。"
    ),
    "The case stays with the sending office, which is told why.": "个案仍由移出单位办理，并告知其原因。",
    "The sending office reads it on the case page.": "移出单位可在个案页面看到该原因。",
    "Only caseworkers and supervisors answer hand-overs.": "只有经办人员和督查人员可以处理移交。",
    "Case %(number)s accepted: it is now with %(office)s and you own it.": (
        "已接收个案 %(number)s：现由%(office)s办理，您为首问责任人。"
    ),
    "Hand-over of case %(number)s declined: it stays with %(office)s.": (
        "已拒绝接收个案 %(number)s，仍由%(office)s办理。"
    ),
    "Why the receiving office declines.": "接收单位拒绝接收的原因。",
    # the hand-over screens
    "Waiting for your office to accept": "待本单位接收",
    "Hand-overs to your office waiting for an answer, oldest first": "移交给本单位、待答复的个案（最早的在前）",
    "No hand-over waits for your office.": "暂无待本单位接收的移交。",
    "Other hand-overs": "其他移交",
    "Filter hand-overs": "筛选移交",
    "Hand-overs of your offices and cases, newest first": "本单位及所辖个案的移交（最新的在前）",
    "No other hand-overs.": "暂无其他移交。",
    "Hand-overs of this case": "本个案的移交记录",
    "Reason: %(reason)s": "理由：%(reason)s",
    "Declined because: %(reason)s": "拒绝理由：%(reason)s",
    "Handed over by %(by)s of %(from_office)s to %(office)s on %(at)s: waiting for %(office)s "
    "to accept it. Until then the case is read-only.": (
        "%(from_office)s的%(by)s于 %(at)s 将本个案移交给%(office)s，正等待%(office)s接收。"
        "接收前本个案只读。"
    ),
    # the department-staff role
    "department staff (协同办理)": "部门协办人员（协同办理）",
    # the read log
    "Read log": "查阅记录",
    "Who read which household's personal data, when and why": "谁在何时、因何查阅了哪户家庭的个人信息",
    "Every reading of a household's personal data by staff is recorded here. The log shows "
    "the household and case by their numbers and which kinds of data were read, never the "
    "data itself.": (
        "工作人员每次查阅家庭个人信息都记录在此。本记录只显示家庭编号、个案编号和所查阅信息的类别，"
        "不显示信息本身。"
    ),
    "Filter the read log": "筛选查阅记录",
    "Download CSV": "下载 CSV",
    "Reads of personal data, newest first": "个人信息查阅记录（最新的在前）",
    "record read": "查阅对象",
    "data read": "查阅内容",
    "No reads recorded for these filters.": "没有符合条件的查阅记录。",
    "Only supervisors, auditors and platform administrators read the read log.": (
        "只有督查人员、审计人员和平台管理员可以查看查阅记录。"
    ),
    "Part of the reader's name or login.": "查阅人姓名或登录名的一部分。",
    "The reads of the household of this case, every record of it.": "该个案所属家庭的全部查阅记录。",
    "household number": "家庭编号",
    "read from": "查阅日期自",
    "read until": "查阅日期至",
    "Read at": "查阅时间",
    "Reader": "查阅人",
    "Login": "登录名",
    "Record read": "查阅对象",
    "Data read": "查阅内容",
    "Purpose": "用途",
    # what was read (the names of the data, never the values)
    "names": "姓名",
    "relations": "与户主关系",
    "ages": "年龄",
    "document numbers (masked)": "证件号码（部分隐藏）",
    "name of the head of household": "户主姓名",
    "name of the person filed for": "被代办人姓名",
    "what the visitor saw": "走访所见",
    "call-back phone": "回电电话",
    # why it was read
    "case page %(ref)s": "个案页面 %(ref)s",
    "referral %(ref)s": "转介 %(ref)s",
    "risk warning %(ref)s": "风险预警 %(ref)s",
    "supervision task %(ref)s": "督办任务 %(ref)s",
    "visit %(ref)s": "走访 %(ref)s",
    "hotline call %(ref)s": "热线来电 %(ref)s",
    "list of public reports": "群众报告列表",
    "public report made into a case": "群众报告转为个案",
    "proof of payment, back office": "付款凭证（后台）",
    "proof of payment, API": "付款凭证（接口）",
}
