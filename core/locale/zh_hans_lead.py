"""Chinese for stop 16's lead work: reconciliation of proof files, API errors."""

ZH = {
    "The proof of payment of payment D%(id)s is missing from its storage.": (
        "付款 D%(id)s 的付款凭证文件已不在存储中。"
    ),
    "The proof of payment of payment D%(id)s is not the file that was attached: its SHA-256 differs.": (
        "付款 D%(id)s 的付款凭证文件与上传时的不一致：SHA-256 校验值不同。"
    ),
}
