"""Chinese for the site's own error pages in development (merged by translate_zh_hans.py)."""

ZH = {
    "Something went wrong": "出错了",
    "The page could not be shown because of an error on our side. It has been recorded. Please try again in a few minutes.": "由于我们这边的错误，页面暂时无法显示。错误已被记录，请过几分钟再试。",
    "If you need help urgently, call the social assistance hotline 12349 or go to your township office.": "如需紧急求助，请拨打社会救助服务热线 12349，或前往所在乡镇（街道）办事处。",
}

ZH.update(
    {
        # reconciliation: harmless findings, acknowledgements (issue 16)
        "Stripe event %(event)s (%(type)s) reports a payment for a Checkout Session this platform did not create.": "Stripe 事件 %(event)s（%(type)s）报告了一笔并非本平台创建的结账会话的付款。",
        "Only an auditor or the platform administrator may do this.": "只有审计人员或平台管理员可以执行此操作。",
        "Say in a sentence why this needs no correction (at least 10 characters).": "请用一句话说明为什么无需更正（至少 10 个字）。",
        "Reconciliation does not report this finding now.": "对账目前并未报告这一问题。",
        "ACKNOWLEDGED": "已确认",
        "(%(user)s, %(date)s: %(reason)s)": "（%(user)s，%(date)s：%(reason)s）",
        "finding": "问题",
        "what it is about": "涉及对象",
        "acknowledged at": "确认时间",
        "reconciliation acknowledgement": "对账确认",
        "reconciliation acknowledgements": "对账确认",
        "Reconciliation": "对账",
        "Not acknowledged: %s": "未确认：%s",
        "Acknowledged: %(key)s.": "已确认：%(key)s。",
        "Checked %(t)s transactions, %(a)s accounts, %(d)s donations, %(al)s allocations and %(e)s Stripe payment events.": "已核对 %(t)s 笔交易、%(a)s 个账户、%(d)s 笔捐赠、%(al)s 笔拨付和 %(e)s 个 Stripe 付款事件。",
        "To correct or acknowledge": "待更正或确认",
        "Each of these breaks a rule of the ledger. Correct it with a new transaction, or, if it needs no correction, acknowledge it with the reason: it stays listed with your name and reason and no longer fails the check.": "以下每一项都违反了台账规则。请用一笔新交易更正；如确实无需更正，请填写理由并确认：该项仍会列出，并显示您的姓名和理由，但不再使对账失败。",
        "Why it needs no correction": "确认无需更正的理由",
        "Acknowledge": "确认",
        "For attention": "请留意",
        "Acknowledged": "已确认",
        "acknowledged by %(user)s on %(date)s: %(reason)s": "由 %(user)s 于 %(date)s 确认：%(reason)s",
    }
)

ZH.update(
    {
        "“%(field)s” contains a control character (such as NUL); remove it.": "“%(field)s”中含有控制字符（如 NUL），请删除后再提交。",
        "The request could not be read": "无法读取此请求",
    }
)

ZH.update(
    {
        "Type the amount with ordinary (half-width) digits 0-9, e.g. 1200 or 1,250.50.": "请用半角数字 0-9 输入金额，例如 1200 或 1,250.50。",
    }
)

ZH.update(
    {
        "The service is briefly unavailable. Please try again in a minute.": "服务暂时不可用，请一分钟后再试。",
        "Briefly unavailable": "服务暂时不可用",
    }
)
