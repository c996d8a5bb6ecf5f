"""Fill core/locale/zh_Hans/LC_MESSAGES/django.po from the table below, then compile.

Run `make messages` after adding translatable strings: it extracts them, runs this script
and compiles the .mo file that is committed (so a machine without gettext still has Chinese).
A string missing from the table stays untranslated and is listed, so nothing slips by silently.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

ZH = {
    "This form was already submitted; nothing was repeated.": "该表单已提交过，未重复办理。",
    # with a context (pgettext): "context\x04msgid"
    "relation\x04parent": "父母",
    "person\x04name": "姓名",
    "place\x04county": "所在区县",
    # apps
    "Platform core": "平台核心",
    "Public site": "公众网站",
    "Cases and needs": "个案与需求",
    "Charity projects": "慈善项目",
    "Donors, funds and ledger": "捐赠、基金与台账",
    "Matching and search": "匹配与检索",
    # public site
    "intro": "导语",
    "body": "正文",
    "home page": "首页",
    "How to ask for help": "如何求助",
    "Call the social assistance hotline 12349, or visit the civil affairs office of your "
    "township or street. Anyone may report a person in distress.": (
        "拨打社会救助热线 12349，或前往所在乡镇（街道）民政部门求助。任何人都可以报告身边陷入困境的人。"
    ),
    "Emergency and hardship relief platform": "救急难救助平台",
    "Skip to main content": "跳到主要内容",
    "Language": "语言",
    "Switch": "切换",
    "Social assistance hotline": "社会救助热线",
    "Sign-in locked": "登录已锁定",
    "Too many failed sign-in attempts. Try again later or ask an administrator.": (
        "登录失败次数过多，请稍后再试或联系管理员。"
    ),
    # API
    "The request has errors: see the fields named below.": "请求有误，请查看下列字段。",
    "A region code is six digits (GB/T 2260).": "行政区划代码为六位数字（GB/T 2260）。",
    "within region (GB/T 2260 code)": "所属行政区划（GB/T 2260 代码）",
    "name contains": "名称包含",
    # audit
    "actor": "操作人",
    "Empty for the system itself (scheduled tasks, webhooks).": "系统自动操作（定时任务、回调）时为空。",
    "action": "操作",
    "object type": "对象类型",
    "object id": "对象编号",
    "object": "对象",
    "changed fields": "变更字段",
    "Field name to [before, after]. Personal data is never copied here.": (
        "字段名对应 [变更前, 变更后]。个人信息不会写入此处。"
    ),
    "request id": "请求编号",
    "IP address": "IP 地址",
    "time": "时间",
    "audit event": "审计事件",
    "audit events": "审计日志",
    "reader": "查阅人",
    "fields read": "查阅字段",
    "purpose": "用途",
    "personal data read": "个人信息查阅记录",
    "personal data reads": "个人信息查阅记录",
    # calendar
    "date": "日期",
    "name": "名称",
    "make-up working day": "调休上班日",
    "Checked for a weekend day that is worked (调休上班).": "周末调休上班的日期请勾选。",
    "holiday": "节假日",
    "holidays": "节假日",
    "office": "机构",
    "step": "环节",
    "working days": "工作日数",
    "office time limit": "办理时限",
    "office time limits": "办理时限",
    # organisations
    "government office": "政府部门（民政）",
    "functional department": "职能部门",
    "charity": "慈善组织",
    "enterprise or foundation": "企业或基金会",
    "civil affairs": "民政",
    "education": "教育",
    "housing": "住房",
    "health and medical insurance": "卫生健康与医疗保障",
    "human resources and social security": "人力资源和社会保障",
    "emergency management": "应急管理",
    "other": "其他",
    "kind": "类型",
    "region": "行政区划",
    "sector": "领域",
    "parent organisation": "上级机构",
    "verified charity": "已认定慈善组织",
    "A charity registered and checked by civil affairs (慈善组织认定).": "经民政部门登记认定的慈善组织。",
    "active": "有效",
    "created at": "创建时间",
    "organisation": "机构",
    "organisations": "机构",
    "caseworker": "经办人员",
    "supervisor": "督查人员",
    "charity staff": "慈善组织工作人员",
    "fund manager": "基金管理人",
    "auditor": "专项治理（审计）人员",
    "platform administrator": "平台管理员",
    "user": "用户",
    "role": "角色",
    "membership": "任职",
    "memberships": "任职",
    # regions
    "province": "省级",
    "city": "地级",
    "county": "县级",
    "code": "代码",
    "level": "层级",
    "parent": "上级",
    "path": "路径",
    "regions": "行政区划",
    # money
    "Enter the amount as text or an integer, not a float.": "请以文本或整数填写金额，不能使用浮点数。",
    "Enter a valid amount in yuan.": "请输入有效的金额（元）。",
    "An amount has at most two decimal places (fen).": "金额最多保留两位小数（到分）。",
    "An amount is an integer number of fen.": "金额须为以分为单位的整数。",
    "The amount must be greater than zero.": "金额必须大于零。",
    "The amount is too large.": "金额过大。",
    # services
    "A region code is six digits (GB/T 2260), got “%(code)s”.": (
        "行政区划代码为六位数字（GB/T 2260），收到的是“%(code)s”。"
    ),
    "Unknown region code “%(code)s”.": "未知的行政区划代码“%(code)s”。",
    "Only a platform administrator may do this.": "只有平台管理员可以执行此操作。",
    "Only a charity can be marked verified.": "只有慈善组织可以标记为已认定。",
    "An office's region must lie within its parent office's region.": "机构所在区划必须在上级机构的区划范围内。",
    "Unknown role “%(role)s”.": "未知的角色“%(role)s”。",
    "The role “%(role)s” does not fit an organisation of kind “%(kind)s”.": (
        "角色“%(role)s”不适用于“%(kind)s”类型的机构。"
    ),
    # case API and filters
    "Say which office records the case.": "请指明由哪个机构登记该个案。",
    "has an overdue step": "有逾期环节",
    "household in key group": "所属重点对象类别",
    "case number": "个案编号",
    # identifiers
    "The birth date in this ID number is not a real date between 1900 and today.": "身份证号码中的出生日期无效，须为 1900 年至今的真实日期。",
    "Enter an ID number of 18 characters (digits, the last may be X) or 15 digits.": "请输入 18 位身份证号码（均为数字，末位可为 X）或 15 位数字。",
    "This ID number's last character does not match the others; check for a typo.": "身份证号码末位校验码与其他位不符，请检查是否录入有误。",
    "Enter a mainland mobile number (11 digits starting with 13-19) or a landline with its area code, such as 0431-88888888.": "请输入内地手机号码（以 13—19 开头的 11 位数字）或带区号的固定电话，如 0431-88888888。",
    # cases: discovery channels, categories, urgency
    "hotline 12349": "12349 热线",
    "grid worker": "网格员",
    "walk-in": "来访求助",
    "petition": "信访",
    "public report": "群众反映",
    "data cross-check": "数据比对",
    "proxy application": "代为申请",
    "sudden disaster": "突发灾害",
    "accident or injury": "意外事故或伤害",
    "grave illness": "重大疾病",
    "fire": "火灾",
    "death or loss of the breadwinner": "家庭主要劳动力死亡或失能",
    "child in distress": "儿童陷入困境",
    "normal": "一般",
    "urgent": "紧急",
    "critical": "危急",
    # cases: status and outcome
    "reported": "已登记",
    "accepted": "已受理",
    "assessed": "已评估",
    "relief given": "已救助",
    "referred": "已转介",
    "closed": "已结束",
    "resolved with help": "经帮扶已解决",
    "resolved without help": "未经帮扶已解决",
    "withdrawn": "已撤回",
    "not eligible": "不符合条件",
    # cases: fields
    "household": "家庭",
    "discovery channel": "发现渠道",
    "category": "困难类别",
    "what happened": "情况说明",
    "urgency": "紧急程度",
    "emergency": "紧急情况",
    "status": "状态",
    "responsible office": "责任单位",
    "first-contact owner": "首问责任人",
    "assessed need (fen)": "评估需求金额（分）",
    "remaining gap (fen)": "剩余缺口（分）",
    "needs a new match": "需重新匹配",
    "outcome": "办理结果",
    "outcome note": "结果备注",
    "reported at": "登记时间",
    "accepted at": "受理时间",
    "assessed at": "评估时间",
    "closed at": "结案时间",
    "case": "急难个案",
    "cases": "急难个案",
    # relief (临时救助, 先行救助, 一事一议)
    "normal relief ceiling (fen)": "常规救助限额（分）",
    "advance relief ceiling (fen)": "先行救助限额（分）",
    "relief policy": "救助限额标准",
    "relief policies": "救助限额标准",
    "temporary relief": "临时救助",
    "advance relief": "先行救助",
    "granted": "已发放",
    "awaiting approval": "待审批",
    "approved above the ceiling": "超限额已批准",
    "refused": "不予批准",
    "amount (fen)": "金额（分）",
    "in-kind relief": "实物救助",
    "reason": "理由",
    "granted at": "发放时间",
    "decided at": "审批时间",
    "deliberation (一事一议) reason": "一事一议理由",
    "paperwork completed at": "补办手续时间",
    "relief grant": "救助发放记录",
    "relief grants": "救助发放记录",
    # case conferences (会商) and deadlines
    "held on": "会商日期",
    "participants": "参会人员",
    "decision": "会商决定",
    "follow-ups": "后续事项",
    "accept the case": "受理个案",
    "give advance relief": "实施先行救助",
    "complete advance-relief paperwork": "补办先行救助手续",
    "answer the referral": "答复转介",
    "due at": "办理期限",
    "met at": "实际完成时间",
    "escalated at": "升级督办时间",
    # consent
    "publish an anonymized need": "公开发布匿名化的求助信息",
    "disclose contact details to an accepting charity": "向接收转介的慈善组织提供联系方式",
    "signed form": "书面签字",
    "verbal, witnessed": "口头同意（有见证人）",
    "electronic": "电子方式",
    "scope": "同意事项",
    "how": "同意方式",
    "given by": "同意人",
    "recorded at": "登记时间",
    "withdrawn at": "撤回时间",
    "consent": "知情同意",
    "consents": "知情同意",
    # households: the eight key groups (八类重点对象) and statuses
    "household with elderly, disabled or seriously ill members": "有老年人、残疾人或重病患者的家庭",
    "no or little capacity to work": "无劳动能力或劳动能力较弱",
    "unstable after leaving poverty": "脱贫不稳定",
    "applied earlier but was not covered": "曾申请救助但未纳入保障",
    "called the hotline for help": "曾拨打热线求助",
    "hit by disaster or accident": "遭遇灾害或意外事故",
    "still in hardship after relief": "救助后仍有困难",
    "other key group": "其他重点对象",
    "township or street": "乡镇（街道）",
    "address": "详细地址",
    "phone": "联系电话",
    "minimum-living allowance (低保)": "低保对象",
    "extreme-poverty support (特困)": "特困人员",
    "marginal low-income (低保边缘)": "低保边缘家庭",
    "expenditure-driven hardship (支出型困难)": "支出型困难家庭",
    "households": "家庭",
    "Household %(id)s": "家庭 %(id)s",
    # household members
    "head of household": "户主",
    "spouse": "配偶",
    "child": "子女",
    "grandchild": "孙子女",
    "grandparent": "祖父母",
    "sibling": "兄弟姐妹",
    "other relative": "其他亲属",
    "relation": "与户主关系",
    "age": "年龄",
    "disability": "残疾",
    "serious illness": "重病",
    "ID number (encrypted)": "身份证号码（加密）",
    "household member": "家庭成员",
    "household members": "家庭成员",
    # public needs
    "draft": "草稿",
    "published": "已发布",
    "unpublished": "已撤下",
    "title": "标题",
    "story": "情况介绍",
    "published at": "发布时间",
    "unpublished at": "撤下时间",
    "public need": "公开求助信息",
    "public needs": "公开求助信息",
    # referrals (转介)
    "requested": "已发起",
    "rejected": "已拒绝",
    "cancelled": "已取消",
    "in progress": "办理中",
    "completed": "已完成",
    "failed": "未成功",
    "expired": "逾期未答复",
    "no capacity": "无力承接",
    "out of area": "超出服务地区",
    "cannot contact": "无法联系",
    "not resolved": "未解决",
    "referred to": "接收单位",
    "amount requested (fen)": "申请金额（分）",
    "note to the receiver": "致接收单位说明",
    "emergency exception reason": "紧急先行转介理由",
    "requested at": "转介时间",
    "answer due at": "答复期限",
    "answered at": "答复时间",
    "reason for rejecting": "拒绝理由",
    "outcome reason": "结果说明",
    "finished at": "办结时间",
    "referral": "转介",
    "referrals": "转介",
    # case services
    "You do not work for this office.": "您不是该机构的工作人员。",
    "Cases are recorded by a government office.": "急难个案须由政府部门登记。",
    "The household lives outside your office's jurisdiction.": "该家庭不在本机构辖区内。",
    "This field is required.": "此项为必填项。",
    "This household is already on record: the case joins its existing chain.": "该家庭已有记录，本个案将并入其已有的救助链条。",
    "The case has already been accepted.": "该个案已受理。",
    "Only the case's owner or a supervisor may hand it over.": "只有首问责任人或督查人员可以移交该个案。",
    "Hand a case over to a government office or department.": "个案只能移交给政府部门或职能部门。",
    "The case is already with this office.": "该个案已由此机构办理。",
    "Accept the case first.": "请先受理该个案。",
    "The gap at assessment is zero or a positive number of fen.": "评估缺口须为零或正数（以分计）。",
    "The gap at assessment cannot exceed the assessed need.": "评估缺口不能超过评估需求金额。",
    "A case conference has at least two participants.": "会商至少须有两名参会人员。",
    "A conference cannot be recorded before it is held.": "会商召开前不能登记会商记录。",
    "Only the case's owner or a supervisor may close it.": "只有首问责任人或督查人员可以结案。",
    "Choose an outcome.": "请选择办理结果。",
    "Finish or cancel the open referrals before closing the case.": "结案前请先办结或取消尚未办结的转介。",
    "This case is not in your jurisdiction.": "该个案不在您的管辖范围内。",
    "Only a supervisor for this case's region may do this.": "只有该个案所在地区的督查人员可以执行此操作。",
    "The case is closed.": "该个案已结案。",
    # consent services
    "Unknown consent scope.": "未知的同意事项。",
    "Say how the consent was given.": "请填写同意方式。",
    "This consent is already recorded.": "该项同意已登记。",
    "This consent was already withdrawn.": "该项同意已撤回。",
    # household services
    "Choose a county-level region.": "请选择县级行政区划。",
    "Unknown household status or key group.": "未知的家庭类别或重点对象类别。",
    "Record at least the head of household.": "至少须登记户主。",
    "A household has exactly one head.": "每户有且只有一名户主。",
    "Unknown relation.": "未知的与户主关系。",
    "Enter an age between 0 and 130.": "请输入 0 至 130 之间的年龄。",
    "The same ID number appears twice.": "同一身份证号码重复出现。",
    # public need services (identifiers found in a title or story)
    "a name": "姓名",
    "an ID number": "身份证号码",
    "a phone number": "电话号码",
    "a bank card number": "银行卡号",
    "a hospital record number": "病历号",
    "an address below county level": "县级以下的详细地址",
    "an exact birth date": "确切出生日期",
    "%(region)s: a family hit by %(category)s needs help": "%(region)s：一户家庭急需帮助（%(category)s）",
    "Publishing needs the household's recorded consent.": "发布前须已登记该家庭的知情同意。",
    "Assess the case and record a remaining gap before publishing a need.": "发布求助信息前，请先评估个案并登记剩余缺口。",
    "Unpublish the need before rebuilding it.": "请先撤下求助信息再重新生成。",
    "Unpublish the need before editing it.": "请先撤下求助信息再编辑。",
    "The need is already published.": "该求助信息已发布。",
    "Remove %(what)s before publishing.": "发布前请删除其中的%(what)s。",
    "The need is not published.": "该求助信息未发布。",
    # referral services
    "Refer to either a charity project or a department.": "请在慈善项目和职能部门中选择其一进行转介。",
    "This project is not open for referrals.": "该项目目前不接受转介。",
    "Choose a functional department.": "请选择职能部门。",
    "Refer after relief was given and a remaining gap is recorded, or give the emergency reason for referring first (先救助、后补办手续).": "请在实施救助并登记剩余缺口后再转介；如需先行转介，请填写紧急情况理由（先救助、后补办手续）。",
    "This case already has an open referral to this target.": "该个案已有向同一对象发起且尚未办结的转介。",
    "This project has already declined this case.": "该项目已拒绝接收此个案。",
    "This referral was sent to another organisation.": "该转介的接收单位不是本机构。",
    "A referral that is “%(status)s” cannot be changed this way.": "状态为“%(status)s”的转介不能执行此项操作。",
    "Choose the reason for declining.": "请选择拒绝理由。",
    "Explain the reason when it is “other”.": "选择“其他”时，请说明具体理由。",
    "Choose the outcome.": "请选择办理结果。",
    "Say why the need was not resolved.": "请说明需求未解决的原因。",
    "Contact details are shown only while you handle an accepted referral.": "仅在办理已受理的转介期间显示联系方式。",
    "The household has not consented to sharing contact details.": "该家庭未同意提供联系方式。",
    # relief services
    "Advance relief is for emergencies only.": "先行救助仅适用于紧急情况。",
    "Advance relief is at most %(ceiling)s.": "先行救助金额不得超过%(ceiling)s。",
    "Assess the case before temporary relief (or give advance relief).": "实施临时救助前请先评估个案（或改为先行救助）。",
    "Above the ceiling of %(ceiling)s, give the reason for case-by-case approval.": "金额超过%(ceiling)s的限额，请填写一事一议的理由。",
    "Choose temporary or advance relief.": "请选择临时救助或先行救助。",
    "This relief is not waiting for a decision.": "该救助不在待审批状态。",
    "Someone other than the requester must decide.": "须由申请人以外的人员审批。",
    "Record the reason for the decision.": "请填写审批理由。",
    "Only advance relief has paperwork to complete afterwards.": "只有先行救助需要事后补办手续。",
    "The paperwork is already complete.": "手续已补办完成。",
    # charity projects
    "open": "接受转介",
    "paused": "已暂停",
    "description": "项目简介",
    "categories covered": "救助类别",
    "regions covered": "服务地区",
    "per-case cap (fen)": "单个个案资助上限（分）",
    "charity project": "慈善项目",
    "charity projects": "慈善项目",
    # platform services and API
    "This idempotency key was already used for a different request.": "该幂等键已用于另一个不同的请求。",
    "Use 8 to 64 letters, digits or - _ . : for the idempotency key.": "幂等键须由 8 至 64 个字母、数字或 - _ . : 字符组成。",
    "The amount cannot be negative.": "金额不能为负数。",
    "This field cannot be changed.": "此项不可修改。",
    "An organisation cannot be its own parent, even indirectly.": "机构不能直接或间接地将自身设为上级机构。",
    "This user account is deactivated.": "该用户账号已停用。",
    "This organisation is deactivated.": "该机构已停用。",
    "Only a supervisor over this office may set its time limits.": "只有对该机构有督查权限的人员才能设置其办理时限。",
    "Unknown step “%(step)s”.": "未知的环节“%(step)s”。",
    # admin menus
    "Organisations": "机构",
    "Staff roles": "人员角色",
    "Holidays": "节假日",
    "Office time limits": "办理时限",
    "Audit log": "审计日志",
    "Platform": "平台管理",
    # back office: form choices and help texts
    "all": "全部",
    "yes": "是",
    "no": "否",
    "In yuan (元), for example 1200 or 1,250.50.": "以元为单位，如 1200 或 1,250.50。",
    "hand over to": "移交至",
    "assessed need": "评估需求金额",
    "remaining gap": "剩余缺口",
    "amount": "金额",
    "Goods or services given, if any (for example: rice, quilts).": (
        "如发放物资或提供服务，请填写（例如：大米、棉被）。"
    ),
    "Required above the office's ceiling: a supervisor decides (一事一议).": (
        "超过本机构救助限额时必填，由督查人员审批（一事一议）。"
    ),
    "approve": "批准",
    "refuse": "不予批准",
    "reason for the decision": "审批理由",
    "(none: refer to a department)": "（不选，转介至职能部门）",
    "or a functional department": "或转介至职能部门",
    "(none)": "（无）",
    "Coordinated handling (协同办理): choose either a project or a department.": (
        "协同办理：请在慈善项目和职能部门中选择其一。"
    ),
    "amount requested": "申请金额",
    "No names, ID numbers or phone numbers: the receiver sees this note.": (
        "接收单位可见此说明，请勿填写姓名、身份证号码或电话号码。"
    ),
    "emergency reason": "紧急先行转介理由",
    "Only when referring before relief was given (先救助、后补办手续): say why it cannot wait.": (
        "仅在实施救助前先行转介时填写（先救助、后补办手续），请说明不能等待的原因。"
    ),
    "One per line: department or organisation and name, at least two.": (
        "每行一人，填写所在部门或机构及姓名，至少两人。"
    ),
    "consent to": "同意事项",
    "how it was given": "同意方式",
    "The person who consented (the head of household or their guardian).": (
        "作出同意的人（户主或其监护人）。"
    ),
    "note": "备注",
    "reason for declining": "拒绝理由",
    "Required when the reason is “other”.": "理由为“其他”时必填。",
    "Required when the need was not resolved.": "需求未解决时必填。",
    "reason for cancelling": "取消理由",
    # back office: reporting a case
    "Allows advance relief (先行救助) before the assessment.": "勾选后可在评估前实施先行救助。",
    "head of household: name": "户主：姓名",
    "head of household: ID number": "户主：身份证号码",
    "Optional; 18 digits (or the old 15). Stored encrypted.": "选填；18 位（或旧版 15 位），加密存储。",
    "head of household: age": "户主：年龄",
    "head of household: disability": "户主：残疾",
    "head of household: serious illness": "户主：重病",
    "household status": "家庭类别",
    "key groups (八类重点对象)": "八类重点对象",
    "member %(number)s: name": "成员 %(number)s：姓名",
    "member %(number)s: relation": "成员 %(number)s：与户主关系",
    "member %(number)s: age": "成员 %(number)s：年龄",
    "member %(number)s: disability": "成员 %(number)s：残疾",
    "member %(number)s: serious illness": "成员 %(number)s：重病",
    "Choose the member's relation.": "请选择该成员与户主的关系。",
    "Enter the member's name or leave the row empty.": "请填写该成员姓名，或将此行留空。",
    # back office: timeline of a case
    "case reported": "个案已登记",
    "case accepted": "个案已受理",
    "handed over": "已移交",
    "need assessed": "需求已评估",
    "case conference recorded": "会商已登记",
    "case closed": "已结案",
    "relief approved (一事一议)": "救助已批准（一事一议）",
    "relief refused (一事一议)": "救助不予批准（一事一议）",
    "advance-relief paperwork completed": "先行救助手续已补办",
    "referral accepted": "转介已受理",
    "referral declined": "转介已拒绝",
    "referral work started": "转介已开始办理",
    "referral finished": "转介已办结",
    "referral cancelled": "转介已取消",
    "referral expired unanswered": "转介逾期未答复",
    "consent recorded": "知情同意已登记",
    "consent withdrawn": "知情同意已撤回",
    "public need drafted": "公开求助信息草稿已生成",
    "public need edited": "公开求助信息已编辑",
    "public need published": "公开求助信息已发布",
    "public need unpublished": "公开求助信息已撤下",
    "overdue step escalated to the supervisor": "逾期环节已升级至督查人员督办",
    # back office: case actions and messages
    "You do not have a role that may use this screen.": "您的角色无权使用此页面。",
    "%(action)s: not done. %(reasons)s": "%(action)s：未能完成。%(reasons)s",
    "You may not do this.": "您无权执行此操作。",
    "Save": "保存",
    "Only caseworkers and supervisors act on cases.": "只有经办人员和督查人员可以办理个案。",
    "Build the anonymized preview first.": "请先生成匿名化预览。",
    "Accept the case": "受理个案",
    "You become the first-contact owner (首问负责制) until the case is handed over.": (
        "受理后您即为首问责任人（首问负责制），直至个案移交。"
    ),
    "Accept": "受理",
    "Case %(number)s accepted: you are its first-contact owner.": (
        "个案 %(number)s 已受理，您为首问责任人。"
    ),
    "Hand over": "移交",
    "The receiving office or department accepts the case again; the hand-over is recorded.": (
        "接收机构或部门须重新受理该个案，移交情况将记录在案。"
    ),
    "Case handed over to %(office)s.": "个案已移交至%(office)s。",
    "Assess the need": "评估需求",
    "Record the assessment": "登记评估结果",
    "Assessment recorded: need %(need)s, remaining gap %(gap)s.": (
        "评估结果已登记：需求金额 %(need)s，剩余缺口 %(gap)s。"
    ),
    "Give relief": "发放救助",
    "Temporary relief needs an assessment; advance relief (先行救助) is for emergencies, "
    "with the paperwork completed afterwards.": (
        "临时救助须先评估；先行救助仅用于紧急情况，事后补办手续。"
    ),
    "Relief of %(amount)s recorded: above the ceiling, it waits for a supervisor's "
    "decision (一事一议).": "已登记救助 %(amount)s，因超过限额，待督查人员审批（一事一议）。",
    "Relief of %(amount)s given.": "已发放救助 %(amount)s。",
    "Decide on relief above the ceiling": "审批超限额救助",
    "Record the decision": "登记审批结果",
    "Relief of %(amount)s approved.": "救助 %(amount)s 已批准。",
    "Relief of %(amount)s refused.": "救助 %(amount)s 不予批准。",
    "Advance-relief paperwork complete": "先行救助手续补办完成",
    "Paperwork complete": "确认已补办",
    "The advance-relief paperwork is recorded as complete.": "已登记先行救助手续补办完成。",
    "Refer (转介)": "转介",
    "To a charity project or a functional department, once relief was given and a gap "
    "remains (or with the emergency reason).": (
        "实施救助后仍有缺口的，转介至慈善项目或职能部门（或填写紧急先行转介理由）。"
    ),
    "Refer": "转介",
    "Referred to %(receiver)s; an answer is due by %(due)s.": (
        "已转介至%(receiver)s，须于 %(due)s 前答复。"
    ),
    "Record a case conference (会商)": "登记会商",
    "Record the conference": "登记会商记录",
    "Case conference recorded.": "会商记录已登记。",
    "Record consent": "登记知情同意",
    "Publishing an anonymized need, and showing contact details to an accepting charity, "
    "each need the household's consent.": (
        "公开发布匿名化求助信息、向接收转介的慈善组织提供联系方式，均须分别取得该家庭同意。"
    ),
    "Consent recorded: %(scope)s.": "已登记知情同意：%(scope)s。",
    "Withdraw consent": "撤回知情同意",
    "Withdraw": "撤回",
    "Consent withdrawn: %(scope)s.": "已撤回知情同意：%(scope)s。",
    "Build the anonymized public need": "生成匿名化公开求助信息",
    "Build the preview": "生成预览",
    "Draft public need built: check it below before publishing.": (
        "公开求助信息草稿已生成，发布前请核对下方内容。"
    ),
    "Edit the public need": "编辑公开求助信息",
    "Save the draft": "保存草稿",
    "Draft public need saved.": "公开求助信息草稿已保存。",
    "Publish the need": "发布求助信息",
    "The text is checked again for anything that identifies the household.": (
        "系统将再次检查文本中是否含有可识别该家庭的信息。"
    ),
    "Publish": "发布",
    "The need is published on the public site.": "求助信息已在公众网站发布。",
    "Unpublish the need": "撤下求助信息",
    "Unpublish": "撤下",
    "The need is no longer public.": "求助信息已撤下，不再公开。",
    "Close the case": "结案",
    "Finish or cancel open referrals first.": "请先办结或取消尚未办结的转介。",
    "Case %(number)s closed: %(outcome)s.": "个案 %(number)s 已结案：%(outcome)s。",
    "Case %(number)s recorded.": "个案 %(number)s 已登记。",
    "Earlier cases: %(numbers)s.": "此前的个案：%(numbers)s。",
    "Report a case": "登记个案",
    # back office: referral actions and messages
    "Only charity and government staff answer referrals.": (
        "只有慈善组织和政府部门工作人员可以答复转介。"
    ),
    "Accept the referral": "受理转介",
    "You take on the case's remaining need; contact details follow if the household consented.": (
        "受理后由您承接该个案的剩余需求；如该家庭已同意，将向您提供联系方式。"
    ),
    "Referral accepted.": "转介已受理。",
    "Decline the referral": "拒绝转介",
    "Decline": "拒绝",
    "Referral declined; the referring office will look for another match.": (
        "已拒绝转介，转介机构将另行匹配。"
    ),
    "Start the work": "开始办理",
    "Start": "开始办理",
    "Work on the referral started.": "转介已开始办理。",
    "Finish the referral": "办结转介",
    "Finish": "办结",
    "Referral finished: %(outcome)s.": "转介已办结：%(outcome)s。",
    "Cancel the referral": "取消转介",
    "The referring office withdraws a referral that is still open.": (
        "由转介机构撤回尚未办结的转介。"
    ),
    "Referral cancelled.": "转介已取消。",
    # back office: case model
    "next deadline": "最近办理期限",
    "The earliest unmet deadline of the case's steps; kept by the deadline services.": (
        "个案各环节中最早的未完成期限，由系统自动维护。"
    ),
    # back office: pagination
    "Pages": "分页",
    "Page %(number)s of %(total)s (%(items)s in all)": (
        "第 %(number)s 页，共 %(total)s 页（共 %(items)s 条）"
    ),
    "Previous page": "上一页",
    "Next page": "下一页",
    # back office: case page
    "Case %(number)s": "个案 %(number)s",
    "Back to the case list": "返回个案列表",
    "The case": "个案情况",
    "overdue": "已逾期",
    "not yet accepted": "尚未受理",
    "What happened": "情况说明",
    "Actions": "办理操作",
    "You may read this case but not act on it.": "您可以查阅该个案，但无权办理。",
    "Household": "家庭情况",
    "Personal data: your reading of this page is recorded in the audit log.": (
        "本页含个人信息，您的查阅将记入审计日志。"
    ),
    "household status and key groups": "家庭类别及重点对象类别",
    "Household members": "家庭成员",
    "health": "健康状况",
    "ID number": "身份证号码",
    "Relief": "救助",
    "Relief grants": "救助发放记录",
    "paperwork": "补办手续",
    "Waiting for a supervisor (not the requester).": "待督查人员（非申请人）审批。",
    "complete": "已补办",
    "outstanding": "待补办",
    "No relief given yet.": "尚未实施救助。",
    "Referrals": "转介",
    "Referrals of this case": "本个案的转介",
    "answer": "答复情况",
    "Not referred yet.": "尚未转介。",
    "Deadlines": "办理时限",
    "Deadlines of this case": "本个案的办理时限",
    "No deadlines.": "暂无办理时限。",
    "Consents": "知情同意",
    "Consents recorded for this case": "本个案已登记的知情同意",
    "recorded": "登记",
    "No consent recorded.": "尚未登记知情同意。",
    "Case conferences": "会商",
    "No case conference.": "暂无会商记录。",
    "Hand-overs": "移交记录",
    "Public need": "公开求助信息",
    "No public need yet: build the anonymized preview from the actions above.": (
        "尚无公开求助信息，可通过上方办理操作生成匿名化预览。"
    ),
    "Not published. Publishing needs the household's recorded consent.": (
        "未发布。发布前须已登记该家庭的知情同意。"
    ),
    "Timeline": "办理记录",
    "What happened to this case, oldest first": "本个案办理经过（按时间先后排列）",
    "when": "时间",
    "who": "操作人",
    "what": "事项",
    "changes": "变更内容",
    "system": "系统",
    "Nothing recorded yet.": "暂无记录。",
    # back office: case list and report
    "Cases": "急难个案",
    "Filter cases": "筛选个案",
    "Filter": "筛选",
    "Clear filters": "清除筛选条件",
    "Cases in your jurisdiction": "本辖区内的个案",
    "deadlines": "办理时限",
    "No cases match.": "没有符合条件的个案。",
    "You are not a caseworker or supervisor of an active office, so you cannot report a case.": (
        "您不是有效机构的经办人员或督查人员，无法登记个案。"
    ),
    "Where the household lives": "家庭住址",
    "Head of household": "户主",
    "Other members (optional)": "其他家庭成员（选填）",
    "Leave a row empty if there is nobody else to record.": "如无其他成员需要登记，请将该行留空。",
    "Household status and key groups": "家庭类别及重点对象类别",
    "Record the case": "登记个案",
    "Not allowed": "无权访问",
    # back office: referrals
    "Referral of case %(number)s": "个案 %(number)s 的转介",
    "Back to the referral inbox": "返回待办转介",
    "Open the case": "查看个案",
    "The referral": "转介情况",
    "Contact details": "联系方式",
    "Shared with the household's consent for delivering help; your reading is recorded in "
    "the audit log.": "经该家庭同意提供，仅用于实施帮扶；您的查阅将记入审计日志。",
    "Not shown:": "不予显示：",
    "Referral inbox": "待办转介",
    "Filter referrals": "筛选转介",
    "No referrals.": "暂无转介。",
}

# Each app's strings live beside this file in zh_hans_<app>.py (a dict named ZH).
for _path in sorted(Path(__file__).parent.glob("zh_hans_*.py")):
    _namespace: dict = {}
    exec(compile(_path.read_text(encoding="utf-8"), str(_path), "exec"), _namespace)  # noqa: S102
    ZH.update(_namespace["ZH"])


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    source = PO.read_text(encoding="utf-8")
    entry = re.compile(
        r'^(msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE
    )
    missing: list[str] = []

    def text(quoted: str) -> str:
        raw = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted))
        return raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    def fill(match: re.Match) -> str:
        msgid = text(match.group(3))
        if not msgid:
            return match.group(0)
        # A string with a context (pgettext) is looked up as "context\x04msgid".
        key = f"{text(match.group(2))}\x04{msgid}" if match.group(2) else msgid
        if key not in ZH:
            missing.append(key.replace("\x04", " | "))
            # Never let msgmerge's fuzzy guess go live: untranslated shows the English.
            return f'{match.group(1) or ""}msgid {match.group(3)}msgstr ""\n'
        return f"{match.group(1) or ''}msgid {match.group(3)}msgstr {_po_string(ZH[key])}\n"

    filled = entry.sub(fill, source)
    # Every entry is now exact: drop msgmerge's fuzzy flags and its notes of previous msgids,
    # or compilemessages would skip the flagged entries.
    filled = re.sub(r"^#\| .*\n", "", filled, flags=re.MULTILINE)
    filled = re.sub(r"^#, fuzzy\n", "", filled, flags=re.MULTILINE)
    filled = re.sub(r"^(#,.*?), fuzzy", r"\1", filled, flags=re.MULTILINE)
    filled = re.sub(r"^#, fuzzy, ", "#, ", filled, flags=re.MULTILINE)
    filled = filled.replace('"Language: \\n"', '"Language: zh_Hans\\n"')
    PO.write_text(filled, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
