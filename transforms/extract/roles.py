"""The role a figure plays among the others of its document, and whether adding it to others can make sense.

total: a figure in its own right. part: 其中…, or the items of 分别 after a stated total. rate: per person, village,
month or year (每村每年6万元, 人均). before / after: 从6万元增加至11万元. change: an increase or decrease. share: a
percentage, 成 or multiple. threshold: the bound that defines a counted group (10万元以上的村). restatement: the same
value, unit and indicator said again.
"""

from __future__ import annotations

import re

from transforms.extract.clauses import SENTENCE_BREAK, clause_span
from transforms.records import Figure

TOTAL, PART, RATE, BEFORE, AFTER, CHANGE, SHARE, THRESHOLD, RESTATEMENT = (
    "total", "part", "rate", "before", "after", "change", "share", "threshold", "restatement",
)
ROLES = (TOTAL, PART, RATE, BEFORE, AFTER, CHANGE, SHARE, THRESHOLD, RESTATEMENT)
_SUMMABLE_KINDS = ("count", "money", "area", "production")

_FROM = re.compile(r"(?:从|由)[^，。；,;\d]{0,8}$")
_TO = re.compile(r"^[^，。；,;\d]{0,10}?(?:至|到|为)[^，。；,;\d]{0,6}$")
_PER = re.compile(r"(?:每|人均|户均|村均|平均)[^，。；,;\d]{0,10}$")
_PARTS = re.compile(r"其中|分别")
_SHARE_UNITS = ("%", "倍", "百分点")


def _before_after(text: str, figures: list[Figure]) -> dict[int, str]:
    """Figures paired as 从 a … 至 b: {index: before or after}."""
    pairs: dict[int, str] = {}
    for i, (a, b) in enumerate(zip(figures, figures[1:])):
        if a.unit != b.unit or b.clause_start != a.clause_start:
            continue
        if _FROM.search(text, max(a.clause_start, a.start - 10), a.start) and _TO.match(text[a.end : b.start]):
            pairs[i], pairs[i + 1] = BEFORE, AFTER
    return pairs


def _total_before(text: str, figures: list[Figure], i: int) -> bool:
    """Whether, in the figure's sentence, 其中 or 分别 stands before it after a figure in the same unit."""
    figure = figures[i]
    s_start, _ = clause_span(text, figure.start, figure.end, SENTENCE_BREAK)
    at = -1
    for m in _PARTS.finditer(text, s_start, figure.start):  # the last one: a figure before an earlier one is before it too
        at = m.start()
    if at < 0:
        return False
    return any(f.unit == figure.unit and s_start <= f.start and f.end <= at for f in figures[:i])


def _threshold(text: str, figures: list[Figure], i: int) -> bool:
    """10万元以上的村7个, 35岁以下的有83名: a bound followed by 的 and the count of what it bounds."""
    figure = figures[i]
    if text[figure.end : figure.end + 1] != "的":
        return False
    clause_end = figure.clause_start + len(figure.evidence)
    return any(f.start > figure.end and f.start < clause_end for f in figures[i + 1 :])


def roles(text: str, figures: list[Figure]) -> list[str]:
    """The role of each figure, in order; figures must carry their indicators."""
    paired = _before_after(text, figures)
    said: set[tuple[float, str, str]] = set()
    out = []
    for i, figure in enumerate(figures):
        key = (figure.value, figure.unit, figure.indicator_code)
        if i in paired:
            role = paired[i]
        elif figure.kind == "change" or figure.direction:
            role = CHANGE
        elif figure.kind == "ratio" or figure.unit in _SHARE_UNITS:
            role = SHARE
        elif _PER.search(text, max(figure.clause_start, figure.start - 12), figure.start):
            role = RATE
        elif _threshold(text, figures, i):
            role = THRESHOLD
        elif _total_before(text, figures, i):
            role = PART
        elif key in said:
            role = RESTATEMENT
        else:
            role = TOTAL
        said.add(key)
        out.append(role)
    return out


def additive(role: str, kind: str, period_kind: str) -> bool:
    """Whether adding the figure to others of its indicator can make sense: a total of a count, sum of money or area
    that is no plan."""
    return role == TOTAL and kind in _SUMMABLE_KINDS and period_kind != "target"
