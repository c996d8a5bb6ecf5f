# ruff: noqa: E501  (templates, inventories and vocabularies read best one entry a line)
"""Held-out labelled case narratives for the anonymizer bench (``--corpus heldout``).

    .venv/bin/python bench/anonymize.py --corpus heldout --count 300

An independent second corpus, written apart from bench/anonymize_corpus.py so that tuning the
anonymizer on one can be checked on the other: its own templates (registration tables flattened
into text, hotline transcripts with and without punctuation, grid workers' diaries, WeChat group
and private messages, petition letters, hospital social workers' referrals, terse ledgers,
teachers' and neighbours' reports...), its own vocabulary of diagnoses and treatments, and its
own sources of names and places. No Faker: names come from the inventories below (surnames
including rare and compound ones, 300 given-name characters, nicknames), places are made by
combining characters with the village forms of each region (屯, 嘎查, 坳, 垸, 岗, 洼, 营子, 堡,
寨, 湾, 冲, 铺, 场, 畈, 峁, 岙, 厝, 里弄...) under real provinces, cities and counties, which
stay unlabelled as publishable.

Labels follow the bench's conventions: ``name`` (full names, given names alone, nicknames; not
"张某" nor a surname with a title such as "王大爷", which are left unlabelled), ``address``
(below county level only, adjoining parts merged into one label), ``number`` (ID numbers with a
valid check digit, phones, Luhn-valid bank cards, hospital record numbers, disability, 低保 and
social-security card numbers), ``health`` (diagnoses and treatments), ``date`` (a whole exact
date, ``day`` marking its day part; relative days such as 上周三 and months alone are not
labelled) and ``other`` (WeChat, QQ, e-mail, licence plates, school with grade and class,
employer). ``household`` tells the household's own facts from other people's. A few narratives
are in traditional characters, some numbers carry zero-width spaces or full-width digits.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from needs.anonymize import KnownIdentifiers

KINDS = ("name", "address", "number", "health", "date", "other")
TODAY = dt.date(2026, 3, 1)
ZWSP = "\u200b"

# --- names -----------------------------------------------------------------------------------

COMMON_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤时穆农司卓古吉缪简车项连麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
RARE_SURNAMES = (
    "仝亓郦阙闫冼禤訾靳鄂邝亢逯郗眭缑昝揭蹇钮厍蔺勾笪漆晁扈佴郜鞠宓邸琚禚蒯伏逄仉暴撒闻郏庹帅隗楚官"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "上官",
    "司徒",
    "皇甫",
    "慕容",
    "令狐",
    "诸葛",
    "尉迟",
    "公孙",
    "端木",
    "司马",
    "夏侯",
    "东方",
    "独孤",
    "呼延",
    "宇文",
    "长孙",
    "澹台",
    "轩辕",
    "南宫",
    "申屠",
    "百里",
    "闻人",
    "钟离",
)
GIVEN_MALE = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波贵福生龙元全国胜学祥才发武新利清飞彬富顺信杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦奇固翰朗伯宏言鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家致树炎德行泰盛雄琛钧冠策腾楠风航弘宇轩睿铁柱根栓锁满旺喜金银宝来运"
GIVEN_FEMALE = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉君琴蕊薇菁梦岚婕馨琰韵艺咏卿澜纯毓悦昭冰爽茗羽希欣育滢馥筠柔竹凝晓欢霄枫芸菲伊亚宜可舒影丽妮贝萱雯彤曼紫蝶菡涵梓萌翠"
GIVEN_MODERN = "梓涵浩宇轩睿萱欣怡子墨一诺依晨宸铭泽奕思彤雨桐可馨若汐沐辰俊熙语嫣诗琪博文嘉懿皓煜"
CHILD_NICKNAMES_GIRL = (
    "二丫",
    "囡囡",
    "大妞",
    "三妹",
    "丫蛋",
    "妞妞",
    "幺妹",
    "细妹",
    "丫丫",
    "糖糖",
    "花花",
    "小妮",
)
CHILD_NICKNAMES_BOY = (
    "狗蛋",
    "铁蛋",
    "石头",
    "虎子",
    "柱子",
    "栓子",
    "牛娃",
    "三娃",
    "满崽",
    "憨娃",
    "胖墩",
    "二娃",
)
CHILD_NICKNAMES_ANY = (
    "小宝",
    "阿福",
    "毛毛",
    "豆豆",
    "乐乐",
    "小胖",
    "蛋蛋",
    "宝儿",
    "果果",
    "贝贝",
)
ADULT_NICKNAMES_MALE = (
    "大牛",
    "二狗子",
    "黑蛋",
    "老疙瘩",
    "拴柱",
    "二愣",
    "三娃子",
    "铁锤",
    "大头",
    "瘦猴",
)
ADULT_NICKNAMES_FEMALE = (
    "二丫",
    "大妞",
    "幺妹",
    "三妹子",
    "小芳",
    "翠翠",
    "阿珍",
    "红红",
    "丫蛋",
    "大凤",
)

# --- places -----------------------------------------------------------------------------------

# province, its ID code, city, county (all publishable, unlabelled), village forms, area code,
# licence-plate prefix
RURAL_COUNTIES = (
    ("甘肃省", "62", "定西市", "岷县", ("村", "沟", "堡", "坪", "湾"), "0932", "甘J"),
    ("甘肃省", "62", "临夏回族自治州", "东乡族自治县", ("村", "湾", "岭", "坪"), "0930", "甘N"),
    ("四川省", "51", "凉山彝族自治州", "昭觉县", ("村", "坝", "沟"), "0834", "川W"),
    ("四川省", "51", "南充市", "仪陇县", ("村", "场", "湾", "坝"), "0817", "川R"),
    ("贵州省", "52", "毕节市", "威宁彝族回族苗族自治县", ("寨", "村", "坡"), "0857", "贵F"),
    ("云南省", "53", "昭通市", "镇雄县", ("村", "寨", "坡", "箐"), "0870", "云C"),
    ("河南省", "41", "周口市", "郸城县", ("村", "岗", "庄", "营", "集"), "0394", "豫P"),
    ("河南省", "41", "信阳市", "固始县", ("村", "岗", "冲", "畈"), "0376", "豫S"),
    ("湖南省", "43", "邵阳市", "隆回县", ("村", "冲", "坳", "铺"), "0739", "湘E"),
    ("湖南省", "43", "湘潭市", "湘潭县", ("冲", "铺", "村", "坳"), "0731", "湘C"),
    ("湖北省", "42", "荆州市", "洪湖市", ("垸", "村", "湾"), "0716", "鄂D"),
    ("湖北省", "42", "黄冈市", "麻城市", ("湾", "冲", "村", "畈"), "0713", "鄂J"),
    ("江西省", "36", "赣州市", "于都县", ("坳", "村", "排", "坑"), "0797", "赣B"),
    ("广西壮族自治区", "45", "河池市", "都安瑶族自治县", ("屯", "弄", "村"), "0778", "桂M"),
    ("内蒙古自治区", "15", "锡林郭勒盟", "阿巴嘎旗", ("嘎查",), "0479", "蒙H"),
    ("内蒙古自治区", "15", "通辽市", "科尔沁左翼中旗", ("嘎查", "屯", "营子"), "0475", "蒙G"),
    ("河北省", "13", "承德市", "隆化县", ("营子", "村", "沟"), "0314", "冀H"),
    ("河北省", "13", "保定市", "阜平县", ("村", "洼", "庄"), "0312", "冀F"),
    ("辽宁省", "21", "朝阳市", "建平县", ("营子", "村", "沟", "屯"), "0421", "辽N"),
    ("吉林省", "22", "白城市", "通榆县", ("屯", "村"), "0436", "吉G"),
    ("黑龙江省", "23", "绥化市", "望奎县", ("屯", "村"), "0455", "黑M"),
    ("山西省", "14", "吕梁市", "临县", ("村", "堡", "峁", "沟"), "0358", "晋J"),
    ("陕西省", "61", "榆林市", "佳县", ("村", "峁", "堡", "沟"), "0912", "陕K"),
    ("宁夏回族自治区", "64", "固原市", "西吉县", ("村", "堡", "洼"), "0954", "宁D"),
    ("青海省", "63", "海东市", "化隆回族自治县", ("村", "庄"), "0972", "青B"),
    ("安徽省", "34", "阜阳市", "临泉县", ("村", "庄", "岗", "集"), "0558", "皖K"),
    ("安徽省", "34", "六安市", "金寨县", ("冲", "畈", "村"), "0564", "皖N"),
    ("山东省", "37", "菏泽市", "曹县", ("村", "庄", "集", "洼"), "0530", "鲁R"),
    ("江苏省", "32", "宿迁市", "泗洪县", ("村", "庄", "圩"), "0527", "苏N"),
    ("浙江省", "33", "丽水市", "景宁畲族自治县", ("村", "坑", "岙"), "0578", "浙K"),
    ("福建省", "35", "宁德市", "寿宁县", ("村", "洋", "厝"), "0593", "闽J"),
    ("广东省", "44", "清远市", "连山壮族瑶族自治县", ("村", "寨", "坑"), "0763", "粤R"),
    ("重庆市", "50", "", "城口县", ("村", "坝", "湾"), "023", "渝D"),
    ("海南省", "46", "", "五指山市", ("村", "坡"), "0898", "琼D"),
)
URBAN_DISTRICTS = (
    ("上海市", "31", "", "黄浦区", ("里弄",), "021", "沪C"),
    ("上海市", "31", "", "虹口区", ("里弄",), "021", "沪B"),
    ("北京市", "11", "", "丰台区", ("胡同",), "010", "京Q"),
    ("湖北省", "42", "武汉市", "江汉区", ("路",), "027", "鄂A"),
    ("广东省", "44", "广州市", "白云区", ("路",), "020", "粤A"),
    ("四川省", "51", "成都市", "金牛区", ("路",), "028", "川A"),
    ("辽宁省", "21", "沈阳市", "铁西区", ("路",), "024", "辽A"),
    ("甘肃省", "62", "兰州市", "七里河区", ("路",), "0931", "甘A"),
    ("河南省", "41", "郑州市", "金水区", ("路",), "0371", "豫A"),
    ("黑龙江省", "23", "哈尔滨市", "道里区", ("街",), "0451", "黑A"),
    ("陕西省", "61", "西安市", "雁塔区", ("路",), "029", "陕A"),
    ("贵州省", "52", "贵阳市", "南明区", ("路",), "0851", "贵A"),
)
PLACE_HEADS = "石柳杨桃杏枣梨松柏桑槐青白黄红黑金银铜马牛羊鹿龙凤鹤雁东西南北上下前后大小新老高长双三五七九百千万丰兴隆安泰和福寿永顺乐平宝碧翠"
PLACE_TAILS = "山河沟坪坡岭峪塘桥庄店口坝滩源泉台岩林田溪渡门川湖池井洞峰园岔"
MONGOLIAN_STEMS = (
    "巴彦",
    "查干",
    "宝力格",
    "乌兰",
    "哈日",
    "额尔敦",
    "阿拉坦",
    "呼和",
    "那仁",
    "塔林",
    "乌力吉",
    "赛罕",
    "满都拉",
    "伊和",
    "白音",
)
ESTATE_STEMS = (
    "锦绣",
    "阳光",
    "幸福",
    "和平",
    "东方",
    "金色",
    "翠苑",
    "春华",
    "康乐",
    "紫荆",
    "绿洲",
    "祥和",
    "桂花",
    "枫林",
    "滨江",
    "铁路",
    "纺织",
    "电力",
    "建工",
    "粮食局",
)
ESTATE_KINDS = ("小区", "花园", "家园", "新村", "苑", "公寓", "嘉园", "名都", "宿舍")
RURAL_LANDMARKS = (
    "邮政所后面那排平房",
    "村小学对面第二家",
    "供销社旁边的红砖房",
    "卫生室往东第三户",
    "老戏台西边那家",
    "水塔底下的两间瓦房",
    "加油站后面的铁皮房",
    "桥头第一家",
    "磨坊隔壁那个院子",
    "村委会斜对面的院子",
    "大槐树底下那户",
    "粮站后头的土坯房",
    "小卖部楼上",
    "砖厂旁边的窝棚",
    "水库坝下的老屋",
    "清真寺东边第二户",
    "敬老院隔壁那家",
    "信用社后面那条巷子最里头",
)
URBAN_LANDMARKS = (
    "菜市场后门那栋老楼",
    "社区医院对面的筒子楼",
    "火车站后面的棚户区",
    "老纺织厂宿舍最后一排",
    "公交总站旁边的平房",
    "农贸市场二楼的隔间",
    "锅炉房边上的简易房",
)

# --- health ------------------------------------------------------------------------------------

ADULT_HEALTH = {
    "尿毒症": ("每周透析三次", "血液透析", "腹膜透析", "等待肾移植"),
    "慢性肾衰竭": ("每周透析两次", "血液透析"),
    "肝硬化失代偿期": ("腹腔穿刺放腹水", "等待肝移植"),
    "原发性肝癌": ("介入栓塞治疗", "靶向治疗", "肝癌切除术"),
    "肺癌晚期": ("化疗", "靶向治疗", "免疫治疗"),
    "小细胞肺癌": ("同步放化疗",),
    "胃癌": ("胃癌根治术", "术后化疗"),
    "食管癌": ("食管癌根治术", "放疗"),
    "结肠癌": ("结肠癌根治术", "化疗"),
    "直肠癌": ("造瘘手术", "放化疗"),
    "乳腺癌": ("乳腺癌改良根治术", "化疗", "内分泌治疗"),
    "宫颈癌": ("放疗", "宫颈癌根治术"),
    "卵巢癌": ("肿瘤细胞减灭术", "化疗"),
    "鼻咽癌": ("放疗", "同步放化疗"),
    "胰腺癌": ("姑息化疗",),
    "淋巴瘤": ("化疗", "自体干细胞移植"),
    "急性髓系白血病": ("骨髓移植", "化疗"),
    "多发性骨髓瘤": ("化疗", "自体造血干细胞移植"),
    "再生障碍性贫血": ("每月输血两次", "骨髓移植"),
    "系统性红斑狼疮": ("激素冲击治疗", "长期服用激素"),
    "类风湿关节炎": ("生物制剂注射",),
    "强直性脊柱炎": ("生物制剂治疗",),
    "股骨头坏死": ("髋关节置换", "人工髋关节置换术"),
    "腰椎间盘突出": ("椎间孔镜手术",),
    "高位截瘫": ("长期卧床护理", "康复训练"),
    "脑梗后遗症": ("康复训练", "针灸理疗"),
    "脑出血后遗症": ("开颅手术", "康复训练"),
    "帕金森病": ("长期服用美多芭", "脑深部电刺激手术"),
    "阿尔茨海默病": ("长期服用多奈哌齐",),
    "癫痫": ("长期服用丙戊酸钠",),
    "精神分裂症": ("长期服用氯氮平", "长期服用利培酮"),
    "双相情感障碍": ("长期服用碳酸锂",),
    "重度抑郁症": ("电休克治疗", "服用抗抑郁药"),
    "耐多药肺结核": ("抗结核治疗",),
    "尘肺病": ("大容量肺灌洗", "长期吸氧"),
    "慢阻肺": ("家庭氧疗",),
    "肺心病": ("长期吸氧",),
    "冠心病": ("心脏支架手术", "冠脉搭桥手术"),
    "扩张型心肌病": ("等待心脏移植",),
    "风湿性心脏病": ("心脏瓣膜置换术",),
    "糖尿病足": ("截肢手术", "清创换药"),
    "糖尿病肾病": ("血液透析", "注射胰岛素"),
    "艾滋病": ("抗病毒治疗",),
    "慢性乙肝": ("抗病毒治疗",),
    "渐冻症": ("呼吸机维持",),
    "重症肌无力": ("胸腺切除术", "丙种球蛋白冲击"),
    "双眼视网膜脱落": ("玻璃体切割手术",),
    "青光眼": ("抗青光眼手术",),
    "大面积烧伤": ("植皮手术",),
    "脊髓损伤": ("康复训练",),
    "颅脑外伤": ("开颅血肿清除术",),
    "右腿粉碎性骨折": ("钢板内固定手术",),
    "左手断指": ("断指再植手术",),
    "主动脉夹层": ("主动脉支架置入术",),
    "肾病综合征": ("激素治疗",),
}
ELDER_DIAGNOSES = (
    "脑梗后遗症",
    "阿尔茨海默病",
    "帕金森病",
    "慢阻肺",
    "肺心病",
    "冠心病",
    "股骨头坏死",
    "糖尿病足",
    "尿毒症",
    "食管癌",
    "老年痴呆",
    "白内障",
)
ELDER_EXTRA = {"老年痴呆": ("长期服药",), "白内障": ("白内障摘除术",)}
CHILD_HEALTH = {
    "先天性心脏病": ("心脏修补手术", "介入封堵术"),
    "法洛四联症": ("根治手术",),
    "唐氏综合征": ("康复训练",),
    "脑瘫": ("康复训练", "肉毒素注射"),
    "孤独症": ("康复训练", "感统训练"),
    "急性淋巴细胞白血病": ("化疗", "骨髓移植", "CAR-T治疗"),
    "重型地中海贫血": ("每月输血", "去铁治疗", "造血干细胞移植"),
    "血友病": ("凝血因子替代治疗",),
    "先天性胆道闭锁": ("葛西手术", "肝移植"),
    "脊髓性肌萎缩症": ("鞘内注射诺西那生钠",),
    "神经母细胞瘤": ("化疗", "自体干细胞移植"),
    "视网膜母细胞瘤": ("眼球摘除术",),
    "唇腭裂": ("唇腭裂修复手术",),
    "先天性耳聋": ("人工耳蜗植入",),
    "苯丙酮尿症": ("特殊奶粉喂养",),
    "成骨不全症": ("双膦酸盐治疗",),
    "肾母细胞瘤": ("肿瘤切除术", "化疗"),
    "先天性脊柱侧弯": ("脊柱矫形手术",),
}

# --- other identifiers and publishable filler -------------------------------------------------

SYLLABLES = (
    "li",
    "wang",
    "zhang",
    "hua",
    "ming",
    "xiao",
    "yan",
    "jun",
    "fang",
    "mei",
    "qiang",
    "lei",
    "ting",
    "yu",
    "hong",
    "ping",
    "an",
    "xin",
    "jia",
    "bo",
    "chen",
    "lan",
    "feng",
    "tao",
)
MAIL_HOSTS = ("163.com", "126.com", "qq.com", "sina.com", "139.com", "foxmail.com", "hotmail.com")
FIRM_STEMS = (
    "宏达",
    "鑫源",
    "华盛",
    "金鹏",
    "福满",
    "恒信",
    "永兴",
    "丰泰",
    "兴旺",
    "隆昌",
    "佳美",
    "瑞丰",
    "鼎盛",
    "天成",
    "新世纪",
    "顺通",
    "立邦",
    "远航",
)
FIRM_KINDS = (
    "纸箱厂",
    "建材有限公司",
    "电子厂",
    "物流公司",
    "饭店",
    "劳务公司",
    "砖厂",
    "食品厂",
    "服装厂",
    "养殖场",
    "汽修厂",
    "洗车行",
    "超市",
    "家具厂",
    "保安服务公司",
    "钢构厂",
)
EMOJI = ("🙏", "😭", "💪", "❤️", "[抱拳]", "[流泪]", "👍", "🌹", "😔", "[合十]", "🙏🙏")
RELATIVE_TIMES = (
    "上周三",
    "前天",
    "大前天",
    "上个月",
    "去年冬天",
    "今年开春",
    "前阵子",
    "上礼拜",
    "月初",
    "年前",
    "年后",
    "国庆前后",
    "前几天",
    "昨天夜里",
    "半年前",
    "三月份",
    "去年腊月",
    "上周五晚上",
    "这个礼拜一",
)
AMOUNTS = (
    "3.2万元",
    "十几万",
    "8000多块",
    "一万二",
    "25万",
    "两千多",
    "4.6万元",
    "六万多",
    "30多万",
    "1.8万",
    "九千块",
    "将近二十万",
)
FILLERS = (
    "一家人和睦，邻里关系也好。",
    "于是村里帮着张罗了一次募捐。",
    "诊断已经明确，后续费用缺口较大。",
    "常年在外打工，收入不稳定。",
    "孩子说最大的心愿是家里平平安安。",
    "听说可以申请救助，老人很高兴。",
    "马路对面就是集市，买药还算方便。",
    "街上的药店能买到一部分药。",
    "农村合作医疗报销了一部分。",
    "向来不愿意麻烦别人。",
    "万一再犯病，家里就撑不住了。",
    "金额较大，需要分批拨付。",
    "房子是上世纪八十年代盖的，安全隐患大。",
    "程序上需要先走民主评议。",
    "关心这一家的人不少。",
    "严重影响了正常生活。",
    "村里人都说这家人本分。",
    "田地流转出去了，一年租金两千来块。",
    "平时靠种点玉米和土豆过日子。",
    "去年的医保已经交了。",
    "家里只有两间旧房，冬天很冷。",
    "亲戚朋友能借的都借遍了。",
    "周围邻居都很同情，能帮的都帮了。",
    "余额已经不够下一次治疗。",
    "目前情绪还算稳定，对治疗比较乐观。",
    "明年开春想把房子修一修。",
    "常常一个人坐在门口发呆。",
    "车费和住宿也是一笔不小的开销。",
)
HOTLINE = "12349"
CHILDREN_HOSPITALS = (
    "省儿童医院",
    "复旦大学附属儿科医院",
    "北京儿童医院",
    "上海儿童医学中心",
    "重庆医科大学附属儿童医院",
    "市妇幼保健院",
)

# --- traditional characters for a few narratives ------------------------------------------------

_TRADITIONAL = "这這个個们們时時会會对對说說国國发發为為学學书書车車长長门門问問间間马馬东東乐樂电電话話医醫师師级級儿兒费費钱錢贫貧难難农農业業银銀证證诊診断斷疗療术術实實验驗帮幫爱愛亲親读讀户戶见見带帶岁歲还還没沒从從给給让讓请請写寫听聽认認应應该該现現觉覺过過进進远遠运運边邊达達连連选選钟鍾铁鐵阳陽阴陰陈陳刘劉张張赵趙吴吳孙孫郑鄭冯馮蒋蔣韩韓谭譚邝鄺阙闕郦酈闫閆黄黃欧歐诸諸迟遲肾腎脏臟脑腦遗遺头頭坏壞妈媽爷爺妇婦务務动動劳勞办辦区區县縣乡鄉镇鎮组組号號楼樓单單码碼补補济濟报報销銷万萬块塊么麼样樣吗嗎经經历歷热熱气氣邻鄰网網员員记記护護转轉紧緊况況状狀顾顧养養无無负負担擔债債资資询詢访訪题題关關与與机機构構场場厂廠线線练練体體检檢结結确確药藥贷貸欢歡兴興华華军軍兰蘭凤鳳丽麗红紅云雲龙龍伟偉刚剛强強杰傑涛濤鹏鵬飞飛辉輝荣榮贵貴宝寶庆慶宁寧静靜艳艷莲蓮顺順财財义義礼禮胜勝轩軒湾灣岭嶺沟溝坝壩滩灘桥橋庄莊营營铺鋪岗崗洼窪冲沖杨楊鹤鶴铜銅双雙丰豐园園广廣后後里裡"
TRADITIONAL = {_TRADITIONAL[i]: _TRADITIONAL[i + 1] for i in range(0, len(_TRADITIONAL), 2)}
del TRADITIONAL["里"]  # 里弄 and the 里 of place names stay as they are

CN_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return "十" if n == 10 else CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return f"{head}十{CN_DIGITS[ones] if ones else ''}"


def chinese_year(year: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(year))


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def id_check(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def luhn_complete(partial: str) -> str:
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return partial + str((10 - total % 10) % 10)


# --- labelled text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    kind: str
    household: bool
    day: tuple[int, int] | None = None  # the day part of a date, absolute offsets


@dataclass
class Narrative:
    text: str
    labels: list[Label]
    known: KnownIdentifiers
    templates: tuple[str, ...]

    def label_text(self, label: Label) -> str:
        if label.day:
            a, b = label.day
            return f"{self.text[label.start : a]}[{self.text[a:b]}]{self.text[b : label.end]}"
        return self.text[label.start : label.end]


class Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[Label] = []
        self.size = 0

    def text(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def label(self, s: str, kind: str, household: bool, day: tuple[int, int] | None = None):
        start = self.size
        if day:
            day = (start + day[0], start + day[1])
        self.labels.append(Label(start, start + len(s), kind, household, day))
        self.text(s)

    def done(self) -> tuple[str, list[Label]]:
        merged: list[Label] = []
        for label in self.labels:
            last = merged[-1] if merged else None
            if (
                last
                and label.kind == last.kind == "address"
                and label.household == last.household
                and last.end == label.start
            ):
                merged[-1] = Label(last.start, label.end, "address", label.household)
            else:
                merged.append(label)
        return "".join(self.parts), merged


# --- people and households -------------------------------------------------------------------

HOUSEHOLD_ROLES = {"H", "S", "C", "C2", "P", "R"}


@dataclass
class Person:
    role: str
    surname: str
    given: str
    sex: str
    age: int
    birth: dt.date
    nick: str
    id_number: str
    mobile: str
    landline: str
    card: str
    record_number: str
    disability_number: str
    allowance_number: str
    social_card: str
    wechat: str
    qq: str
    mail: str
    plate: str
    school: str
    employer: str
    diagnosis: str
    treatments: tuple[str, ...]
    rel: str = ""
    prel: str = ""
    title: str = ""

    @property
    def household(self) -> bool:
        return self.role in HOUSEHOLD_ROLES

    @property
    def full(self) -> str:
        return self.surname + self.given


@dataclass
class Address:
    town: str
    village: str
    village_short: str
    group: int
    house: int
    urban: bool
    estate: str = ""
    building: tuple[int, int, int] = (0, 0, 0)
    road: str = ""
    lane: tuple[int, int] = (0, 0)
    landmark: str = ""
    record: tuple[str, ...] = field(default_factory=tuple)


class Household:
    """One narrative's world: a county, a household with its record, the people around it."""

    def __init__(self, rng: random.Random, urban: bool) -> None:
        self.rng = rng
        entry = rng.choice(URBAN_DISTRICTS if urban else RURAL_COUNTIES)
        self.province, self.code, self.city, self.county, self.forms, self.area, self.plate = entry
        self.urban = urban
        self.prefix = f"{self.code}{rng.randint(1, 30):02d}{rng.randint(21, 35):02d}"
        self.address = self.make_address()
        self.people: dict[str, Person] = {}
        self.make_people()

    # places

    def stem(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return rng.choice(COMMON_SURNAMES) + "家"
        if roll < 0.3:
            return rng.choice(PLACE_HEADS) + rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
        return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)

    def village_name(self) -> tuple[str, str]:
        rng = self.rng
        form = rng.choice(self.forms)
        if form == "嘎查":
            name = rng.choice(MONGOLIAN_STEMS) + "嘎查"
            return name, name
        if form == "村":
            name = self.stem() + "村"
            return name, name[:-1]
        name = self.stem().removesuffix("家") + ("家" if rng.random() < 0.3 else "") + form
        return (name + "村", name) if rng.random() < 0.4 else (name, name)

    def make_address(self) -> Address:
        rng = self.rng
        if self.urban:
            town = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + "街道"
            community = rng.choice(PLACE_HEADS) + rng.choice("园林苑湖桥门坊山") + "社区"
            estate = rng.choice(ESTATE_STEMS) + rng.choice(ESTATE_KINDS)
            floor = rng.randint(1, 18)
            building = (rng.randint(1, 32), rng.randint(1, 6), floor * 100 + rng.randint(1, 4))
            form = self.forms[0]
            road_kind = {"里弄": "路", "胡同": "胡同"}.get(
                form, rng.choice(("路", "街", "大道", "巷"))
            )
            road = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + road_kind
            lane = (rng.randint(3, 980), rng.randint(1, 60))
            b, u, r = building
            if form == "里弄":
                detail = f"{road}{lane[0]}弄{lane[1]}号"
                record = (town, community, detail, f"{r}室")
            elif form == "胡同":
                detail = f"{road}{lane[1]}号院"
                record = (town, community, detail)
            else:
                record = (town, community, estate, f"{b}号楼{u}单元{r}室")
            return Address(
                town,
                community,
                community,
                0,
                0,
                True,
                estate=estate,
                building=building,
                road=road,
                lane=lane,
                landmark=rng.choice(URBAN_LANDMARKS),
                record=record,
            )
        kind = "苏木" if "嘎查" in self.forms and rng.random() < 0.6 else rng.choice("镇镇镇乡")
        town = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + kind
        village, short = self.village_name()
        group, house = rng.randint(1, 15), rng.randint(1, 120)
        return Address(
            town,
            village,
            short,
            group,
            house,
            False,
            landmark=rng.choice(RURAL_LANDMARKS),
            record=(town, village, f"{group}组", f"{house}号"),
        )

    # people

    def surname(self) -> str:
        roll = self.rng.random()
        if roll < 0.62:
            return self.rng.choice(COMMON_SURNAMES)
        if roll < 0.85:
            return self.rng.choice(RARE_SURNAMES)
        return self.rng.choice(COMPOUND_SURNAMES)

    def given_name(self, sex: str, age: int) -> str:
        rng = self.rng
        pool = GIVEN_MALE if sex == "男" else GIVEN_FEMALE
        if age < 20 and rng.random() < 0.6:
            pool = GIVEN_MODERN + pool
        if rng.random() < 0.22:
            return rng.choice(pool)
        first = rng.choice(pool)
        second = rng.choice(pool)
        while second == first and rng.random() < 0.9:
            second = rng.choice(pool)
        return first + second

    def school(self, age: int) -> str:
        rng = self.rng
        town = self.address.town[:2]
        if age <= 5:
            return f"{town}{rng.choice(('中心幼儿园', '幼儿园'))}{rng.choice(('大班', '中班', '小班'))}"
        if age <= 11:
            grade = age - 5
            name = rng.choice(
                (f"{town}中心小学", "城关第二小学", "县实验小学", f"{town}完小", "希望小学")
            )
            cls = rng.randint(1, 6)
            return rng.choice(
                (
                    f"{name}{chinese_number(grade)}年级{chinese_number(cls)}班",
                    f"{name}{grade}年级（{cls}）班",
                    f"{name}{chinese_number(grade)}（{cls}）班",
                )
            )
        if age <= 14:
            grade = age - 11
            name = rng.choice((f"{town}中学", "县第二中学", "民族中学", f"{town}初级中学"))
            cls = rng.randint(1, 12)
            return rng.choice(
                (
                    f"{name}初{chinese_number(grade)}（{cls}）班",
                    f"{name}{chinese_number(grade + 6)}年级{cls}班",
                )
            )
        grade = min(age - 14, 3)
        name = rng.choice(("县一中", "县第二高级中学", "职业中专", "民族高级中学"))
        return f"{name}高{chinese_number(grade)}{rng.randint(1, 16)}班"

    def person(self, role: str, sex: str, age: int, surname: str | None = None) -> Person:
        rng = self.rng
        surname = surname or self.surname()
        given = self.given_name(sex, age)
        birth = dt.date(TODAY.year - age, rng.randint(1, 12), rng.randint(1, 28))
        if birth > TODAY.replace(year=TODAY.year - age):
            birth = birth.replace(year=birth.year - 1)
        if age < 18:
            roll = rng.random()
            if roll < 0.5:
                gendered = CHILD_NICKNAMES_BOY if sex == "男" else CHILD_NICKNAMES_GIRL
                nick = rng.choice(gendered + CHILD_NICKNAMES_ANY)
            elif roll < 0.7:
                nick = given[-1] * 2
            else:
                nick = rng.choice("小阿") + given[-1]
        else:
            pool = ADULT_NICKNAMES_MALE if sex == "男" else ADULT_NICKNAMES_FEMALE
            nick = rng.choice(pool) if rng.random() < 0.6 else rng.choice("阿老") + given[-1]
        seq = rng.randint(0, 99) * 10 + (
            rng.randrange(1, 10, 2) if sex == "男" else rng.randrange(0, 10, 2)
        )
        first17 = f"{self.prefix}{birth:%Y%m%d}{seq:03d}"
        id_number = first17 + id_check(first17)
        mobile = rng.choice(("13", "15", "17", "18", "19")) + "".join(
            rng.choices("0123456789", k=9)
        )
        digits = 8 if len(self.area) == 3 else 7
        landline = f"{self.area}-{rng.randint(2, 8)}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}"
        bin_ = rng.choice(("622848", "621700", "622202", "621226", "623059", "622188", "621799"))
        length = rng.choice((16, 19, 19))
        card = luhn_complete(bin_ + "".join(rng.choices("0123456789", k=length - 7)))
        record_number = rng.choice(
            (
                f"{rng.randint(2023, 2026)}{rng.randint(100000, 999999)}",
                f"ZY{rng.randint(2023, 2026)}{rng.randint(10000, 99999)}",
                f"{rng.randint(100000, 9999999)}",
                f"{rng.choice('ABK')}{rng.randint(2301, 2612)}{rng.randint(100, 999)}",
            )
        )
        disability_number = id_number + f"{rng.randint(1, 7)}{rng.randint(1, 4)}"
        allowance_number = rng.choice(
            (
                f"DB{self.prefix}{rng.randint(2015, 2025)}{rng.randint(1, 99999):05d}",
                f"{self.prefix}{rng.randint(2015, 2025)}{rng.randint(1, 9999):04d}",
                f"{self.prefix}-{rng.randint(2016, 2025)}-{rng.randint(1, 9999):04d}",
            )
        )
        social_card = f"{rng.choice('ABCDEHKLMN')}{rng.randint(10000000, 99999999)}"
        handle = "".join(rng.choices(SYLLABLES, k=rng.randint(1, 3)))
        wechat = rng.choice(
            (
                f"wxid_{''.join(rng.choices('abcdefghijkmnpqrstuvwxyz0123456789', k=rng.randint(10, 14)))}",
                f"{handle}{birth:%Y%m%d}"[: rng.randint(10, 16)],
                f"{handle}_{rng.randint(1, 9999)}",
                f"{handle}{mobile[-4:]}",
            )
        )
        qq = str(rng.randint(100000, 3999999999))
        mail_host = rng.choice(MAIL_HOSTS)
        mail_user = (
            qq
            if mail_host == "qq.com"
            else rng.choice((handle, f"{handle}{birth:%y}", f"{handle}.{rng.randint(1, 999)}"))
        )
        mail = f"{mail_user}@{mail_host}"
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        tail = "".join(rng.choice(letters + "0123456789" * 2) for _ in range(5))
        plate = self.plate + rng.choice(("·", "", " ")) + tail
        employer = rng.choice(FIRM_STEMS) + rng.choice(FIRM_KINDS)
        if age < 18:
            diagnosis = rng.choice(list(CHILD_HEALTH))
            treatments = CHILD_HEALTH[diagnosis]
        elif age >= 65 and rng.random() < 0.6:
            diagnosis = rng.choice(ELDER_DIAGNOSES)
            treatments = ADULT_HEALTH.get(diagnosis) or ELDER_EXTRA[diagnosis]
        else:
            diagnosis = rng.choice(list(ADULT_HEALTH))
            treatments = ADULT_HEALTH[diagnosis]
        return Person(
            role,
            surname,
            given,
            sex,
            age,
            birth,
            nick,
            id_number,
            mobile,
            landline,
            card,
            record_number,
            disability_number,
            allowance_number,
            social_card,
            wechat,
            qq,
            mail,
            plate,
            self.school(age) if age < 18 else "",
            employer,
            diagnosis,
            treatments,
        )

    def title_for(self, p: Person) -> str:
        rng = self.rng
        s = p.surname
        by_role = {
            "G": ("书记", "支书"),
            "G2": ("书记",),
            "M": ("主任",),
            "D": ("医生", "大夫", "主任"),
            "T": ("老师",),
            "K": ("老师", "社工"),
        }
        if p.role in by_role:
            return s + rng.choice(by_role[p.role])
        if p.role == "W":
            return rng.choice((f"小{s}", f"{s}姐" if p.sex == "女" else f"{s}哥"))
        if p.age >= 60:
            return rng.choice(
                (f"{s}大爷", f"老{s}", f"{s}伯")
                if p.sex == "男"
                else (f"{s}奶奶", f"{s}婶", f"{s}大娘")
            )
        if p.age >= 35:
            return rng.choice(
                (f"老{s}", f"{s}叔", f"{s}哥") if p.sex == "男" else (f"{s}姐", f"{s}嫂", f"{s}婶")
            )
        return rng.choice((f"小{s}", f"{s}哥") if p.sex == "男" else (f"小{s}", f"{s}妹"))

    def make_people(self) -> None:
        rng = self.rng
        sex = rng.choice("男女")
        other = "女" if sex == "男" else "男"
        h = self.person("H", sex, rng.randint(26, 72))
        s = self.person("S", other, max(22, h.age + rng.randint(-6, 6)))
        father_surname = h.surname if sex == "男" else s.surname
        grand = h.age >= 55
        c_age = rng.randint(4, 16) if grand else rng.randint(4, min(17, h.age - 20))
        c = self.person("C", rng.choice("男女"), c_age, father_surname)
        c2 = self.person(
            "C2", rng.choice("男女"), max(4, c_age + rng.choice((-3, -2, 2, 3))), father_surname
        )
        p_sex = rng.choice("男女")
        p = self.person(
            "P", p_sex, min(96, h.age + rng.randint(22, 30)), h.surname if p_sex == "男" else None
        )
        r_sex = rng.choice("男女")
        r = self.person("R", r_sex, max(20, h.age + rng.randint(-12, 12)), h.surname)
        h.rel = "本人"
        s.rel = (
            rng.choice(("丈夫", "老公", "爱人"))
            if sex == "女"
            else rng.choice(("妻子", "老婆", "媳妇", "爱人"))
        )
        for child in (c, c2):
            if grand:
                child.rel = "孙子" if child.sex == "男" else "孙女"
                child.prel = (
                    ("爷爷" if sex == "男" else "奶奶")
                    if sex == "男" or rng.random() < 0.7
                    else "外婆"
                )
            else:
                child.rel = "儿子" if child.sex == "男" else "女儿"
                child.prel = (
                    rng.choice(("父亲", "爸爸")) if sex == "男" else rng.choice(("母亲", "妈妈"))
                )
        p.rel = (
            rng.choice(("父亲", "老父亲", "老爹"))
            if p_sex == "男"
            else rng.choice(("母亲", "老母亲", "老娘"))
        )
        older = r.age > h.age
        r.rel = {
            ("男", True): "哥哥",
            ("男", False): "弟弟",
            ("女", True): "姐姐",
            ("女", False): "妹妹",
        }[(r_sex, older)]
        self.people = {"H": h, "S": s, "C": c, "C2": c2, "P": p, "R": r}
        for role in ("N", "N2", "N3", "G", "G2", "W", "M", "D", "T", "K", "O"):
            age = rng.randint(28, 75) if role.startswith("N") else rng.randint(24, 58)
            self.people[role] = self.person(role, rng.choice("男女"), age)
        for person in self.people.values():
            person.title = self.title_for(person)

    def known(self) -> KnownIdentifiers:
        members = [self.people[r] for r in ("H", "S", "C", "C2", "P", "R")]
        h, s = self.people["H"], self.people["S"]
        return KnownIdentifiers(
            names=tuple(m.full for m in members),
            id_numbers=tuple(m.id_number for m in members if m.role != "R"),
            phones=(h.mobile, h.landline, s.mobile, self.people["R"].mobile),
            addresses=self.address.record,
            bank_cards=(h.card,),
            hospital_record_numbers=tuple(m.record_number for m in members if m.role != "R"),
            document_numbers=(h.disability_number, h.allowance_number),
            birth_dates=tuple(m.birth for m in members),
        )


# --- rendering -------------------------------------------------------------------------------


class Renderer:
    def __init__(self, rng: random.Random, home: Household, b: Builder) -> None:
        self.rng = rng
        self.home = home
        self.b = b

    # formats

    def sprinkle(self, text: str) -> str:
        """Zero-width spaces inside a number, as pasted from a chat or a web form."""
        chars = list(text)
        for _ in range(self.rng.randint(1, 2)):
            chars.insert(self.rng.randint(1, len(chars) - 1), ZWSP)
        return "".join(chars)

    def id_text(self, number: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return self.sprinkle(number)
        if roll < 0.14:
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        if roll < 0.18:
            return full_width(number)
        if roll < 0.25 and number.endswith("X"):
            return number[:-1] + "x"
        return number

    def phone_text(self, number: str) -> str:
        rng = self.rng
        if not number.startswith("1"):
            area, local = number.split("-")
            return rng.choice((number, f"（{area}）{local}", f"{area} {local}", f"({area}){local}"))
        a, b, c = number[:3], number[3:7], number[7:]
        forms = (
            (number, 30),
            (f"{a} {b} {c}", 12),
            (f"{a}-{b}-{c}", 12),
            (f"+86 {a} {b} {c}", 8),
            (f"+86{number}", 6),
            (f"+86-{a}-{b}-{c}", 4),
            (full_width(number), 5),
            (self.sprinkle(number), 8),
            (f"(+86){number}", 3),
            (f"0086 {number}", 2),
        )
        return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]

    def card_text(self, number: str) -> str:
        rng = self.rng
        roll = rng.random()
        groups = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        if roll < 0.4:
            return groups
        if roll < 0.45:
            return self.sprinkle(number)
        if roll < 0.5:
            return groups.replace(" ", "-")
        return number

    def date_text(self, d: dt.date, *, with_year: bool = False, birth: bool = False):
        """An exact date in one of many written forms, and its day part (offsets in the text)."""
        rng = self.rng
        y, m, day = d.year, d.month, d.day
        if birth:
            forms = ("ymd", "ymd", "dot", "dash", "cn_full", "yy", "ymd0", "slash")
        elif with_year:
            forms = ("ymd", "ymd", "dash", "slash", "dot", "cn_full", "ymd0")
        else:
            forms = (
                "ymd",
                "md",
                "md",
                "md_hao",
                "cn_md",
                "dot_md",
                "dash",
                "slash",
                "dot",
                "cn_full",
                "ymd0",
                "fw_md",
                "lunar",
            )
        form = rng.choice(forms)
        cn_day = chinese_number(day)
        if form == "ymd":
            head, dd, tail = f"{y}年{m}月", str(day), "日"
        elif form == "ymd0":
            head, dd, tail = f"{y}年{m:02d}月", f"{day:02d}", "日"
        elif form == "md":
            head, dd, tail = f"{m}月", str(day), "日"
        elif form == "md_hao":
            head, dd, tail = f"{m}月", str(day), "号"
        elif form == "cn_md":
            head, dd, tail = f"{chinese_number(m)}月", cn_day, rng.choice("号日")
        elif form == "dot_md":
            head, dd, tail = f"{m}.", str(day), ""
        elif form == "dash":
            head, dd, tail = f"{y}-{m:02d}-", f"{day:02d}", ""
        elif form == "slash":
            head, dd, tail = f"{y}/{m}/", str(day), ""
        elif form == "dot":
            head, dd, tail = f"{y}.{m}.", str(day), ""
        elif form == "cn_full":
            head, dd, tail = f"{chinese_year(y)}年{chinese_number(m)}月", cn_day, "日"
        elif form == "yy":
            head, dd, tail = f"{y % 100:02d}年{m}月", str(day), rng.choice("日号")
        elif form == "fw_md":
            head, dd, tail = full_width(f"{m}月"), full_width(str(day)), "日"
        else:  # a lunar date, as older people keep them
            months = "正二三四五六七八九十冬腊"
            lunar_day = rng.randint(1, 29)
            if lunar_day <= 10:
                dd = "初" + chinese_number(lunar_day)
            elif lunar_day < 20:
                dd = chinese_number(lunar_day)
            else:
                dd = "廿" + CN_DIGITS[lunar_day - 20] if lunar_day > 20 else "二十"
            head, tail = months[(m - 1) % 12] + "月", ""
        return head + dd + tail, (len(head), len(head) + len(dd))

    def event_date(self) -> dt.date:
        return TODAY - dt.timedelta(days=self.rng.randint(3, 700))

    # tokens

    def emit(self, slot: str) -> None:
        rng, b, home, addr = self.rng, self.b, self.home, self.home.address
        if slot.startswith("?"):
            b.text(rng.choice(slot[1:].split("|")))
            return
        if "." in slot:
            role, attr = slot.split(".")
            self.person(home.people[role], attr)
            return
        if slot == "PROV":
            b.text(home.province)
        elif slot == "CITY":
            b.text(home.city)
        elif slot == "COUNTY":
            b.text(home.county)
        elif slot == "ADDR":
            b.label(self.full_address(), "address", True)
        elif slot == "TOWN":
            b.label(addr.town, "address", True)
        elif slot == "VIL":
            b.label(addr.village if rng.random() < 0.7 else addr.village_short, "address", True)
        elif slot == "GROUP":
            b.label(self.group_text(), "address", True)
        elif slot == "UNIT":
            b.label(self.unit_text(), "address", True)
        elif slot == "LANDMARK":
            b.label(addr.landmark, "address", True)
        elif slot == "NADDR":
            b.label(self.neighbour_address(), "address", False)
        elif slot in ("DATE", "DATEY"):
            text, day = self.date_text(self.event_date(), with_year=slot == "DATEY")
            b.label(text, "date", True, day)
        elif slot == "REL":
            b.text(rng.choice(RELATIVE_TIMES))
        elif slot == "MONTH":
            d = self.event_date()
            b.text(
                rng.choice(
                    (
                        f"{d.year}年{d.month}月",
                        f"{d.month}月份",
                        f"{d.year}年{chinese_number(d.month)}月",
                    )
                )
            )
        elif slot == "AMT":
            b.text(rng.choice(AMOUNTS))
        elif slot == "FILL":
            b.text(rng.choice(FILLERS))
        elif slot == "HOSP":
            b.text(self.local_hospital())
        elif slot == "BIG":
            b.text(self.big_hospital())
        elif slot == "BIGC":
            b.text(self.rng.choice(CHILDREN_HOSPITALS))
        elif slot == "EMO":
            b.text(rng.choice(EMOJI))
        elif slot == "HOTLINE":
            b.text(HOTLINE)
        else:
            raise ValueError(f"unknown placeholder {slot!r}")

    def person(self, p: Person, attr: str) -> None:
        rng, b, hh = self.rng, self.b, p.household
        if attr == "any":
            attr = rng.choices(("full", "given", "nick"), weights=(6, 3, 1))[0]
        if attr == "full":
            b.label(p.full, "name", hh)
        elif attr == "given":
            b.label(p.given if len(p.given) > 1 else p.full, "name", hh)
        elif attr == "nick":
            b.label(p.nick, "name", hh)
        elif attr == "title":
            b.text(p.title)
        elif attr == "mou":
            b.text(p.surname + rng.choice(("某", "某某")))
        elif attr == "sex":
            b.text(p.sex)
        elif attr == "ta":
            b.text("他" if p.sex == "男" else "她")
        elif attr == "age":
            b.text(str(p.age))
        elif attr == "agec":
            b.text(chinese_number(p.age) if p.age < 100 else str(p.age))
        elif attr == "rel":
            b.text(p.rel)
        elif attr == "prel":
            b.text(p.prel)
        elif attr == "birthy":
            b.text(f"{p.birth.year}年")
        elif attr == "birth":
            text, day = self.date_text(p.birth, birth=True)
            b.label(text, "date", hh, day)
        elif attr == "id":
            b.label(self.id_text(p.id_number), "number", hh)
        elif attr == "phone":
            number = p.landline if p.role == "H" and rng.random() < 0.12 else p.mobile
            b.label(self.phone_text(number), "number", hh)
        elif attr == "card":
            b.label(self.card_text(p.card), "number", hh)
        elif attr == "zy":
            b.label(p.record_number, "number", hh)
        elif attr == "cjz":
            b.label(p.disability_number, "number", hh)
        elif attr == "dbz":
            b.label(p.allowance_number, "number", hh)
        elif attr == "sbk":
            b.label(p.social_card, "number", hh)
        elif attr in ("wx", "qq", "mail", "plate", "school", "work"):
            value = {
                "wx": p.wechat,
                "qq": p.qq,
                "mail": p.mail,
                "plate": p.plate,
                "school": p.school,
                "work": p.employer,
            }[attr]
            b.label(value, "other", hh)
        elif attr == "dx":
            b.label(p.diagnosis, "health", hh)
        elif attr == "tx":
            b.label(
                p.treatments[0] if len(p.treatments) == 1 else rng.choice(p.treatments),
                "health",
                hh,
            )
        elif attr == "tx2":
            if len(p.treatments) > 1:
                b.label(p.treatments[-1], "health", hh)
            else:
                b.text(rng.choice(("定期复查", "长期随访", "继续用药")))
        else:
            raise ValueError(f"unknown attribute {attr!r}")

    # places

    def group_number(self, n: int) -> str:
        rng = self.rng
        return rng.choice(
            (
                f"{n}组",
                f"{chinese_number(n)}组",
                f"{full_width(str(n))}组",
                f"第{n}村民小组",
                f"{chinese_number(n)}社",
                f"{chinese_number(n)}队",
                f"{n}组",
            )
        )

    def group_text(self) -> str:
        addr = self.home.address
        if addr.urban:
            return self.unit_text()
        text = self.group_number(addr.group)
        roll = self.rng.random()
        if roll < 0.55:
            text += f"{addr.house}号"
        elif roll < 0.62:
            text += f"附{addr.house}号"
        return text

    def building_text(self) -> str:
        b, u, r = self.home.address.building
        return self.rng.choice(
            (
                f"{b}号楼{u}单元{r}室",
                f"{b}-{u}-{r}",
                f"{b}栋{u}门{r}",
                f"{b}幢{u}单元{r}室",
                f"{b}栋{r}房",
                f"{b}号楼{u}单元{r}",
                f"{b}#{u}-{r}",
            )
        )

    def unit_text(self) -> str:
        addr = self.home.address
        if not addr.urban:
            return self.group_text()
        form = self.home.forms[0]
        if form == "里弄":
            return f"{addr.road}{addr.lane[0]}弄{addr.lane[1]}号" + self.rng.choice(
                ("", f"{addr.building[2]}室", "亭子间", "前楼")
            )
        if form == "胡同":
            return f"{addr.road}{addr.lane[1]}号院" + self.rng.choice(
                ("", "东厢房", f"{addr.building[0]}号")
            )
        return addr.estate + self.building_text()

    def full_address(self) -> str:
        rng, addr = self.rng, self.home.address
        if addr.urban:
            roll = rng.random()
            if roll < 0.4:
                return addr.town + addr.village + self.unit_text()
            if roll < 0.6:
                return addr.village + self.unit_text()
            if roll < 0.8 and self.home.forms[0] not in ("里弄", "胡同"):
                return f"{addr.road}{addr.lane[0]}号{addr.estate}{self.building_text()}"
            return self.unit_text()
        village = addr.village if rng.random() < 0.75 else addr.village_short
        roll = rng.random()
        if roll < 0.45:
            return addr.town + village + self.group_text()
        if roll < 0.7:
            return village + self.group_text()
        if roll < 0.85:
            return addr.town + village + self.group_number(addr.group)
        return addr.town + village

    def neighbour_address(self) -> str:
        rng, addr = self.rng, self.home.address
        if addr.urban:
            b, u, r = addr.building
            return rng.choice(
                (
                    f"{addr.estate}{b}号楼{u % 6 + 1}单元{r + 100}",
                    f"同单元{r - 100 if r > 200 else r + 1}",
                    f"{b + 1}-{u}-{r}",
                )
            )
        return rng.choice(
            (
                f"同组{rng.randint(1, 120)}号",
                f"{self.home.village_name()[0]}{rng.randint(1, 12)}组",
                f"{addr.village}{self.group_number(rng.randint(1, 15))}",
            )
        )

    def local_hospital(self) -> str:
        home = self.home
        city = home.city or home.province
        return self.rng.choice(
            (
                f"{home.county}人民医院",
                f"{home.county}中医院",
                f"{city}第一人民医院",
                f"{city}中心医院",
                f"{city}妇幼保健院",
                "县医院",
                "市医院",
            )
        )

    def big_hospital(self) -> str:
        return self.rng.choice(
            (
                "华西医院",
                "湘雅医院",
                "北京协和医院",
                f"{self.home.province.removesuffix('省')}省人民医院"
                if self.home.province.endswith("省")
                else "市人民医院",
                "省肿瘤医院",
                "郑大一附院",
                "齐鲁医院",
                "中山大学肿瘤防治中心",
                "同济医院",
            )
        )

    def render(self, template: str) -> None:
        pos = 0
        for m in TOKEN.finditer(template):
            self.b.text(template[pos : m.start()])
            self.emit(m.group(1))
            pos = m.end()
        self.b.text(template[pos:])


TOKEN = re.compile(r"\{([^{}]+)\}")

# --- templates ---------------------------------------------------------------------------------
# "@<setting> <name>" starts a template: setting r = rural household, u = urban, a = either.
# Tokens: {PROV} {CITY} {COUNTY} (unlabelled), {ADDR} {TOWN} {VIL} {GROUP} {UNIT} {LANDMARK}
# (the household's address), {NADDR} (a neighbour's), {DATE} {DATEY} (an exact date, with a
# year for DATEY), {REL} {MONTH} {AMT} {FILL} {HOSP} {BIG} {BIGC} {EMO} {HOTLINE} (unlabelled), {?a|b}
# (one of the words), {ROLE.attr}: roles H householder, S spouse, C and C2 children, P parent,
# R relative on record; N N2 N3 neighbours, G village secretary, G2 first secretary, W grid
# worker, M community director, D doctor, T teacher, K social worker, O somebody else.

TEMPLATES_TEXT = """
@a registration_table
困难群众救助登记表
姓名：{H.full}；性别：{H.sex}；出生日期：{H.birth}；身份证号码：{H.id}；
住址：{PROV}{CITY}{COUNTY}{ADDR}；联系电话：{H.phone}；
家庭人口：{?3|4|5}人；主要困难：{H.dx}，{H.tx}；
开户行：{?农业银行|农村信用社|邮储银行|农商银行}；卡号：{H.card}。
经办人：{W.full}　登记日期：{DATEY}

@a hotline_runon
来电人说自己叫{H.full}，{H.age}岁，家在{COUNTY}{ADDR}，{S.rel}{S.given}{REL}在{HOSP}查出{S.dx}，医生说要{S.tx}，家里拿不出钱，{?一直在哭|说话一直带着哭腔|情绪很激动}，问能不能申请临时救助，留的电话是{H.phone}，说白天打不通就打{H.ta}{R.rel}{R.full}的{R.phone}。

@r grid_visit
{DATE}上午，网格员{W.given}和村支书{G.full}入户走访{VIL}{GROUP}的{H.full}家。{H.ta}今年{H.age}岁，{H.dx}多年，平时靠{S.rel}{S.full}照顾。{FILL}家里还有个{C.rel}叫{C.nick}，在{C.school}读书。

@a visit_bullets
走访记录
- 户主：{H.full}（{H.sex}，{H.age}岁）
- 身份证：{H.id}
- 病情：{H.dx}；{H.tx}
- 住院号：{H.zy}
- 家庭成员：{S.rel}{S.full}，{C.rel}{C.full}（{C.age}岁）
- 电话：{H.phone}
- 备注：{FILL}

@r wechat_group
【{VIL}网格群】
{W.given}：@所有人 {GROUP}{H.full}家的事情大家都知道了吧{EMO}，{H.ta}{S.rel}{REL}住院了，{S.dx}，医院在{HOSP}
{N.title}：知道知道，我{REL}还去看了
{G.title}：村里能帮的都帮一下，捐款的话直接转给{H.ta}{R.rel}{R.given}，微信号{R.wx}
{W.given}：好的{EMO}

@a petition_letter
信访件
尊敬的{?县|市}领导：
　　我叫{H.full}，身份证号{H.id}，是{COUNTY}{ADDR}的{?村民|居民}。{REL}我{S.rel}{S.full}被诊断为{S.dx}，在{BIG}住了{?二十多天|一个多月|三个礼拜}，花了{AMT}。我们{?向|找}{G.title}反映过多次，一直没有结果。{FILL}恳请领导{?过问|帮忙解决}。
　　此致
敬礼！
　　　　信访人：{H.full}
　　　　联系电话：{H.phone}
　　　　{DATEY}

@a social_worker_child
{HOSP}医务社工部转介单
患者姓名：{C.full}　性别：{C.sex}　年龄：{C.age}岁
住院号：{C.zy}　科室：{?儿科|血液科|心胸外科|小儿外科}
诊断：{C.dx}
治疗方案：{C.tx}，预计费用{AMT}
家属：{H.full}（{C.prel}），电话{H.phone}
家庭住址：{CITY}{COUNTY}{ADDR}
转介社工：{K.full}　{DATEY}

@a terse_intake
{H.full}，{H.sex}，{H.age}，{ADDR}。{H.dx}。{H.tx}。电话{H.phone}。{?低保户|特困户|边缘户|脱贫户}，低保证号{H.dbz}。

@a teacher_report
班主任{T.full}老师反映：{C.school}学生{C.full}（小名{C.nick}）{REL}起经常请假，家访得知{C.ta}{C.prel}{H.given}{H.dx}，{?常年|长期}卧床，家里靠{S.rel}打零工维持。孩子{?学习很用功|成绩中上|很懂事}。{FILL}

@r neighbour_call
邻居{N.full}（住{NADDR}）打电话来说，{VIL}{GROUP}的{H.title}——就是{H.full}——{REL}摔了一跤，{H.dx}，一个人住，{?儿女都在外地|儿子在外面打工|没有子女}。{N.ta}说{H.ta}家就在{LANDMARK}。{FILL}

@r cadre_statement
关于{VIL}{H.full}户的情况说明
{H.full}，{H.birthy}生，{?汉族|回族|彝族|苗族|壮族|蒙古族}，{GROUP}村民。{REL}{H.ta}{S.rel}{S.full}突发{S.dx}，送{HOSP}抢救后转{BIG}，行{S.tx}。家庭年收入不足{?八千元|一万元|1.2万元}，{FILL}
特此说明。
{VIL}村民委员会（章）
村支书：{G.full}　{DATEY}

@u community_note
{M.title}说，{TOWN}{VIL}{UNIT}住着{H.full}一家三口。{H.ta}{?下岗多年|在超市当理货员|跑外卖}，{C.rel}{C.given}患{C.dx}，{REL}在{BIGC}做了{C.tx}。社区主任{M.full}已帮忙申请了大病救助。{FILL}

@a wechat_private
{H.given}：{W.title}你好，我是{GROUP}的{H.full}{EMO}
{H.given}：我{S.rel}那个病又重了，{S.dx}，这次要{S.tx}
{W.given}：收到，你把身份证号和银行卡号发我一下
{H.given}：{H.id}
{H.given}：{H.card} 农商行的
{W.given}：好，{DATE}之前给你报上去{EMO}

@a flattened_row
序号：{?1|2|3|7|12}；姓名：{H.full}；性别：{H.sex}；年龄：{H.age}；住址：{ADDR}；病种：{H.dx}；残疾证号：{H.cjz}；联系方式：{H.phone}；开户账号：{H.card}；备注：{?重点户|已核实|待复核}

@a hotline_dialogue
接线员：您好，这里是{HOTLINE}{?便民|民政}服务热线。
来电：喂，我想问下救助的事。我叫{H.full}。
接线员：您在哪个县？
来电：{COUNTY}，{ADDR}。
接线员：什么困难？
来电：我{C.rel}{C.nick}，{C.age}岁，{C.dx}，{REL}刚从{BIGC}回来，医生说还要{C.tx}，{?一次就要|少说也要}{AMT}。
接线员：您的电话？
来电：{H.phone}，要么打我{R.rel}的，{R.phone}。

@a application_letter
申请书
我叫{H.full}，{H.sex}，{H.birth}出生，现住{COUNTY}{ADDR}。我家{?五|四|六}口人，{P.rel}{P.full}{P.age}岁，患{P.dx}{?多年|十几年}；{S.rel}{S.full}{?常年在外打工|在县城做保洁|身体也不好}；{C.rel}{C.full}在{C.school}上学。{REL}我本人又查出{H.dx}，{H.tx}，实在无力承担。特申请救助，望批准。
申请人：{H.full}
{DATEY}

@a doctor_note
{D.full}医生{?补充|说明|介绍}：{H.full}，住院号{H.zy}，{DATE}入院，诊断{H.dx}，已行{H.tx}，后续还需{H.tx2}。家属{S.full}多次来医生办公室问能不能减免费用。

@a sms_notice
【{?县民政局|镇民政办|社区}】{H.full}您好，您{DATE}提交的临时救助申请已受理，如有疑问请联系{W.full}，电话{W.phone}。

@r nickname_story
村里人都叫{H.ta}{H.nick}，大名{H.full}，住{VIL}{GROUP}，{?打小|从小}就有{H.dx}。{H.ta}{P.rel}{P.given}{REL}走了以后，就剩{H.ta}一个人。隔壁{N.title}经常给{H.ta}送饭。{FILL}

@a crosscheck_vehicle
核对意见：申请人{H.full}（{H.id}）名下有{?一辆|1辆}{?二手面包车|农用三轮车|旧摩托车}，车牌{H.plate}；{S.rel}{S.full}（{S.id}）在{S.work}上班，月收入约{?两千多|三千来块|四千左右}。经核实车辆价值较低，{?不影响|不作为}认定依据。核对人：{O.full}　{DATEY}

@a fundraising_post
{EMO}{EMO}紧急求助！{CITY}{COUNTY}的{H.full}，{H.age}岁，{DATE}被确诊{H.dx}，{H.tx}需要{AMT}。{H.ta}{C.rel}{C.nick}才{C.age}岁……好心人可以加{H.ta}{R.rel}微信：{R.wx}，或者打电话{R.phone}。转发就是帮忙{EMO}

@r dialect_call
就是说我们那个{VIL}啊{GROUP}那个{H.full}嘛，{H.ta}屋里{S.rel}{S.given}前头{?中了风|脑壳里头出血}，现在是{S.dx}，瘫在床上，{H.ta}自己又{H.dx}，你们能不能来看一下嘛，我是{H.ta}屋里{R.rel}，我叫{R.full}，电话是{R.phone}。

@a social_worker_adult
转介原因：患者{H.full}（住院号：{H.zy}），{H.age}岁，因“{H.dx}”于{DATE}入住我院{?肾内科|肿瘤科|神经内科|骨科}，现{H.tx}。家属{S.rel}{S.given}反映已借债{AMT}。家庭住址：{ADDR}。联系方式：{S.phone}。
转介人：{K.full}（医务社工）
接收单位：{COUNTY}民政局

@a teacher_call
{C.school}的{T.given}老师打来电话：学生{C.full}{REL}没来上课，家里{H.full}{H.dx}住院了，孩子跟着{P.rel}住在{LANDMARK}。老师留了电话{T.phone}，微信{T.wx}。

@a ledger_line
{H.full}|{H.sex}|{H.age}|{H.id}|{ADDR}|{H.dx}|{H.phone}|{H.card}

@u night_emergency
{DATE}晚上{?十一点多|九点左右|凌晨一点}，{TOWN}{VIL}{UNIT}的{H.full}给{M.title}打电话，说{H.ta}{P.rel}{P.full}{P.dx}，{?摔倒在卫生间|突然昏迷|喘不上气}，{M.full}赶过去打了120，送到{HOSP}。{FILL}

@r joint_letter
联名信
我们是{VIL}的村民。同组的{H.full}一家太困难了：{H.ta}本人{H.dx}，{S.rel}{S.given}{S.dx}，两个孩子{C.full}和{C2.full}还在念书。房子是{?土坯房|危房}，就在{LANDMARK}。希望政府帮一把。
签名：{N.full}（{NADDR}）、{N2.full}、{N3.full}
{DATEY}

@a voice_to_text
[语音转文字] {W.title}啊我跟你说一下那个{H.full}的情况嘛{H.ta}那个身份证号是{H.id}然后电话{H.phone}{?然后|那个}{H.ta}{S.rel}的名字叫{S.full}{S.dx}在{HOSP}{?住着|躺着}呢你帮我录一下{EMO}

@a member_lines
户主{H.full}
{S.rel}{S.full} {S.id}
{C.rel}{C.full} {C.birth}生
{P.rel}{P.full} {P.dx}
地址 {ADDR}
电话 {H.phone}

@r first_secretary_diary
驻村第一书记{G2.full}工作日志（{DATE}）：上午到{GROUP}看了{H.full}，{H.ta}{H.dx}，{H.tx}。下午跟{W.full}核{H.ta}家的低保，低保证号{H.dbz}。{FILL}

@a relative_on_behalf
我是{H.full}的{R.rel}{R.full}，{?替|帮}{H.ta}问一下。{H.ta}{REL}在{BIG}确诊{H.dx}，要{H.tx}，{H.ta}老家是{COUNTY}{ADDR}的。{H.ta}的残疾证号是{H.cjz}，手机{H.phone}。谢谢你们了{EMO}

@a work_injury
{H.full}原在{H.work}{?上班|打工|当保安}，{DATE}在工地{?摔伤|被钢筋砸伤}，诊断{H.dx}，老板{O.full}只给了{AMT}就不管了。{H.ta}的社保卡号{H.sbk}，医保{?断缴|没交}了。{FILL}

@a child_card
{C.nick}（大名{C.full}），{C.sex}，{C.birth}出生，{C.school}，{C.dx}。{C.prel}{H.full}，电话{H.phone}。{?父母离异|母亲改嫁|父亲服刑|父母在外打工}，孩子跟{P.rel}{P.given}生活。

@a relative_email
{R.full}（{H.full}的{R.rel}）发来邮件（{R.mail}），说{H.full}{REL}在{HOSP}查出{H.dx}，需要{H.tx}，{H.ta}家在{ADDR}，希望能申请救助，{R.ta}的手机是{R.phone}。

@a summary_semicolons
情况摘要：申请人{H.full}；{H.age}岁；{H.dx}；{H.tx}；住{ADDR}；{S.rel}{S.full}，{S.phone}；{C.rel}{C.given}，{C.age}岁，{C.school}；{?已纳入低保|未纳入低保|申请特困供养}。

@u lane_elder
{TOWN}{VIL}反映：{UNIT}独自居住的{H.full}，{H.age}岁，{H.dx}，{?老伴去年走了|无子女|儿子在外地}。社区每周派人上门。{H.ta}的QQ号{H.qq}是{?亲戚家孩子|邻居家孩子}帮注册的。{FILL}

@a hotline_summary
来电摘要：{H.full}（{H.phone}）反映{H.ta}{C.rel}{C.full}患{C.dx}，在{BIGC}{C.tx}，{?费用已超|自付部分约}{AMT}。诉求：申请大病救助。

@r dialect_child
{GROUP}{H.title}家，就是{H.full}他们屋，{H.ta}{C.rel}{C.nick}得的是{C.dx}，{?县里|市里}的医生{D.full}说要到{BIGC}去{C.tx}。屋里就靠{H.ta}喂{?几头猪|几只羊|一头牛}。

@a disability_case
{H.full}，{H.sex}，持{?二级|一级|三级|四级}{?肢体|视力|精神|智力|听力|言语}残疾证，证号{H.cjz}，{H.dx}，{H.tx}。住{ADDR}，{?一个人生活|和老母亲一起生活}。{FILL}

@r grid_report_landmark
网格员{W.full}报：{TOWN}{VIL}有一户困难户，户主{H.full}，住在{LANDMARK}。{H.ta}{S.rel}{S.given}{DATE}做了{S.tx}，{H.ta}自己{H.dx}。两口子{?常年|长年}吃药。{FILL}

@a members_births
家庭成员：{H.full}（{H.birth}生）、{S.full}（{S.birth}生）、{C.full}（{C.birth}生）。{H.full}患{H.dx}，{S.full}{?在家照顾|外出务工}。住址：{ADDR}。

@a interview
问：你叫什么名字？
答：{H.full}。
问：身份证号？
答：{H.id}。
问：家里几口人？
答：{?四|五|三}口。我、{S.rel}{S.given}、{C.rel}{C.nick}，还有{P.rel}。
问：什么时候得的病？
答：{DATE}查出来的，{H.dx}。
问：现在怎么治？
答：{H.tx}。

@a disbursement
拨付通知：{H.full}，{?临时救助金|大病救助金}{AMT}，收款账户{H.card}（{?农业银行|邮储银行|农村信用社}），于{DATE}{?拨付|到账}。经办：{W.full}。

@a doctor_given
{H.full}说，管{H.ta}{S.rel}的是{D.given}医生，{?人挺好|很负责}。{S.given}的病是{S.dx}，{S.tx}{?已经|差不多}做了{?三|四|六}次了。{H.ta}小名叫{H.nick}，村里人都这么叫。

@u community_table
姓名：{H.full}；性别：{H.sex}；民族：汉；出生：{H.birth}；住址：{TOWN}{VIL}{UNIT}；工作单位：{H.work}；微信：{H.wx}；邮箱：{H.mail}；诉求：{C.rel}{C.dx}治疗费用。

@a teacher_child
{T.full}老师说{C.given}在班上{?很乖|挺内向|成绩不错}，就是{C.dx}，{C.tx}。{?孩子妈妈|孩子爸爸}{H.given}{?在外地打工|身体也不好}，孩子平时住{P.rel}家，{LANDMARK}。

@a wechat_mention
@{W.given} 麻烦看下这户🙏 {H.full} {H.phone} {ADDR} {H.dx}，{REL}刚出院

@a mailbox_letter
书记信箱来信
来信人：{H.full}　身份证：{H.id}　电话：{H.phone}
来信内容：我家住{COUNTY}{ADDR}。我{C.rel}{C.full}，{C.school}学生，{DATE}查出{C.dx}，{C.tx}。学校{T.given}老师组织了捐款，{FILL}希望能给予救助。

@a elder_care
{P.full}，{P.age}岁，{P.dx}，{P.tx}。由{H.full}陪护，住{HOSP}{?老年科|康复科}。{REL}{P.ta}还认得人。{FILL}

@a followup_call
回访：{DATE}电话回访{H.full}（{H.phone}），{S.rel}{S.tx}顺利，{?已出院|还在住院}。{H.ta}说{?很感谢|谢谢政府}。

@a breathless_hotline
对对对就是我我叫{H.full}{H.age}了{ADDR}的我那个{S.rel}{S.full}{S.dx}现在每个月光药钱就{AMT}我{C.rel}{C.nick}还在读书我这个电话{H.phone}你记一下

@r neighbour_nickname
{N.nick}（{N.full}）也是{GROUP}的，跟{H.full}家是{?对门|隔壁|前后院}。{N.ta}说{H.full}{REL}又犯病了，{H.dx}，{H.ta}{S.rel}{S.nick}一个人忙不过来。{N.ta}自己也是{N.dx}，住{NADDR}。

@u downstairs
{VIL}{UNIT}，{H.full}，{H.dx}，{H.tx}，{C.rel}{C.full}在{C.school}。楼下{N.title}说{H.ta}{?好久没下楼了|天天往医院跑}。{N.title}电话{N.phone}。

@a relative_driver
{R.full}开{?货车|网约车}的，车牌{R.plate}，在{R.work}干活，{R.ta}说{H.full}的医药费{R.ta}垫了{AMT}。{H.full}现在{H.dx}，{H.tx}。

@a formal_check
{DATE}，{W.full}对{H.full}（身份证号码：{H.id}）家庭进行入户核查。该户现居住地址为{ADDR}，家庭成员{?3|4}人，{H.full}患{H.dx}，{S.full}患{S.dx}。{FILL}

@a anonymous_source
据{O.mou}反映，{H.full}家{REL}又出事了：{C.rel}{C.given}{C.dx}复发，{C.tx}。{O.mou}说这事{G.title}也知道。{H.ta}的电话{H.phone}。

@r village_doctor
村医{D.full}说，{H.full}（小名{H.nick}）{MONTH}在{HOSP}确诊{H.dx}，回来后一直在家，{?吃药也不规律|不肯去复查}。住{VIL}{GROUP}，{H.ta}{S.rel}{S.given}{?在镇上打零工|腿脚不好}。

@a handover_note
交接：
1. {H.full}户（{ADDR}）——{H.dx}，{DATE}复查，电话{H.phone}；
2. {H.ta}{P.rel}{P.full}——{P.dx}，{P.tx}；
3. 低保证号{H.dbz}，{?下月|年底}到期复核。
交接人：{W.full}→{G.full}

@a wechat_thanks
谢谢{W.given}{EMO}！{H.full}家的钱{DATE}已经到账了，{H.ta}{S.rel}{S.tx}{?做完了|做上了}，一家人都{?很高兴|挺高兴的}。{H.ta}说等身体好点请你来家里吃饭{EMO}

@r winter_survey
冬季走访台账：{VIL}｜{H.full}｜{H.age}岁｜{H.dx}｜{?取暖煤已发放|缺棉被|需要修缮}｜走访人：{G.title}、{W.given}｜{DATE}

@a school_aid
{C.school}{C.full}，{C.sex}，{C.age}岁，身份证{C.id}。{C.prel}{H.given}{H.dx}，{S.rel}{?离家出走|外出务工联系不上}。班主任{T.given}老师申请资助，联系电话{T.phone}。

@u estate_dispute
物业{O.title}说{UNIT}的{H.full}已经{?半年|一年多}没交物业费了，上门才知道{H.ta}{H.dx}，{H.tx}。{H.ta}{R.rel}{R.given}在{R.work}做服务员，一个月三千来块。{FILL}

@a qq_message
QQ留言（{H.qq}）：你好，我是{H.full}，{H.ta}的{?儿子|女儿}叫{C.full}，得了{C.dx}，{DATE}要去{BIGC}{C.tx}，想问问能不能报销。我的手机号{H.phone}。
"""


def parse_templates(text: str) -> list[tuple[str, str, str]]:
    templates: list[tuple[str, str, str]] = []
    for chunk in re.split(r"^@(?=[aru] \w+$)", text, flags=re.MULTILINE)[1:]:
        head, _, body = chunk.partition("\n")
        setting, name = head.split()
        templates.append((setting, name, body.strip("\n")))
    return templates


TEMPLATES = parse_templates(TEMPLATES_TEXT)


def traditional(text: str) -> str:
    return "".join(TRADITIONAL.get(c, c) for c in text)


def narrative(rng: random.Random) -> Narrative:
    setting, name, template = rng.choice(TEMPLATES)
    urban = setting == "u" or (setting == "a" and rng.random() < 0.3)
    home = Household(rng, urban)
    b = Builder()
    renderer = Renderer(rng, home, b)
    renderer.render(template)
    names = [name]
    if rng.random() < 0.15:  # a follow-up note from another source, appended
        extra_setting, extra_name, extra = rng.choice(TEMPLATES)
        while extra_setting not in ("a", "u" if urban else "r"):
            extra_setting, extra_name, extra = rng.choice(TEMPLATES)
        b.text(rng.choice(("\n补充：", "\n\n", "\n——\n")))
        renderer.render(extra)
        names.append(extra_name)
    text, labels = b.done()
    if rng.random() < 0.05:
        text = traditional(text)
    return Narrative(text, labels, home.known(), tuple(names))


def generate(count: int = 300, seed: int = 20260301) -> list[Narrative]:
    """``count`` labelled narratives, the same for the same seed."""
    rng = random.Random(seed)
    return [narrative(rng) for _ in range(count)]
