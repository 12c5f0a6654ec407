"""The period a figure covers: a level at a point (stock), a year's work (flow), a span (cumulative) or a plan (target),
with its years, read from the clause, then the sentence, then the paragraph, then the document's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.extract.clauses import CLAUSE_BREAK, SENTENCE_BREAK, clause_span

STOCK, FLOW, CUMULATIVE, TARGET = "stock", "flow", "cumulative", "target"
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_TARGET = re.compile(r"力争|计划|目标|预计|拟|争取到|将(?:于|在|再)|确保")
_BY_YEAR = re.compile(r"到((?:19|20)\d{2})年")  # 到2025年: a plan when the year is still to come
# A span over years: since a year (2018年以来), the last N years (近三年来), one after another (先后), in all (累计).
_SINCE_YEAR = re.compile(r"((?:19|20)\d{2})年(?:以来|来|至今)")
_LAST_YEARS = re.compile(r"近?([一二两三四五六七八九十\d]{1,2})年(?:来|以来|间)")
_CUMULATIVE = re.compile(r"累计|(?<!今年)(?<!本年)(?<!当年)以来|近年来|先后|历年|多年来|至今")
_STOCK = re.compile(r"现有|共有|拥有|现辖|辖|目前|截至|截止|总数|全[县市省乡镇村]有")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*(?:—|-|~|至|到)\s*((?:19|20)\d{2})年")
# Not a year compared with (是2020年的2.5倍, 比2020年增加) nor a dateline's (2023年5月6日讯).
_YEAR = re.compile(r"(?<![\d比较与是])((?:19|20)\d{2})年(?!的|相比|同期|\d{1,2}月\d{1,2}日[^，。；,;]{0,4}(?:电|讯))")
_RELATIVE = {"今年": 0, "本年": 0, "全年": 0, "当年": 0, "去年": -1, "上年": -1, "上一年": -1, "上年度": -1, "前年": -2, "明年": 1}
_RELATIVE_YEAR = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
_PARAGRAPH_BREAK = "\n"
_SENTENCE_OPEN = re.compile(r"(?:^|(?<=[。！？!?；;\n]))\s*", re.M)
_OPENING_YEAR = re.compile(r"(?:截至|截止|在|自)?(?:(?:19|20)\d{2}年|今年|去年|上年度?|前年)")


@dataclass(frozen=True)
class Period:
    kind: str
    start_year: int | None
    end_year: int | None


def _count(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1], 0)
    if len(text) == 2 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10
    return None


def _years(text: str, doc_year: int | None) -> tuple[int | None, int | None] | None:
    """The years a stretch of text names, nearest its end first: a range, a year, or a year relative to the document's."""
    if "年" not in text:  # every way of naming a year does
        return None
    found: list[tuple[int, tuple[int | None, int | None]]] = []
    for m in _YEAR_RANGE.finditer(text):
        found.append((m.end(), (int(m.group(1)), int(m.group(2)))))
    for m in _YEAR.finditer(text):
        if not any(m.start() >= end - 12 and m.end() <= end for end, _ in found):
            found.append((m.end(), (int(m.group(1)), int(m.group(1)))))
    if doc_year is not None:
        for m in _RELATIVE_YEAR.finditer(text):
            year = doc_year + _RELATIVE[m.group()]
            found.append((m.end(), (year, year)))
    if not found:
        return None
    return max(found)[1]


@lru_cache(maxsize=4096)
def _sentence_spans(sentence: str) -> tuple[int | None, str | None, bool]:
    """What of a span the sentence says: the year since (2019年以来), the N of 近N年, and whether it speaks of a span
    at all; kept per sentence, which most of its figures share."""
    since = _SINCE_YEAR.search(sentence)
    last_years = _LAST_YEARS.search(sentence)
    return (
        int(since.group(1)) if since else None,
        last_years.group(1) if last_years else None,
        bool(since or last_years or _CUMULATIVE.search(sentence)),
    )


def period_of(text: str, start: int, end: int, doc_year: int | None) -> Period:
    """The period of the figure at text[start:end] in a document published in doc_year (None when undated)."""
    scopes = [clause_span(text, start, end, CLAUSE_BREAK), clause_span(text, start, end, SENTENCE_BREAK)]
    clause = text[scopes[0][0] : scopes[0][1]]
    sentence = text[scopes[1][0] : scopes[1][1]]
    kind = FLOW
    by = _BY_YEAR.search(clause)
    since, last_years, spans = _sentence_spans(sentence)
    if _TARGET.search(clause) or (by and (doc_year is None or int(by.group(1)) > doc_year)):
        kind = TARGET
    elif spans:
        kind = CUMULATIVE
    elif _STOCK.search(clause):
        kind = STOCK
    # The clause up to the figure, then the rest of it (共培训2300人次(2023年)); the sentence up to the figure; then
    # the years that open the paragraph's sentences before it (2023年，全县…), the nearest: a year inside another
    # sentence dates that one only.
    years = (
        _years(text[scopes[0][0] : end], doc_year)
        or _years(text[end : scopes[0][1]], doc_year)
        or _years(text[scopes[1][0] : end], doc_year)
    )
    if years is None:
        p_start = clause_span(text, start, end, _PARAGRAPH_BREAK)[0]
        openings = _SENTENCE_OPEN.finditer(text, p_start, scopes[1][0]) if "年" in text[p_start:end] else ()
        for m in openings:  # no opening names a year without 年
            if (opening := _OPENING_YEAR.match(text, m.end())) and (found := _years(opening.group(), doc_year)):
                years = found
    first, last = years or (doc_year, doc_year)
    if kind == CUMULATIVE:
        if since is not None:
            first, last = since, doc_year if doc_year and doc_year >= since else last
        elif last_years is not None and (n := _count(last_years)) and doc_year:
            first, last = doc_year - n + 1, doc_year
        elif years is None or first == last:
            first = None  # a span whose start the text does not give
    return Period(kind, first, last)
