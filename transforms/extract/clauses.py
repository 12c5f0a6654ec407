"""Clauses and sentences: the span of text around a figure that its evidence, subject and indicator are read from."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

CLAUSE_BREAK = ",，;；。!！?？\n:："
SENTENCE_BREAK = "。!！?？;；\n"
# A clause reaches at most this far on each side: in a page with no punctuation every figure would otherwise
# search the whole text, and its evidence would be the whole text.
CLAUSE_REACH = 300


@lru_cache(maxsize=None)
def _break_pattern(breaks: str) -> re.Pattern:
    return re.compile("[" + re.escape(breaks) + "]")


@lru_cache(maxsize=16)
def _breaks(text: str, breaks: str) -> list[int]:
    """Where the text breaks, in order: found once per document, looked up for each of its figures."""
    return [m.start() for m in _break_pattern(breaks).finditer(text)]


# Finding figures, choosing their indicators and reading their periods and roles each ask for the same figures' spans.
@lru_cache(maxsize=1024)
def clause_span(text: str, start: int, end: int, breaks: str = CLAUSE_BREAK) -> tuple[int, int]:
    """The clause (or, with SENTENCE_BREAK, the sentence) around text[start:end], at most CLAUSE_REACH beyond it."""
    floor, ceiling = max(0, start - CLAUSE_REACH), min(len(text), end + CLAUSE_REACH)
    at = _breaks(text, breaks)
    before = bisect_left(at, start) - 1
    after = bisect_left(at, end)
    left = at[before] + 1 if before >= 0 and at[before] >= floor else floor
    right = at[after] if after < len(at) and at[after] < ceiling else ceiling
    return left, right
