"""Wagtail's keyboard-shortcuts dialog, in every admin page, reads in Chinese on a zh-hans
screen: its zh_Hans catalogue leaves most of it in English, so the project's catalogue (read
first, LOCALE_PATHS) supplies the rest (core/wagtail_msgids.py)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

CHINESE = [
    "键盘快捷键",
    "通用",
    "显示键盘快捷键",
    "显示或隐藏页面导图",
    "关闭对话框（如本对话框）",
    "保存更改",
    "文本编辑",
    "剪切",
    "粘贴",
    "粘贴为纯文本",
    "重做",
    "文本格式",
    "插入或编辑链接",
    "等宽（代码）",
    "删除线",
    "键盘快捷键目前已启用",
    "账户设置",
]
ENGLISH = [
    "Show keyboard shortcuts",
    "Toggle minimap",
    "Close modal dialogs",
    "Save changes",
    "Text editing",
    "Paste without formatting",
    "Insert or edit a link",
    "Monospace (code)",
    "Strike-through",
    "currently enabled",
    "Section",
]


def _dialog(html: str) -> str:
    start = html.index('id="keyboard-shortcuts-dialog"')
    return html[start : html.index("</table>", start) + 2000]


def test_the_shortcuts_dialog_speaks_chinese_on_a_zh_hans_admin_page(admin_client):
    dialog = _dialog(admin_client.get("/admin/").content.decode())

    missing = [text for text in CHINESE if text not in dialog]
    left = [text for text in ENGLISH if text in dialog]
    assert missing == [] and left == []
    # Key labels stay as printed on the keys.
    assert "Ctrl + s" in dialog


def test_the_shortcuts_dialog_stays_english_for_an_english_reader(admin_client):
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    dialog = _dialog(page)

    assert "Save changes" in dialog and "Toggle minimap" in dialog
    assert not re.search(r"保存更改|文本编辑", dialog)
