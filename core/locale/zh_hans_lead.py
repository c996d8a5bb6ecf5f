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
}
