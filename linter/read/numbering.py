"""Numbering at the start of a title or label: 一、 （一） 1. 1、 ① 第一部分."""

from __future__ import annotations

import re

NUMERALS = "一二三四五六七八九十"
_NUMBERED_RE = re.compile(
    rf"^\s*(?:第[{NUMERALS}]+部分|[{NUMERALS}]{{1,3}}\s*[、.．]|[（(]\s*[{NUMERALS}]{{1,3}}\s*[）)]"
    r"|\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[）)]|[\u2460-\u2473])")
_TITLE_RE = re.compile(rf"^\s*(?:第[{NUMERALS}]+部分|[{NUMERALS}]{{1,3}}\s*[、.．]|附件|附表)")
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def starts_numbered(text: str) -> bool:
    return bool(_NUMBERED_RE.match(text))


def is_heading(text: str) -> bool:
    """A short numbered title such as ``三、收到和处理政府信息公开申请情况`` (no sentence in it)."""
    text = text.strip()
    return bool(_NUMBERED_RE.match(text)) and len(text) <= 40 and not _SENTENCE_END.search(text)


def is_part_title(text: str) -> bool:
    """A title of the report's own outline (一、 第一部分 附件), not of an item within a part."""
    return bool(_TITLE_RE.match(text)) and len(text.strip()) <= 40 and not _SENTENCE_END.search(text)
