"""Chinese for the privacy fixes of joint meetings, public reports and the registers' API
(merged by translate_zh_hans.py)."""

ZH = {
    "Cases outside your jurisdiction cannot be put on the agenda.": "不在您辖区内的个案不能列入议题。",
    # The read log's purpose of a filing read (supervision.read_log).
    "relative's filing %(ref)s": "近亲属备案 %(ref)s",
    # The API's help texts (OpenAPI schema).
    "Member units to invite; all of them when left out.": "要邀请的成员单位；不填则邀请全部成员单位。",
    "The grid a new household is placed in (required of a village assistant whose village has grids).": "新登记家庭所属的网格（村里划分了网格的协理员必填）。",
    "The reader's name, family name first.": "查阅人姓名，姓在前。",
    "The kind of record read.": "所查阅记录的类型。",
    "Which kinds of data were read (never their values).": "查阅了哪些类别的数据（不含数据内容）。",
    "The figures as generated: counts, amounts in fen, choice codes.": "生成时的数据：数量、以分计的金额、选项代码。",
    "The month, as 2026-03 (a month ended).": "月份，格式如 2026-03（须为已结束的月份）。",
    "The checklist's lines; seed 004's points when left out.": "自查清单各项；不填则使用文件 004 所列要点。",
    "Leave out for a fresh seed; it is recorded either way.": "不填则随机生成种子；无论是否填写都会记录。",
}
