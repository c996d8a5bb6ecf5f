"""Chinese for giving on today's Stripe API: the online minimum, refunds through Stripe
(merged by translate_zh_hans.py)."""

ZH = {
    # amounts Stripe takes
    "The smallest online donation is %(minimum)s (Stripe's minimum charge); give smaller amounts by bank transfer.": "在线捐赠最低 %(minimum)s（Stripe 的最低收款额）；更小的金额请通过银行转账捐赠。",
    "Online gifts from %(minimum)s to %(maximum)s.": "在线捐赠金额为 %(minimum)s 至 %(maximum)s。",
    # refunds: the model
    "pending at Stripe": "Stripe 处理中",
    "cancelled": "已取消",
    "Stripe refund": "Stripe 退款编号",
    "requested by": "申请人",
    "settled at": "办结时间",
    "refund": "退款",
    "refunds": "退款",
    # refunds: services and Stripe
    "%(amount)s asked of Stripe: the refund is booked when Stripe confirms it (Alipay and WeChat Pay refunds can take days).": "已向 Stripe 申请退款 %(amount)s：Stripe 确认退款后才记账（支付宝和微信支付的退款可能需要数天）。",
    "%(amount)s was refunded.": "已退款 %(amount)s。",
    "Stripe did not make the refund of %(amount)s (%(reason)s).": "Stripe 未能完成 %(amount)s 的退款（%(reason)s）。",
    "Stripe has not said which payment this was; refund it in Stripe's Dashboard.": "Stripe 尚未告知这笔捐赠对应的付款；请在 Stripe 管理后台办理退款。",
    "An online donation is refunded through Stripe, which books it when it confirms.": "在线捐赠须通过 Stripe 退款，Stripe 确认后才记账。",
    "Online payment is not configured on this server, so Stripe cannot be asked for the refund; nothing was refunded.": "本服务器未配置在线支付，无法向 Stripe 申请退款；未退任何款项。",
    "Stripe refused the refund (%(code)s); nothing was refunded.": "Stripe 拒绝了该退款（%(code)s）；未退任何款项。",
    "Stripe could not be reached, so it is not known whether the refund was made. Send the same request again (the same Idempotency-Key, or the same form): Stripe refunds at most once, and a refund it made is booked when it reports it.": "无法连接 Stripe，不确定退款是否已办理。请再次提交同一请求（相同的 Idempotency-Key 或同一表单）：Stripe 最多只退一次，已办理的退款会在 Stripe 通知后记账。",
    # back office
    "Only money the target has not allocated can be refunded here; release allocations first if needed. An online gift is refunded through Stripe and booked when Stripe confirms the refund.": "此处只能退还尚未拨付的款项；如有需要，请先撤回拨付。在线捐赠通过 Stripe 退款，Stripe 确认退款后才记账。",
    "Refunds through Stripe": "通过 Stripe 的退款",
    "A refund is booked when Stripe confirms it; Alipay and WeChat Pay refunds can take days.": "Stripe 确认退款后才记账；支付宝和微信支付的退款可能需要数天。",
    "asked at": "申请时间",
    # webhook
    "This event cannot be applied yet; Stripe will deliver it again.": "该事件暂时无法处理；Stripe 会再次发送。",
    # reconciliation
    "Refund R%(id)s of donation #%(donation)s is %(status)s at Stripe, but its booking in the ledger does not say so.": "捐赠 #%(donation)s 的退款 R%(id)s 在 Stripe 的状态为 %(status)s，但台账记账与之不符。",
    "A refund through Stripe needs the request's Idempotency-Key, so that a retry cannot refund twice; nothing was refunded.": "通过 Stripe 退款须在请求中提供 Idempotency-Key，以免重试时重复退款；本次未退款。",
}
