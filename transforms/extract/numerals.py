"""Parse numbers as written in Chinese reports: Arabic (with thousands commas), Chinese numerals, 万/亿."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_SMALL) + "".join(_LARGE)
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7, "十万": 1e5, "万亿": 1e12}


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral such as 三百二十五, 两万, 十二; None for digit strings like 一二三."""
    if not text:
        return None
    total = 0
    section = 0
    number: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if number is not None:
                return None  # two digits in a row: a list (一二三产业) or a year (二〇二一), not a quantity
            number = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if number is None else number) * _SMALL[ch]
            number = None
        elif ch in _LARGE:
            section += number or 0
            if section == 0 and total == 0:
                return None
            if ch == "亿":
                total = (total + section) * _LARGE[ch]
            else:
                total += section * _LARGE[ch]
            section = 0
            number = None
        else:
            return None
    return float(total + section + (number or 0))


def parse_arabic(text: str) -> float:
    return float(text.replace(",", ""))


def parse_number(text: str) -> float | None:
    if text[:1].isdigit():
        return parse_arabic(text)
    return parse_chinese(text)
