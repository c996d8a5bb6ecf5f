"""Chinese for issue 17 item 7, one base for every back-office list (core.admin_lists): the
yes/no filter choices and the create pages of monthly reports and inspections (merged by
translate_zh_hans.py)."""

ZH = {
    "Yes": "是",
    "No": "否",
    "Only the staff of a government office generate its monthly report.": (
        "只有政府部门的工作人员可以生成本单位的月度报告。"
    ),
    "Only the supervisors of a government office start an inspection.": (
        "只有政府部门的督查人员可以启动专项治理。"
    ),
}
