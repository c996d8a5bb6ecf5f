"""Chinese for the network below the county: townships and villages, grids, households in
grids, cadre-household pairing (包片联户), the village assistant and zero reports (issue 19,
items 2 and 3; merged by translate_zh_hans.py)."""

ZH = {
    # regions below the county
    "region level\x04township or street": "乡镇（街道）",
    "region level\x04village or community": "村（社区）",
    "village or community": "村（社区）",
    "Townships and villages": "乡镇与村（社区）",
    "county or township above": "上级区县或乡镇",
    "statistical division code": "统计用区划代码",
    "统计用区划代码, twelve digits, e.g. 220104001000 or 220104001001.": (
        "统计用区划代码，12位数字，如220104001000或220104001001。"
    ),
    "A township or village code is twelve digits (统计用区划代码).": (
        "乡镇或村（社区）的代码为12位数字（统计用区划代码）。"
    ),
    "A township's code begins with its county's code %(prefix)s and ends in 000.": (
        "乡镇代码须以所属区县代码%(prefix)s开头，并以000结尾。"
    ),
    "A village's code begins with its township's code %(prefix)s.": (
        "村（社区）代码须以所属乡镇代码%(prefix)s开头。"
    ),
    "A region with the code %(code)s already exists.": "代码为%(code)s的区划已存在。",
    "A township goes under a county, a village under a township.": (
        "乡镇须隶属于区县，村（社区）须隶属于乡镇。"
    ),
    "This region is not in your jurisdiction.": "该区划不在您的辖区内。",
    "A village assistant works for a village or community.": (
        "社会救助协理员须属于村（社区）一级的组织。"
    ),
    # grids
    "Grid work": "网格工作",
    "Grids": "网格",
    "grid": "网格",
    "grids": "网格",
    "grid leader": "网格长",
    "Choose a village or community.": "请选择村（社区）。",
    "Choose a village or community, not a higher region.": "请选择村（社区），而非更高层级的区划。",
    "%(region)s is outside your jurisdiction.": "%(region)s不在您的辖区内。",
    "This village already has a grid called %(name)s.": "该村（社区）已有名为%(name)s的网格。",
    "The grid leader's account is not active.": "网格长的账号已停用。",
    "Only caseworkers and supervisors may do this.": "只有经办人员和督查人员可以办理此事项。",
    "This grid is no longer in use.": "该网格已停用。",
    # households in grids
    "Households in grids": "网格内住户",
    "household in a grid": "网格住户",
    "households in grids": "网格住户",
    "Household %(id)s in %(grid)s": "%(grid)s的住户%(id)s",
    "assigned at": "划入时间",
    "This household is outside your jurisdiction.": "该住户不在您的辖区内。",
    "The grid %(grid)s is outside your jurisdiction.": "网格%(grid)s不在您的辖区内。",
    "The grid %(grid)s is not in the household's county.": "网格%(grid)s不在该住户所在区县。",
    "There is no household with this number.": "没有该编号的住户。",
    # cadre-household pairing
    "Cadre-household pairing": "包片联户",
    "cadre-household pairing": "包片联户",
    "cadre-household pairings": "包片联户",
    "cadre": "干部",
    "pairing": "包联关系",
    "grid or household": "网格或住户",
    "%(cadre)s · grid %(grid)s": "%(cadre)s · 包片：%(grid)s",
    "%(cadre)s · household %(id)s": "%(cadre)s · 联户：住户%(id)s",
    "visit at least every (days)": "走访周期（天）",
    "next visit due on": "下次走访截止日",
    "next visit due by": "下次走访截止不晚于",
    "Pair the cadre with a grid or with a household, not both.": (
        "请将干部与一个网格或一户住户结对，二者只能选其一。"
    ),
    "Assign the household to a grid first.": "请先将该住户划入网格。",
    "The cadre's account is not active.": "该干部的账号已停用。",
    "Between 1 and %(max)s days.": "须在1至%(max)s天之间。",
    "This pairing has already ended.": "该包联关系已经结束。",
    "This pairing has ended.": "该包联关系已结束。",
    "Pairing visits": "包联走访",
    "pairing visit": "包联走访",
    "pairing visits": "包联走访",
    "Pairing visits due": "待走访的包联对象",
    "visit at least every %(days)s days": "每%(days)s天至少走访一次",
    "what was found": "走访发现",
    "found new hardship": "发现新的困难",
    "Enter the date of the visit.": "请填写走访日期。",
    "A visit cannot be in the future.": "走访日期不能晚于今天。",
    # zero reports
    "Zero reports": "零报告",
    "zero report": "零报告",
    "zero reports": "零报告",
    "Zero reports missing": "未报零报告",
    "Missing zero reports": "未报零报告",
    "Zero reports for %(period)s": "%(period)s零报告",
    "no new hardship (零报告)": "无新增困难（零报告）",
    "new hardship found": "发现新增困难",
    "period (month)": "报告期（月）",
    "Any day of the month reported.": "填写所报月份中的任意一天。",
    "households found in hardship": "发现的困难户数",
    "findings": "发现情况",
    "reported by": "报告人",
    "grid or village": "网格或村（社区）",
    "village without grids": "未划分网格的村（社区）",
    "%(where)s has already reported for %(period)s.": "%(where)s已报送%(period)s的报告。",
    "A period cannot be reported before it begins.": "报告期尚未开始，不能报送。",
    "Enter the month reported.": "请填写所报月份。",
    "Say which grid reports, or which village without grids.": (
        "请说明报送的网格，或未划分网格的村（社区）。"
    ),
    "%(village)s reports grid by grid.": "%(village)s须按网格逐一报送。",
    "Say how many households were found in hardship.": "请填写发现的困难户数。",
    "Describe what was found.": "请描述发现的情况。",
    "A zero report finds no household in hardship.": "零报告不应填写困难户数。",
    "This grid or village is not in your jurisdiction.": "该网格或村（社区）不在您的辖区内。",
    "no zero report for %(period)s": "未报送%(period)s零报告",
    "Region and period": "区划与报告期",
    "Send a zero report": "报送零报告",
    "By county or district": "按区县",
    "By township or street": "按乡镇（街道）",
    "Grids and villages that have not reported": "未报送的网格和村（社区）",
    "the whole village": "全村（社区）",
    "Every grid and village has reported.": "所有网格和村（社区）均已报送。",
    "Every grid, and every village without grids, reports for %(period)s by %(deadline)s: its "
    "findings, or that it found no new hardship.": (
        "每个网格及未划分网格的村（社区）须在%(deadline)s前报送%(period)s的报告："
        "报告发现的情况，或报告无新增困难。"
    ),
    "must report": "应报",
    "total": "合计",
    "No grid or village reports in this jurisdiction yet.": "本辖区尚无需要报送的网格或村（社区）。",
    "Finding people in hardship": "主动发现",
}
