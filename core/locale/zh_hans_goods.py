"""Chinese for in-kind relief, charity supermarkets, service projects and volunteer teams, and
service records (issue 19, items 6 and 7; merged by translate_zh_hans.py)."""

ZH = {
    # in-kind relief (实物救助)
    "Give how many of the goods were given.": "请填写发放物资的数量。",
    "Give the goods' value for the accounts (greater than zero).": "请填写物资的折价金额（须大于零），用于记账。",
    "Goods alone are not paid: leave the payment empty.": "仅发放物资时无需支付，请不要填写支付方式。",
    "Goods given, if any (for example: rice, quilts).": "如发放物资，请填写物资名称（例如：大米、棉被）。",
    "Goods worth %(amount)s given.": "已发放价值%(amount)s的物资。",
    "In yuan (元): the goods' value for the accounts.": "单位为元：物资的折价金额，用于记账。",
    "Name the goods given.": "请填写发放的物资名称。",
    "The cash given, in yuan (元); 0 or empty when only goods are given.": (
        "发放的现金，单位为元；仅发放物资时填0或留空。"
    ),
    "The cash given; 0 when only goods are given.": "发放的现金；仅发放物资时为0。",
    "The goods given, if any (实物救助).": "发放的物资（实物救助），如有。",
    "The goods' value for the accounts, in fen.": "物资的折价金额，单位为分，用于记账。",
    "For example: bags, pieces.": "例如：袋、件。",
    "quantity of goods": "物资数量",
    "unit of the goods": "物资单位",
    "value of the goods": "物资折价",
    "value of the goods (fen)": "物资折价（分）",
    # charity supermarkets (慈善超市)
    "A charity supermarket is run by a charity or a civil-affairs office.": (
        "慈善超市须由慈善组织或民政部门运营。"
    ),
    "Add goods": "新增物资品种",
    "Back to the supermarkets": "返回慈善超市列表",
    "Charity supermarkets": "慈善超市",
    "Choose a county.": "请选择所在县（市、区）。",
    "Count the stock": "库存盘点",
    "Give a number greater than zero.": "请填写大于零的数。",
    "Give a whole number.": "请填写整数。",
    "Goods added.": "已新增物资品种。",
    "Goods are issued against an accepted referral.": "须凭已接收的转介发放物资。",
    "Goods are issued against relief in goods that was given.": "须凭已生效的实物救助决定发放物资。",
    "Goods in stock": "物资库存",
    "In yuan (元), for the accounts.": "单位为元，用于记账。",
    "Issue goods against either a referral or a relief decision.": "请凭转介或救助决定之一发放物资。",
    "Issue goods to a household": "向困难家庭发放物资",
    "Issue recorded.": "已登记发放。",
    "Latest movements": "最近出入库记录",
    "Name the donor of the goods.": "请填写物资的捐赠方。",
    "No charity supermarkets in your jurisdiction yet.": "您的辖区内还没有慈善超市。",
    "No goods yet.": "还没有物资。",
    "No movements yet.": "还没有出入库记录。",
    "No such referral to this organisation.": "本机构没有这条转介。",
    "No such relief decision.": "没有这条救助决定。",
    "Not found.": "未找到。",
    "Only %(left)s %(unit)s of %(item)s are in stock.": "%(item)s库存仅剩%(left)s%(unit)s。",
    "Only the staff of the organisation running it may do this.": "只有运营该慈善超市的机构工作人员可以操作。",
    "Or the number of the referral accepted by this organisation.": "或填写本机构已接收的转介编号。",
    "Quantity in stock now.": "当前库存数量。",
    "Receipt recorded.": "已登记入库。",
    "Receive goods from a donor": "接收捐赠物资入库",
    "Required when the count differs from the books: say why.": "盘点数与账面数不一致时必填：请说明原因。",
    "Stock count recorded.": "已登记盘点结果。",
    "The count differs from the books by %(difference)s: say why.": (
        "盘点数与账面数相差%(difference)s，请说明原因。"
    ),
    "The number of the relief in goods the goods are issued against.": "发放所依据的实物救助编号。",
    "The relief decided %(decided)s; %(issued)s were already issued.": (
        "救助决定的数量为%(decided)s，已发放%(issued)s。"
    ),
    "The supermarket already keeps these goods.": "该慈善超市已有这种物资。",
    "The supermarket's county must lie within %(office)s's jurisdiction.": (
        "慈善超市所在县（市、区）须在%(office)s的辖区内。"
    ),
    "This relief was decided outside the supermarket's jurisdiction.": "该救助决定不在本慈善超市的辖区内。",
    "This supermarket is closed.": "该慈善超市已停止运营。",
    "categories of hardship it serves": "服务的困难类别",
    "charity supermarket": "慈善超市",
    "charity supermarkets": "慈善超市",
    "goods": "物资",
    "goods item": "物资品种",
    "goods items": "物资品种",
    "in stock": "库存",
    "issue to a household": "发放给困难家庭",
    "quantity": "数量",
    "quantity counted": "盘点数量",
    "receipt from a donor": "捐赠入库",
    "referral number": "转介编号",
    "relief decision number": "救助决定编号",
    "run by": "运营机构",
    "stock count correction": "盘点调整",
    "stock movement": "出入库记录",
    "stock movements": "出入库记录",
    "supermarket": "慈善超市",
    "unit": "单位",
    "value": "金额",
    "value (fen)": "金额（分）",
    "value of one unit": "单价",
    "value of one unit (fen)": "单价（分）",
    # services as resources: service projects and volunteer teams
    "%(project)s has no free place %(period)s: all %(places)s are taken. Choose another "
    "service, or refer the case in the next period.": (
        "%(project)s名额已满（%(period)s共%(places)s个）。请选择其他服务，或在下一周期再转介。"
    ),
    "A funds project gives money; a service project or volunteer team, places.": (
        "资金项目提供资金；服务项目或志愿服务队提供服务名额。"
    ),
    "A service project or volunteer team says how many places it has.": (
        "服务项目或志愿服务队须填写服务名额。"
    ),
    "A service project's or volunteer team's places still free in the current period "
    "(projects.capacity); null for a funds project.": (
        "服务项目或志愿服务队本周期的剩余名额；资金项目为空。"
    ),
    "Choose the service given.": "请选择提供的服务。",
    "Give a list of skills.": "请逐项填写技能。",
    "Proposed service places": "建议安排的服务名额",
    "Share of the service's places still free this period.": "该服务本周期剩余名额的比例。",
    "The service has %(free)s of its %(places)s places free this period.": (
        "该服务本周期共%(places)s个名额，剩余%(free)s个。"
    ),
    "The service project or volunteer team proposed: one of its free places.": (
        "建议的服务项目或志愿服务队：占用其一个剩余名额。"
    ),
    "What the team's people can do, one skill a line (for example: 心理咨询师).": (
        "团队人员具备的技能，每行一项（例如：心理咨询师）。"
    ),
    "capacity period": "名额周期",
    "care and nursing (照料护理)": "照料护理",
    "employment help (就业帮扶)": "就业帮扶",
    "kind of project": "项目类型",
    "legal aid (法律援助)": "法律援助",
    "other service": "其他服务",
    "per month": "每月",
    "per quarter": "每季度",
    "per week": "每周",
    "places per period": "每周期名额",
    "psychological support (心理疏导)": "心理疏导",
    "relief funds": "资金项目",
    "service": "服务",
    "service project": "服务项目",
    "skills": "技能",
    "social-work case management (社工个案管理)": "社工个案管理",
    "volunteer team": "志愿服务队",
    # service records (服务记录)
    "A service is recorded once given: the date cannot be in the future.": (
        "服务完成后才能登记：日期不能晚于今天。"
    ),
    "Choose what kind of service it was.": "请选择服务方式。",
    "Give the time spent in minutes, from 1 to %(max)s.": "请填写服务时长（分钟），1至%(max)s之间。",
    "Name the volunteer or social worker.": "请填写志愿者或社工姓名。",
    "Only a referral to a service records services.": "只有转介到服务项目的个案才能登记服务记录。",
    "Record services once the referral is accepted.": "转介接收后才能登记服务记录。",
    "Say what came of it.": "请填写服务成效。",
    "The date cannot be before the referral.": "日期不能早于转介日期。",
    "The volunteer or social worker who gave the service.": "提供服务的志愿者或社工。",
    "Time spent, in minutes.": "服务时长，单位为分钟。",
    "Services given": "服务记录",
    "Service and places": "服务与名额",
    "A service project or volunteer team gives places, not money: caseworkers refer cases to "
    "it while places are free in the period.": (
        "服务项目或志愿服务队提供服务名额而非资金：本周期有剩余名额时，经办人员可向其转介个案。"
    ),
    "hours": "时长（小时）",
    "home visit": "入户走访",
    "phone call": "电话回访",
    "service record": "服务记录",
    "service records": "服务记录",
    "session": "面谈辅导",
    "time spent (minutes)": "服务时长（分钟）",
    "volunteer or social worker": "志愿者或社工",
}
