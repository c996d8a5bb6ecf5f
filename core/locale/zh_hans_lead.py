"""Chinese for stop 16's lead work: reconciliation of proof files, API errors."""

ZH = {
    "The proof of payment of payment D%(id)s is missing from its storage.": (
        "付款 D%(id)s 的付款凭证文件已不在存储中。"
    ),
    "The proof of payment of payment D%(id)s is not the file that was attached: its SHA-256 differs.": (
        "付款 D%(id)s 的付款凭证文件与上传时的不一致：SHA-256 校验值不同。"
    ),
    "This refund request was refused before (%(reason)s); start a new one.": (
        "该退款申请此前已被拒绝（%(reason)s）；请重新发起退款。"
    ),
    "Refund R%(id)s of donation #%(donation)s was asked of Stripe but no answer was stored; its amount is held back. Send the same refund request again, or check the refund in Stripe's Dashboard.": (
        "捐赠 #%(donation)s 的退款 R%(id)s 已向 Stripe 发起，但未保存到其答复；该金额暂被保留。请重新发送同一退款申请，或在 Stripe 控制台中核查该退款。"
    ),
    "The same request is still being processed; try again in a moment.": (
        "相同的请求仍在处理中，请稍后再试。"
    ),
    "position": "位置",
    "progress update": "项目进展",
    "Where to start": "从这里开始",
    "Finding people in hardship": "主动发现",
    "held by": "持有机构",
    "For gifts to a need: the charity that received them.": "对需求的捐赠：接收该捐赠的慈善组织。",
    "Only the charity that received the gifts for this need commits them.": (
        "对该需求的捐赠只能由接收捐赠的慈善组织拨付。"
    ),
    "Gifts received for this need": "本组织为该需求接收的捐赠",
    "The household has no current economic-status check (核对): record its authorization and the check's result first.": (
        "该家庭没有有效的居民家庭经济状况核对结果：请先登记家庭的授权和核对结果。"
    ),
    "Nothing waits in: %(kinds)s.": "以下事项暂无待办：%(kinds)s。",
    "highest amount the applicant's handler may approve": "经办人可审批的最高金额",
    "In yuan (元). Above it, someone other than the caseworker handling the application approves; 0: never the handler.": (
        "单位为元。超过此金额时，须由经办该申请以外的人员审批；填 0 表示经办人一律不得审批。"
    ),
    "The office's rules were saved.": "已保存该单位的办理规则。",
    "Rules of the procedure": "办理规则",
    "Only a supervisor over this office may set its rules.": "只有对该单位有督导权限的人员才能设置其办理规则。",
    "The shortest notice may not be below %(days)s days.": "最短公示期不得少于 %(days)s 天。",
    "The notice period may not be shorter than the shortest notice.": "公示期不得短于最短公示期。",
    "The amount may not be negative.": "金额不能为负数。",
    "Unknown assistance type: %(types)s.": "未知的救助类型：%(types)s。",
    "Back to the rules of the procedure": "返回办理规则",
    "The public notice lasts at least %(floor)s days on this platform; an office may make it longer.": (
        "本平台的公示期至少 %(floor)s 天；各单位可以延长。"
    ),
    "Public notice, approval by the handler and community review, per office": (
        "各单位的公示期、经办人审批限额和民主评议要求"
    ),
    "Each stage's time limit is set on the office's time limits. An office without rules of its own follows the platform's defaults.": (
        "各环节的办理时限在单位的办理时限中设置。未自行设置规则的单位按平台默认规则办理。"
    ),
    "platform defaults": "平台默认",
    "Change": "修改",
    "No office is under your supervision.": "您没有督导的单位。",
    "rules of the assistance procedure set": "设置了社会救助办理规则",
    "A relative you filed lives in this household: another supervisor must approve.": (
        "您备案的近亲属是该家庭成员：须由其他督导人员审批。"
    ),
    "A filed relative of staff or a village cadre lives in this household: a supervisor over the office approves (近亲属备案).": (
        "该家庭有已备案的工作人员或村干部近亲属：须由对该单位有督导权限的人员审批（近亲属备案）。"
    ),
    "Not reported in this report.": "本报告未统计此项。",
    "filed": "已申请",
    "filed or decided": "申请或办结",
    "Filed in the month, and decided in the month (granted or refused).": (
        "本月提出的申请，以及本月办结（批准或不予）的申请。"
    ),
    "anonymized summary": "匿名摘要",
    "Typical 急难 cases marked in the month, in their anonymized words.": (
        "本月标记的急难典型个案（匿名摘要）。"
    ),
    "never the handler": "经办人不得审批",
    "Goods to hand over": "待发放的实物",
    "%(goods)s: %(issued)s of %(decided)s %(unit)s handed over": (
        "%(goods)s：已发放 %(issued)s / %(decided)s %(unit)s"
    ),
    "Relief in goods waiting to be handed over": "待发放的实物救助",
    "handed over": "已发放",
    "decided on": "决定日期",
    "No relief in goods waits for this supermarket.": "本超市暂无待发放的实物救助。",
    "Leave blank to have it made from the Chinese name.": "留空则按中文名称自动生成。",
    "reports from the public": "群众报告",
}
# Stop 19: the colon after a label on a screen, "尚缺：¥1,000.00" (Django's own catalogue
# keeps the ASCII colon for ":"): with a context (pgettext): "context\x04msgid"
ZH["label suffix\x04: "] = "："
