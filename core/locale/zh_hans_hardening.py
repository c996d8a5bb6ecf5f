"""Chinese for the hardening findings of issue 16, item 6 (merged by translate_zh_hans.py)."""

ZH = {
    # a referral one may not commit money to reads as one that does not exist
    "No referral with this number is open to you.": "找不到您可以处理的该编号转介。",
    # four eyes by the referral's total within a period
    "Payments for this referral above %(threshold)s in total within %(days)s days need a second person to approve them: %(total)s so far, this one included.": "本转介 %(days)s 天内的付款合计超过 %(threshold)s 时，须由申请人以外的另一人批准：目前合计 %(total)s（含本笔）。",
    "When this referral's payments within %(days)s days come to more than %(threshold)s, someone other than the requester must approve the payment.": "本转介 %(days)s 天内的付款合计超过 %(threshold)s 时，须由申请人以外的人员批准付款。",
    "Requested, then approved, then marked paid with its proof. When this referral's payments within %(four_eyes_days)s days come to more than %(four_eyes)s, someone other than the requester approves.": "先申请，再批准，最后凭凭证标记为已支付。本转介 %(four_eyes_days)s 天内的付款合计超过 %(four_eyes)s 时，由申请人以外的人员批准。",
    # a public report for a county no office serves
    "No office on this platform serves %(county)s yet, so a report here would reach nobody. Please call the social assistance hotline 12349, or go to the township or street office where the person lives.": "本平台尚无为%(county)s服务的民政部门，在此提交的报告将无人接收。请拨打社会救助服务热线 12349，或前往当事人所在的乡镇（街道）办事处求助。",
    # a household on record in another jurisdiction is not attached to a new case
    "A household with this ID number is on record with an office outside your jurisdiction. It is not attached to this case and its details are not shown. The two offices connect through a hand-over of its case or a request to that office.": "持此身份证号的家庭已在您辖区以外的部门登记。该家庭不会关联到本个案，其信息也不予显示。两个部门可通过个案移交或向该部门发出请求进行衔接。",
    "A household with this phone number and head of household is on record with an office outside your jurisdiction. It is not attached to this case and its details are not shown. The two offices connect through a hand-over of its case or a request to that office.": "使用此电话号码、户主相同的家庭已在您辖区以外的部门登记。该家庭不会关联到本个案，其信息也不予显示。两个部门可通过个案移交或向该部门发出请求进行衔接。",
}
