"""Chinese for the region picker, the case list and the zh-hans screen fixes (issue 17, items 4
and 8; merged by translate_zh_hans.py)."""

ZH = {
    # the region picker (core/widgets.py, core/static/js/region-picker.js)
    "region level\x04province": "省",
    "region level\x04city": "市",
    "region level\x04county or district": "区（县）",
    "%(some)s or %(last)s": "%(some)s或%(last)s",
    "Choose a %(level)s": "请选择%(level)s",
    "all of %(region)s": "%(region)s（全部）",
    "Add": "添加",
    "No region chosen yet.": "尚未选择地区。",
    "Regions chosen": "已选地区",
    "The regions could not be loaded; choose from the list.": "无法加载行政区划，请从列表中选择。",
    "%(field)s: there is no region with the code “%(code)s”.": "%(field)s：不存在代码为“%(code)s”的行政区划。",
    "%(field)s: %(region)s is not a %(levels)s.": "%(field)s：%(region)s不是%(levels)s。",
    "%(field)s: %(region)s is outside the regions you can choose.": "%(field)s：%(region)s不在可选择的地区范围内。",
    "Pick a province, a city or a county and press Add; a province or city covers every county in it. Add as many as the project serves.": "选择省、市或区（县）后点“添加”；省或市包含其下所有区县。项目服务几个地区就添加几个。",
    "Pick a province, a city or a county and press Add; a province or city covers every county in it. Leave empty for anywhere.": "选择省、市或区（县）后点“添加”；省或市包含其下所有区县。不限地区请留空。",
    "within region": "所属地区",
    "works within region": "在该地区开展",
    "serves households in region": "服务该地区的家庭",
    # the case list (needs/admin_views/cases.py, case_list.html)
    "order": "排序",
    "most urgent first, then the nearest deadline": "先按紧急程度，再按最近期限",
    "nearest deadline first": "最近期限优先",
    "newest first": "最新上报优先",
    "%(days)s d %(hours)s h": "%(days)s天%(hours)s小时",
    "%(hours)s h %(minutes)s min": "%(hours)s小时%(minutes)s分钟",
    "%(minutes)s min": "%(minutes)s分钟",
    "overdue by %(time)s": "逾期%(time)s",
    # the sign-in page (core/templates/wagtailadmin/login.html, core/admin_login.py)
    "Sign in to %(platform)s": "登录%(platform)s",
    "Password": "密码",
    # Wagtail's strings its zh_Hans catalogue leaves in English (core/locale/wagtail_msgids.py)
    "Sort by '%(label)s' in ascending order.": "按“%(label)s”升序排列。",
    "Sort by '%(label)s' in descending order.": "按“%(label)s”降序排列。",
    "Go to the first error": "转到第一个错误",
    'There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?': '暂无%(model_name)s。<a href="%(add_url)s">添加一个</a>？',
    "Theme preferences": "主题偏好",
    "admin theme": "后台主题",
    "contrast": "对比度",
    "More contrast": "更高对比度",
    "density": "密度",
    "Snug": "紧凑",
    "Use server language: %(language_name)s": "使用服务器语言：%(language_name)s",
    "Enable custom keyboard shortcuts specific to Wagtail.": "启用后台专用的自定义键盘快捷键。",
}
