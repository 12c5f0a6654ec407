"""Clauses and sentences: the span of text around a figure that its evidence, subject and indicator are read from."""

from __future__ import annotations

import re
from functools import lru_cache

CLAUSE_BREAK = ",，;；。!！?？\n:："
SENTENCE_BREAK = "。!！?？;；\n"
# A clause reaches at most this far on each side: in a page with no punctuation every figure would otherwise
# search the whole text, and its evidence would be the whole text.
CLAUSE_REACH = 300


@lru_cache(maxsize=None)
def _break_patterns(breaks: str) -> tuple[re.Pattern, re.Pattern]:
    """Patterns for the last break before a position (greedy up to it) and the first break after one."""
    marks = "[" + re.escape(breaks) + "]"
    return re.compile(f"(?s).*{marks}"), re.compile(marks)


def clause_span(text: str, start: int, end: int, breaks: str = CLAUSE_BREAK) -> tuple[int, int]:
    """The clause (or, with SENTENCE_BREAK, the sentence) around text[start:end], at most CLAUSE_REACH beyond it."""
    floor, ceiling = max(0, start - CLAUSE_REACH), min(len(text), end + CLAUSE_REACH)
    last, first = _break_patterns(breaks)
    left = last.match(text, floor, start)
    right = first.search(text, end, ceiling)
    return (left.end() if left else floor), (right.start() if right else ceiling)
