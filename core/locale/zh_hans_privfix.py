"""Chinese for the privacy fixes of joint meetings, public reports and the registers' API
(merged by translate_zh_hans.py)."""

ZH = {
    "Cases outside your jurisdiction cannot be put on the agenda.": "不在您辖区内的个案不能列入议题。",
    # The read log's purpose of a filing read (supervision.read_log).
    "relative's filing %(ref)s": "近亲属备案 %(ref)s",
}
