"""Chinese for issue 19 item 8, joint meetings (救急难工作联席会议, 会商, seeds 000 and 001), and
the notifications of petitions and surveys (merged by translate_zh_hans.py)."""

ZH = {
    # models
    "joint-meeting mechanism": "联席会议制度",
    "joint-meeting mechanisms": "联席会议制度",
    "convening office": "召集单位",
    "member unit": "成员单位",
    "member units": "成员单位",
    "Member units": "成员单位",
    "contact person": "联络员",
    "added at": "加入时间",
    "joint meeting": "联席会议",
    "joint meetings": "联席会议",
    "Joint meetings": "联席会议",
    "held at": "召开时间",
    "place": "地点",
    "agenda": "议题",
    "convened": "已召集",
    "convened at": "召集时间",
    "closing summary": "办结小结",
    "will attend": "参会",
    "cannot attend": "不能参会",
    "present": "出席",
    "absent": "缺席",
    "attendance": "出席情况",
    "invitation": "参会通知",
    "invitations": "参会通知",
    "decisions": "会商意见",
    "follow-up task": "落实事项",
    "follow-up tasks": "落实事项",
    "what to do": "落实内容",
    "units present": "出席单位",
    "open tasks": "未办结事项",
    "situation": "困难情况",
    "invitation\x04not answered": "未回复",
    "follow-up task\x04open": "待办结",
    "follow-up task\x04done": "已办结",
    # notifications
    "%(office)s invites your unit to the joint meeting “%(title)s” at %(when)s, %(place)s.": (
        "%(office)s邀请贵单位于 %(when)s 在%(place)s参加联席会议“%(title)s”。"
    ),
    "Joint meeting “%(title)s”: a follow-up task for your unit is due on %(due)s.": (
        "联席会议“%(title)s”：贵单位有一项落实事项，须于 %(due)s 前办结。"
    ),
    "Joint meeting “%(title)s”: %(unit)s has done its follow-up task.": (
        "联席会议“%(title)s”：%(unit)s已办结其落实事项。"
    ),
    "Joint meeting “%(title)s”: the follow-up task of %(unit)s was due on %(due)s.": (
        "联席会议“%(title)s”：%(unit)s的落实事项已于 %(due)s 到期，尚未办结。"
    ),
    "Petition %(id)s was registered for %(office)s: decide on its acceptance by %(due)s.": (
        "%(office)s新登记信访事项 %(id)s，请于 %(due)s 前决定是否受理。"
    ),
    "Petition %(id)s: acceptance was to be decided by %(due)s.": (
        "信访事项 %(id)s：应于 %(due)s 前决定是否受理，已逾期。"
    ),
    "Petition %(id)s: decide on its acceptance by %(due)s.": (
        "信访事项 %(id)s：请于 %(due)s 前决定是否受理。"
    ),
    "Petition %(id)s: the reply was due by %(due)s.": (
        "信访事项 %(id)s：应于 %(due)s 前答复，已逾期。"
    ),
    "Petition %(id)s: reply to the petitioner by %(due)s.": (
        "信访事项 %(id)s：请于 %(due)s 前答复信访人。"
    ),
    "Concentrated survey “%(survey)s”: %(count)s visits are assigned to you, by %(end)s.": (
        "集中排查“%(survey)s”：分派给您 %(count)s 项走访，须于 %(end)s 前完成。"
    ),
    # services
    "Only the staff of the convening office do this.": "只有召集单位的工作人员可以办理。",
    "This meeting is closed.": "本次会议已办结。",
    "Only the supervisors of the convening office do this.": "只有召集单位的督查人员可以办理。",
    "At most 200 characters.": "最多 200 个字符。",
    "Only a government office convenes joint meetings.": "只有政府部门可以召集联席会议。",
    "This office already has a joint-meeting mechanism.": "该单位已建立联席会议制度。",
    "%(unit)s is not a department in your jurisdiction.": "%(unit)s不是您辖区内的职能部门。",
    "%(unit)s is already a member unit.": "%(unit)s已是成员单位。",
    "The contact person must be staff of the member unit.": "联络员须为该成员单位的工作人员。",
    "%(units)s are not member units.": "%(units)s不是成员单位。",
    "Invite at least one member unit.": "请至少邀请一个成员单位。",
    "Only the staff of the invited unit answer its invitation.": (
        "只有受邀单位的工作人员可以回复参会通知。"
    ),
    "This invitation has already been answered.": "该参会通知已回复。",
    "The meeting has not been held yet.": "会议尚未召开。",
    "Only invited units can be present.": "只有受邀单位可以记为出席。",
    "This case is not on the meeting's agenda.": "该个案不在本次会议的议题中。",
    "%(unit)s was not invited to this meeting.": "%(unit)s未受邀参加本次会议。",
    "Only the staff of the unit the task is assigned to do this.": (
        "只有承办该事项的单位的工作人员可以办理。"
    ),
    "This task is already done.": "该事项已办结。",
    "Say what was done.": "请说明办理情况。",
    "Record the meeting's decisions before closing it.": "请先记录会商意见，再办结会议。",
    "%(count)s follow-up tasks are not done yet.": "还有 %(count)s 项落实事项未办结。",
    # screens
    "Joint-meeting follow-up tasks overdue": "联席会议逾期未办结事项",
    "Tasks the joint meetings assigned to member units, past their deadline and not done.": (
        "联席会议交办给成员单位、已过期限仍未办结的事项。"
    ),
    "Tasks overdue: %(count)s": "逾期事项：%(count)s 项",
    "due on %(due)s": "期限 %(due)s",
    "Convene a joint meeting": "召集联席会议",
    "Back to the joint meetings": "返回联席会议列表",
    "Convene and invite the member units": "召集并通知成员单位",
    "Your office has no joint-meeting mechanism yet: its supervisors set it up with its member units.": (
        "贵单位尚未建立联席会议制度：由督查人员建立并添加成员单位。"
    ),
    "No cases on the agenda.": "本次会议未列入个案。",
    "Member units invited": "受邀成员单位",
    "Answer the invitation": "回复参会通知",
    "Record attendance": "记录出席情况",
    "Decisions": "会商意见",
    "No decisions recorded yet.": "尚未记录会商意见。",
    "Record a decision": "记录会商意见",
    "Follow-up tasks": "落实事项",
    "Mark done": "标记办结",
    "No follow-up tasks.": "暂无落实事项。",
    "Assign a follow-up task": "交办落实事项",
    "Close the meeting": "办结会议",
    "Joint-meeting member units": "联席会议成员单位",
    "Set up a joint-meeting mechanism": "建立联席会议制度",
    "No member units yet.": "尚无成员单位。",
    "Add a member unit": "添加成员单位",
    "No joint-meeting mechanism you may see.": "没有您可查看的联席会议制度。",
    "Joint-meeting invitations to answer": "待回复的联席会议通知",
    "%(unit)s · %(place)s": "%(unit)s · %(place)s",
    "Joint-meeting follow-up tasks": "联席会议落实事项",
    "The meeting was convened; the member units are invited.": "会议已召集，已通知各成员单位。",
    "Only cases of your jurisdiction; departments read them without personal data.": (
        "仅限您辖区内的个案；成员单位看到的个案不含个人信息。"
    ),
}
