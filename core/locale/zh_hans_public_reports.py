"""Chinese for issue 19 item 1 (a): the channels of reports from the public and recording a
report picked up from another intake channel (merged by translate_zh_hans.py)."""

ZH = {
    "public site form": "网站在线报告",
    "Choose how the report reached the office.": "请选择报告是通过什么渠道收到的。",
    "This county is outside your jurisdiction.": "该县（区）不在您的管辖范围内。",
    "Record a report": "登记群众报告",
    "Report %(code)s recorded.": "报告 %(code)s 已登记。",
    "The report": "报告内容",
    "Back to the reports from the public": "返回群众报告",
}
