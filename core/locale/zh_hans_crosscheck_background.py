"""Chinese for the background data cross-check import (its progress and stopped imports) and
the caller's details masked in a public Need (merged by translate_zh_hans.py)."""

ZH = {
    # the import's status and why it stopped
    "stopped": "已中断",
    "why the import stopped": "导入中断原因",
    "rows expected": "预计行数",
    "This is not the file this import was started with.": "这不是开始本次导入时上传的文件。",
    "The import stopped because of an error; upload the file again to resume.": "导入因出错而中断；请重新上传该文件以继续导入。",
    "The import could not be started; upload the file again.": "导入未能开始；请重新上传该文件。",
    "The list is being imported; this page shows how far it has got.": "名单正在导入，本页显示导入进度。",
    "The file is imported in the background and deleted when its import ends: only its fingerprint and the import's report are stored. The same file imported again changes nothing.": "文件在后台导入，导入结束后即删除：只保留其内容指纹和导入报告。同一文件再次导入不会产生任何变化。",
    # the report's progress
    "Import in progress": "正在导入",
    "Rows read so far": "已读取行数",
    "Importing": "导入中",
    "%(read)s of about %(expected)s rows read (%(percent)s%%).": "已读取 %(read)s 行，共约 %(expected)s 行（%(percent)s%%）。",
    "%(read)s rows read so far.": "已读取 %(read)s 行。",
    "This page refreshes itself every few seconds until the import ends.": "导入结束前，本页每隔几秒自动刷新。",
    "Stop refreshing": "停止自动刷新",
    "Refresh to see how far it has got": "刷新查看导入进度",
    "The import stopped:": "导入已中断：",
    "Upload the same file again to resume after row %(done)s; the rows already imported are kept.": "重新上传同一文件即可从第 %(done)s 行之后继续导入；已导入的行将保留。",
}
