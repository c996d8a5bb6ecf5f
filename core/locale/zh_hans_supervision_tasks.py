"""Chinese for the supervision-task screens of the data cross-check (督办), the periodic
reminders beyond case deadlines (hotline time limits, overdue supervision tasks, routine
visits due) and the dashboard's drill-down (merged by translate_zh_hans.py)."""

ZH = {
    # supervision-task screens
    "Supervision tasks": "督办任务",
    "Filter supervision tasks": "筛选督办任务",
    "No supervision tasks.": "暂无督办任务。",
    "Back to the supervision tasks": "返回督办任务",
    "supervision task status\x04open": "未办结",
    "Record the task done": "登记督办任务办结",
    "The policy has now reached the household.": "政策已落实到该家庭。",
    "Done": "办结",
    "what was done": "落实情况",
    "Only caseworkers and supervisors record supervision tasks done.": "只有经办人员和督查人员可以登记督办任务办结。",
    "The supervision task is done.": "督办任务已办结。",
    # periodic reminders beyond a case's deadlines
    "Hotline call %(id)s: the call-back was due by %(due)s.": "热线来电 %(id)s：应于 %(due)s 前回电，现已逾期。",
    "Hotline call %(id)s: call back by %(due)s.": "热线来电 %(id)s：请于 %(due)s 前回电。",
    "Hotline call %(id)s: the result was due by %(due)s.": "热线来电 %(id)s：应于 %(due)s 前办结，现已逾期。",
    "Hotline call %(id)s: a result is due by %(due)s.": "热线来电 %(id)s：请于 %(due)s 前办结。",
    "Supervision task %(id)s was due on %(due)s and is not done.": "督办任务 %(id)s 应于 %(due)s 办结，至今未办结。",
    "Supervision task %(id)s was due on %(due)s and is not done; it was escalated to you.": (
        "督办任务 %(id)s 应于 %(due)s 办结，至今未办结，已上报给您。"
    ),
    "%(office)s: %(count)s routine visits are past due.": "%(office)s：有 %(count)s 户必到必访已逾期。",
    # the dashboard's drill-down: referrals and risk warnings of its period
    "sent from": "发送日期自",
    "sent until": "发送日期至",
    "raised from": "预警日期自",
    "raised until": "预警日期至",
    "Audit trail for an inspection": "个案审计记录（供检查用）",
}
