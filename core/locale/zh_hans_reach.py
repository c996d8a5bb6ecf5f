"""Chinese for the helper "reach": the English name of a township or village corrected on
screen (must be Latin letters), and Wagtail's keyboard-shortcuts dialog (merged by
translate_zh_hans.py)."""

ZH = {
    "Write the English name in Latin letters (pinyin).": "请用拉丁字母（拼音）填写英文名称。",
    "Shown on the English pages; in Latin letters (pinyin).": "在英文页面上显示，请用拉丁字母（拼音）填写。",
    # The project page's money: the help its families got from special funds
    "Committed to families from the project's money": "本项目资金已承诺资助",
    "Paid to families from the project's money": "本项目资金已支付给受助家庭",
    "Of which help committed from special funds": "其中资助来自专项基金（已承诺）",
    "Of which help paid from special funds": "其中资助来自专项基金（已支付）",
    "Some of the project's families were helped from special funds' accounts: that money is counted in the funds' statements, not in the project's own money above.": "本项目帮扶的部分家庭由专项基金账户资助：这部分资金计入相应基金的收支明细，不计入上面本项目自有资金的数字。",
    # Wagtail's keyboard-shortcuts dialog (core/wagtail_msgids.py)
    "account": "账户设置",
    "Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them.": "键盘快捷键目前已停用；可在%(account_link)s中启用。",
    "Keyboard shortcuts are currently enabled; manage your %(account_link)s to disable them.": "键盘快捷键目前已启用；可在%(account_link)s中停用。",
    "Section": "类别",
    "Application": "通用",
    "Show keyboard shortcuts": "显示键盘快捷键",
    "Toggle minimap": "显示或隐藏页面导图",
    "Close modal dialogs (like this one)": "关闭对话框（如本对话框）",
    "Save changes": "保存更改",
    "Add or show comments": "添加或显示批注",
    "Text editing": "文本编辑",
    "Cut": "剪切",
    "Paste": "粘贴",
    "Paste and match style": "粘贴并匹配样式",
    "Paste without formatting": "粘贴为纯文本",
    "Redo": "重做",
    "Text formatting": "文本格式",
    "Insert or edit a link": "插入或编辑链接",
    "Monospace (code)": "等宽（代码）",
    "Strike-through": "删除线",
}
