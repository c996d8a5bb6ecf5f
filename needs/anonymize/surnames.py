"""Chinese surnames, for finding names nobody recorded.

The single surnames of the 百家姓 and the common ones it lacks (肖, 闫, 付, 覃, 仝...), in
simplified and, for the common ones, traditional form. Compound surnames are in ``known``
(``COMPOUND_SURNAMES``). A surname alone proves nothing (高, 于, 和, 平 are everyday words),
so ``names`` only reads one as a name with the words case notes put around names.
"""

from __future__ import annotations

# fmt: off
SINGLE_SURNAMES = frozenset(
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛"
    "奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康"
    "伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵"
    "席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗"
    "丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲封芮羿储靳汲邴糜松井段富巫"
    "乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄"
    "印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂"
    "濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘"
    "匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相"
    "查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦归海岳帅缑亢况郈有琴商牟佘佴伯赏墨哈谯笪年爱阳佟"
    "肖付覃仝揭仉迟展操植粟麦练兰谌战门代但过卿母郇郄原初线续折库赫智藏蔡练旷尧隋铁兆才邸栗"
    "喻眭冼庹苟尉邝甫鲜檀来菅渠姒耿荣芦矫郗禚颉蹇逢冶骞虎蒿伞綦修浩琚雒亓宰邱麴笱达嵩秘区"
    "敬靖衣律扬凃揣撒哈海木央但宣种舍禤戚贲蔚邛郎妙琚嘉"
    # traditional forms of common surnames
    "趙錢孫陳張楊劉吳黃鄭馮葉蔣謝韓許蕭羅鄧馬龍盧賴鍾範譚湯魏顏傅"
)
# fmt: on

# Every compound surname, for finding names. ``known.COMPOUND_SURNAMES`` is the smaller set
# that masking trusts to keep whole (梁丘英 may be 梁 + 丘英, so it is masked 梁某); finding
# a name must not stop short, so here every compound counts.
# fmt: off
ALL_COMPOUND_SURNAMES = frozenset({
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "令狐", "夏侯", "太史", "端木", "独孤", "南宫", "万俟", "澹台", "赫连", "濮阳", "公冶", "公羊",
    "太叔", "仲孙", "鲜于", "司空", "闾丘", "轩辕", "拓跋", "呼延", "西门", "第五", "梁丘", "左丘",
    "宗政", "钟离", "段干", "乐正", "申屠", "子车", "亓官", "单于", "东郭", "南门", "羊舌", "微生",
    "公良", "漆雕", "壤驷", "宰父", "谷梁", "夹谷", "百里", "东门", "公西", "颛孙", "巫马", "公户",
    "仉督", "司寇", "淳于", "闻人", "归海", "公伯", "公门", "公山", "公坚", "左人", "南郭",
    "北宫", "西郭", "钟吾", "哥舒", "完颜", "爱新觉罗", "叶赫那拉", "纳兰", "耶律",
    "歐陽", "司馬", "諸葛", "東方", "尉遲", "公孫", "長孫", "軒轅", "獨孤", "單于", "鍾離",
})
# fmt: on
