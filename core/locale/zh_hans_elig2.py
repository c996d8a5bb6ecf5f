"""Chinese for issue 20's remaining items: a department referral carrying the assistance type,
the policies' links to the types they govern, the offices' rules in the API with the
platform's notice floor, and applications for a filed relative's household (merged by
translate_zh_hans.py)."""

ZH = {
    # a department referral names the assistance type
    "assistance to consider": "建议办理的救助类别",
    "With a department only: the assistance it is asked to consider; accepting, it starts "
    "that application for the household.": "仅限转介部门：请部门考虑办理的救助类别；部门接收后即可为该户发起相应申请。",
    "With a department only: the assistance type it is asked to consider; accepting, it "
    "starts that application (POST /referrals/{id}/start-application/).": (
        "仅限转介部门：请部门考虑办理的救助类别；部门接收后可发起相应申请"
        "（POST /referrals/{id}/start-application/）。"
    ),
    "The application the department started from the referral, if any.": "部门据此转介发起的救助申请（如有）。",
    "Only a referral to a department names an assistance type.": "只有转介给职能部门时才能指定救助类别。",
    "Accept and start the assistance application": "接收转介并发起救助申请",
    "The referral asks your department to consider this assistance: accepting it starts the "
    "application for the case's household in one step, with your department responsible "
    "for it.": "该转介请贵部门考虑办理此项救助：接收后一步为个案家庭发起申请，由贵部门负责办理。",
    "Start the application": "发起申请",
    "Application %(id)s for %(type)s was started.": "已发起%(type)s申请 %(id)s。",
    "Only a department starts an application from a referral.": "只有职能部门可以根据转介发起申请。",
    "This referral names no assistance type.": "该转介未指定救助类别。",
    "An application was already started from this referral.": "已根据该转介发起过申请。",
    "Referred by case %(number)s.": "由个案 %(number)s 转介。",
    "Started from a department referral": "由部门转介发起",
    # applications for a filed relative's household (近亲属备案)
    "case or application": "个案或申请",
    "not yet decided": "尚未决定",
    "filed relative (近亲属备案)": "近亲属备案",
    "A filed relative of an official lives in this household: a supervisor over the office "
    "decides, never the official concerned or whoever filed the relative.": (
        "该户有已备案的工作人员或村（居）干部近亲属：由上级督查人员决定，"
        "相关工作人员本人及备案人不得决定。"
    ),
    "A relative you filed lives in this household: another supervisor must decide.": (
        "该户有您备案的近亲属：须由其他督查人员决定。"
    ),
    "A filed relative of staff or a village cadre lives in this household: a supervisor over "
    "the office decides (近亲属备案).": "该户有已备案的工作人员或村（居）干部近亲属：由上级督查人员决定（近亲属备案）。",
    "Application %(id)s for %(type)s is for a household with a filed relative of an official "
    "(近亲属备案): a supervisor decides it.": (
        "%(type)s申请 %(id)s 的家庭有已备案的工作人员近亲属（近亲属备案）：由督查人员决定。"
    ),
    "A filed relative of an official lives in the household (近亲属备案): the application is "
    "in the register and a supervisor decides it.": (
        "该户有已备案的工作人员近亲属（近亲属备案）：申请已登记入台账，由督查人员决定。"
    ),
    # the offices' rules in the API, the platform's floor
    "Only an active civil-affairs office at county level or above sets these rules.": (
        "只有县级及以上在用的民政部门可以设置这些规则。"
    ),
    "The shortest notice any office may set, platform wide.": "全平台统一的、各单位可设置的最短公示期。",
    "Never below the platform's floor (notice_floor_days).": "不得低于平台规定的下限（notice_floor_days）。",
    "In fen; 0: the applicant's handler never approves.": "以分计；0 表示经办人不得审批。",
    # policies link to the assistance types they govern
    "assistance types it governs": "适用的救助类别",
    "The public page links each type to the 我要求助 form with that type chosen.": (
        "公众页面上每个类别都链接到已选好该类别的“我要求助”表单。"
    ),
    "This policy governs:": "本政策适用于：",
}
