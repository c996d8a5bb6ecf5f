"""Chinese for the money loop closed: proofs of payment as uploaded files, a referral not
closed as resolved while payments are pending, money paid to households on the fund pages
(merged by translate_zh_hans.py)."""

ZH = {
    # proof files: the model
    "proof of payment file": "付款凭证文件",
    "proof file type": "凭证文件类型",
    "proof file SHA-256": "凭证文件 SHA-256 校验值",
    # proof files: checks and refusals
    "The proof of payment file is empty.": "付款凭证文件是空的。",
    "The proof of payment file is %(size)s; the largest accepted is %(limit)s.": "付款凭证文件大小为 %(size)s，最大只能上传 %(limit)s。",
    "The proof of payment must be a photo or scan (PNG, JPEG or WebP) or a PDF; this file is none of these, whatever its name says.": "付款凭证须为照片或扫描件（PNG、JPEG 或 WebP）或 PDF 文件；无论文件名如何，这个文件都不是其中任何一种。",
    "You may not read this payment's proof.": "您无权查看这笔拨付的凭证。",
    "No proof of payment file was attached.": "这笔拨付没有上传付款凭证文件。",
    "Give the proof of payment: upload the bank slip or invoice, or type its transfer or invoice number.": "请提供付款凭证：上传银行回单或发票，或填写转账流水号或发票号。",
    "A proof file is attached when the payment is marked paid, or after it.": "付款凭证文件在标记为已支付时或之后上传。",
    "This payment already has its proof file; it is not replaced.": "这笔拨付已有凭证文件，不能替换。",
    "Choose the file to upload.": "请选择要上传的文件。",
    # proof files: the back office
    "A photo or scan of the bank slip, the hospital invoice or the signed receipt (PNG, JPEG, WebP or PDF, at most %(limit)s MB). It is kept private: only the charity, the responsible office and auditors can open it.": "银行回单、医院发票或签收单的照片或扫描件（PNG、JPEG、WebP 或 PDF，不超过 %(limit)s MB）。文件不公开：只有慈善组织、负责的民政部门和审计人员可以打开。",
    "Upload the proof, or at least give the bank transfer or invoice number (unless given with the request).": "请上传凭证，或至少填写转账流水号或发票号（申请时已填写的除外）。",
    "Upload the proof of payment": "上传付款凭证",
    "This payment was marked paid with a number only; the slip or invoice itself lets an auditor check it. Once uploaded it is not replaced.": "这笔拨付标记为已支付时只填写了凭证号；上传回单或发票原件便于审计核查。上传后不能替换。",
    "Upload": "上传",
    "Proof of payment D%(id)s uploaded.": "拨付 D%(id)s 的付款凭证已上传。",
    "proof of payment": "付款凭证",
    "open the proof file": "打开凭证文件",
    "proof file attached": "已上传凭证文件",
    "no proof file": "未上传凭证文件",
    # proof files: the API
    "Whether the bank slip or invoice was uploaded (not only its number).": "是否上传了银行回单或发票文件（而不仅是凭证号）。",
    "Where the proof file is downloaded, for readers who may open it (the delivering charity, the responsible office, auditors); every download is recorded.": "凭证文件的下载地址，仅对有权查看者提供（承办的慈善组织、负责的民政部门、审计人员）；每次下载都会记录。",
    "The bank slip, hospital invoice or signed receipt: a PNG, JPEG or WebP image or a PDF (checked by its content), at most PAYMENT_PROOF_MAX_BYTES (10 MB by default). Send the request as multipart/form-data.": "银行回单、医院发票或签收单：PNG、JPEG 或 WebP 图片或 PDF（按文件内容检查），不超过 PAYMENT_PROOF_MAX_BYTES（默认 10 MB）。请以 multipart/form-data 格式提交。",
    # the fund statement
    "number only, no file": "仅有凭证号，无文件",
    "no proof": "无凭证",
    "Payment": "拨付编号",
    "Proof of payment": "付款凭证",
    "The payment's number (D34).": "拨付编号（如 D34）。",
    "Its proof: the uploaded slip or invoice, only its number, or none.": "凭证情况：已上传回单或发票、仅有凭证号，或无凭证。",
    "Whether its proof of payment (the bank slip or invoice) is on file is shown; the proof itself names the household and is kept private, open to the charity, the responsible office and auditors.": "表中列明每笔拨付是否存有付款凭证（银行回单或发票）；凭证本身载有家庭信息，不公开，仅供慈善组织、负责的民政部门和审计人员查阅。",
    # the fund pages: paid, not only committed
    "Paid to households": "已支付给困难家庭",
    "paid to households": "已支付给困难家庭",
    "Paid to households out of those allocations.": "上述拨款中已实际支付给困难家庭的金额。",
    # a referral closed as resolved
    "Payments to the household are still waiting (%(payments)s, %(amount)s in all): mark them paid or cancel them on the referral's money page before closing it as resolved.": "还有待支付给该家庭的款项（%(payments)s，共 %(amount)s）：请先在该转介的资金页面将其标记为已支付或取消，再以“经帮扶已解决”办结。",
    "Resolved only once every payment to the household is paid or cancelled. What is still allocated and not paid out goes back to the fund, project or public need it came from.": "须在每笔给该家庭的拨付都已支付或取消后，才能以“经帮扶已解决”办结。已安排但尚未支付的资金将退回原来的专项基金、项目或公开需求。",
}
