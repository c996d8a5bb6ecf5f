"""Chinese for imports whose background worker died: resumed from their progress or stopped
(issue 16, item 4; merged by translate_zh_hans.py)."""

ZH = {
    "files waiting": "待导入文件",
    "worker": "导入进程",
    "lease expires at": "占用到期时间",
    "resumed after a worker stopped": "进程中断后续导次数",
    "The background worker importing this list stopped (%(why)s).": "负责导入该名单的后台进程已中断（%(why)s）。",
    "its file is no longer there": "上传的文件已不在",
    "it was resumed %(count)s times and stopped again": "已自动续导 %(count)s 次，仍再次中断",
    "The uploaded file is no longer there; upload the file again to resume.": "上传的文件已不在；请重新上传该文件以继续导入。",
    "The background worker importing this list stopped; the import was resumed where it had got to, and no row was imported twice.": "负责导入该名单的后台进程曾中断；导入已从中断处自动继续，没有任何一行被重复导入。",
}
