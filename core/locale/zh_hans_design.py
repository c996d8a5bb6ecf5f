"""Chinese for the public site's design (issue 18): the header's switches, the menu, the home
page's service entries and the footer (merged by translate_zh_hans.py)."""

ZH = {
    "Care mode": "关怀版",
    "Accessibility": "无障碍",
    "Emergency Relief Platform": "救急难救助平台",
    "Menu": "菜单",
    "Social assistance · Charity · Open accounts": "社会救助 · 慈善帮扶 · 资金公开",
    "Ask for help": "我要求助",
    "Track progress": "查询办理进度",
    "Services": "办事服务",
    "Search results": "检索结果",
    "Apply online, for yourself or for someone else": "在线申请，本人申请或代他人申请",
    "Follow a report or an application with its tracking code": "凭查询码查看报告或申请的办理情况",
    "Tell the civil-affairs office about a person in hardship": "发现身边陷入困境的人，告诉民政部门",
    "Published needs": "需求公示",
    "Households waiting for help, without names": "经本人同意公开的困难家庭需求，不含姓名",
    "Charities that take referred households": "接受转介、帮扶困难家庭的慈善项目",
    "Open accounts": "资金公开",
    "Every yuan, from the donor to the household": "每一笔善款从捐赠人到困难家庭的去向",
    "Policy documents": "政策文件",
    "Social assistance rules and documents": "社会救助政策法规与文件",
    "Give to a project, a fund or a household's need": "捐赠慈善项目、专项基金或具体需求",
    "In an emergency, call 110 or 120 first. Social assistance hotline": "遇紧急情况请先拨打 110 或 120。社会救助热线",
    "No name, address or identity number of a person in hardship is ever published here.": "本平台从不公开困难群众的姓名、住址和身份证号码。",
    # search.models.IndexChange, untranslated on main when this file was written
    "position": "顺序号",
}
