"""Chinese for the editor-worded public pages, the home page's sections, the policy search's
count and the topics' tick boxes (issue 18, items 6 and 7; merged by translate_zh_hans.py)."""

ZH = {
    # cms/editor_pages.py: the pages' fields and names
    "title in English": "英文标题",
    "introduction": "简介",
    "introduction in English": "英文简介",
    "help text": "说明文字",
    "help text in English": "英文说明文字",
    "English": "英文",
    "needs index page": "救助需求列表页",
    "projects index page": "慈善项目列表页",
    "transparency page": "资金去向页",
    "public notice page": "救助公示页",
    "donate page": "捐赠页",
    "report page": "报告困难群众页",
    "apply page": "我要求助页",
    # cms/models.py: the home page's sections
    "heading in English": "英文标题",
    "text in English": "英文正文",
    "intro in English": "英文简介",
    "body in English": "英文正文",
    "sections": "栏目",
    "service entries": "服务入口",
    "tracking-code look-up": "办理进度查询",
    "money raised and delivered": "募集与发放资金",
    "urgent needs": "紧急需求",
    "open charity projects": "正在进行的慈善项目",
    "how to ask for help": "如何求助",
    "The sections below the introduction, in this order; empty shows them all.": "简介下方依次显示的栏目；留空则按默认顺序显示全部栏目。",
    # cms/templates/cms/apply_form.html: English readers get English only (the Chinese term
    # stays in the Chinese text)
    "I apply on behalf of someone else": "替他人申请（代理申请）",
    # cms/templates/cms/policy_index_page.html
    "Policy documents found: %(counter)s": "共找到政策文件：%(counter)s 份",
}
