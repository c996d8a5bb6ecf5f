"""A label and its value are joined by the language's colon: "社会救助热线：12349" in Chinese
(a full-width colon, no space), "Social assistance hotline: 12349" in English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_chinese_pages_use_the_full_width_colon(client):
    html = client.get("/track/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "社会救助热线：<a" in html
    assert "社会救助热线:" not in html


def test_english_pages_keep_colon_and_space(client):
    html = client.get("/track/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Social assistance hotline: <a" in html
