"""Chinese for a visit's call for help (走访发现需要立即救助): the office it is sent to, its 待办
item and notification, and marking it dealt with (merged by translate_zh_hans.py)."""

ZH = {
    "office to act on the call for help": "负责处理救助需求的单位",
    "call for help dealt with at": "救助需求处理时间",
    "call for help dealt with by": "救助需求处理人",
    "call for help dealt with": "救助需求已处理",
    "call for help after a visit dealt with": "走访发现的救助需求已处理",
    "This visit did not find that the household needs help now.": (
        "本次走访未发现该户需要立即救助。"
    ),
    "This call for help has already been dealt with.": "该救助需求已处理，无需重复操作。",
    "A case has already been made for this household.": "已为该户立案。",
    "Say what was done for the household.": "请说明为该户做了哪些处理。",
    "Visit %(id)s in %(place)s found a household that needs help now: make a case or say "
    "what was done.": "走访 %(id)s（%(place)s）发现一户需要立即救助：请立案，或说明已做的处理。",
    "needs help now · %(place)s · visited on %(day)s": (
        "需要立即救助 · %(place)s · 走访于 %(day)s"
    ),
    "Households found needing help now": "走访发现需要立即救助的家庭",
    "How the household was helped without a case made here: helped at once, referred to "
    "another office, a case already open elsewhere...": (
        "未在此立案时，说明如何帮助了该户：当场救助、转交其他单位、已在别处立案等。"
    ),
    "Mark the call for help dealt with": "标记救助需求已处理",
    "Mark dealt with": "标记为已处理",
    "The visit found that the household needs help now. Make a case for it, or say here what "
    "was done: the visit then leaves the 待办.": (
        "本次走访发现该户需要立即救助。请为其立案，或在此说明已做的处理：之后该走访将移出待办。"
    ),
    "The call for help is marked dealt with.": "已标记救助需求为已处理。",
    "waiting for %(office)s to act": "待%(office)s处理",
}
