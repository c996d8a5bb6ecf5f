"""Chinese for issue 18's leftover: region names in English (Region.name_en) and the office's
correction of a township's or village's English name (merged by translate_zh_hans.py)."""

ZH = {
    "English name": "英文名称",
    "The English names of provinces, cities and counties come from the national list; only a township's or a village's may be changed.": "省、市、县的英文名称来自全国区划名录；只能修改乡镇（街道）或村（社区）的英文名称。",
}
