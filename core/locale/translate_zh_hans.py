"""Fill core/locale/zh_Hans/LC_MESSAGES/django.po from the table below, then compile.

Run `make messages` after adding translatable strings: it extracts them, runs this script
and compiles the .mo file that is committed (so a machine without gettext still has Chinese).
A string missing from the table stays untranslated and is listed, so nothing slips by silently.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

ZH = {
    # apps
    "Platform core": "平台核心",
    "Public site": "公众网站",
    "Cases and needs": "个案与需求",
    "Charity projects": "慈善项目",
    "Donors, funds and ledger": "捐赠、基金与台账",
    "Matching and search": "匹配与检索",
    # public site
    "intro": "导语",
    "body": "正文",
    "home page": "首页",
    "How to ask for help": "如何求助",
    "Call the social assistance hotline 12349, or visit the civil affairs office of your "
    "township or street. Anyone may report a person in distress.": (
        "拨打社会救助热线 12349，或前往所在乡镇（街道）民政部门求助。任何人都可以报告身边陷入困境的人。"
    ),
    "Emergency and hardship relief platform": "救急难救助平台",
    "Skip to main content": "跳到主要内容",
    "Language": "语言",
    "Switch": "切换",
    "Social assistance hotline": "社会救助热线",
    "Sign-in locked": "登录已锁定",
    "Too many failed sign-in attempts. Try again later or ask an administrator.": (
        "登录失败次数过多，请稍后再试或联系管理员。"
    ),
    # API
    "The request has errors: see the fields named below.": "请求有误，请查看下列字段。",
    "A region code is six digits (GB/T 2260).": "行政区划代码为六位数字（GB/T 2260）。",
    "within region (GB/T 2260 code)": "所属行政区划（GB/T 2260 代码）",
    "name contains": "名称包含",
    # audit
    "actor": "操作人",
    "Empty for the system itself (scheduled tasks, webhooks).": "系统自动操作（定时任务、回调）时为空。",
    "action": "操作",
    "object type": "对象类型",
    "object id": "对象编号",
    "object": "对象",
    "changed fields": "变更字段",
    "Field name to [before, after]. Personal data is never copied here.": (
        "字段名对应 [变更前, 变更后]。个人信息不会写入此处。"
    ),
    "request id": "请求编号",
    "IP address": "IP 地址",
    "time": "时间",
    "audit event": "审计事件",
    "audit events": "审计日志",
    "reader": "查阅人",
    "fields read": "查阅字段",
    "purpose": "用途",
    "personal data read": "个人信息查阅记录",
    "personal data reads": "个人信息查阅记录",
    # calendar
    "date": "日期",
    "name": "名称",
    "make-up working day": "调休上班日",
    "Checked for a weekend day that is worked (调休上班).": "周末调休上班的日期请勾选。",
    "holiday": "节假日",
    "holidays": "节假日",
    "office": "机构",
    "step": "环节",
    "working days": "工作日数",
    "office time limit": "办理时限",
    "office time limits": "办理时限",
    # organisations
    "government office": "政府部门（民政）",
    "functional department": "职能部门",
    "charity": "慈善组织",
    "enterprise or foundation": "企业或基金会",
    "civil affairs": "民政",
    "education": "教育",
    "housing": "住房",
    "health and medical insurance": "卫生健康与医疗保障",
    "human resources and social security": "人力资源和社会保障",
    "emergency management": "应急管理",
    "other": "其他",
    "kind": "类型",
    "region": "行政区划",
    "sector": "领域",
    "parent organisation": "上级机构",
    "verified charity": "已认定慈善组织",
    "A charity registered and checked by civil affairs (慈善组织认定).": "经民政部门登记认定的慈善组织。",
    "active": "有效",
    "created at": "创建时间",
    "organisation": "机构",
    "organisations": "机构",
    "caseworker": "经办人员",
    "supervisor": "督查人员",
    "charity staff": "慈善组织工作人员",
    "fund manager": "基金管理人",
    "auditor": "专项治理（审计）人员",
    "platform administrator": "平台管理员",
    "user": "用户",
    "role": "角色",
    "membership": "任职",
    "memberships": "任职",
    # regions
    "province": "省级",
    "city": "地级",
    "county": "县级",
    "code": "代码",
    "level": "层级",
    "parent": "上级",
    "path": "路径",
    "regions": "行政区划",
    # money
    "Enter the amount as text or an integer, not a float.": "请以文本或整数填写金额，不能使用浮点数。",
    "Enter a valid amount in yuan.": "请输入有效的金额（元）。",
    "An amount has at most two decimal places (fen).": "金额最多保留两位小数（到分）。",
    "An amount is an integer number of fen.": "金额须为以分为单位的整数。",
    "The amount must be greater than zero.": "金额必须大于零。",
    "The amount is too large.": "金额过大。",
    # services
    "A region code is six digits (GB/T 2260), got “%(code)s”.": (
        "行政区划代码为六位数字（GB/T 2260），收到的是“%(code)s”。"
    ),
    "Unknown region code “%(code)s”.": "未知的行政区划代码“%(code)s”。",
    "Only a platform administrator may do this.": "只有平台管理员可以执行此操作。",
    "Only a charity can be marked verified.": "只有慈善组织可以标记为已认定。",
    "An office's region must lie within its parent office's region.": "机构所在区划必须在上级机构的区划范围内。",
    "Unknown role “%(role)s”.": "未知的角色“%(role)s”。",
    "The role “%(role)s” does not fit an organisation of kind “%(kind)s”.": (
        "角色“%(role)s”不适用于“%(kind)s”类型的机构。"
    ),
}


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    source = PO.read_text(encoding="utf-8")
    entry = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1)))
        msgid = msgid.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        if not msgid:
            return match.group(0)
        if msgid not in ZH:
            missing.append(msgid)
            return match.group(0)
        return f"msgid {match.group(1)}msgstr {_po_string(ZH[msgid])}\n"

    filled = entry.sub(fill, source).replace("#, fuzzy\n", "", 1)
    filled = filled.replace('"Language: \\n"', '"Language: zh_Hans\\n"')
    PO.write_text(filled, encoding="utf-8")
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
