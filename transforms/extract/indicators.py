"""Map each figure to an indicator of the versioned taxonomy in reference/indicators.csv.

Specific indicators (tier 1) win over generic ones (tier 2); a figure that matches neither falls to its
category's "other" indicator (tier 3), chosen by the words around it, and last to OTHER_OTHER.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transforms.extract.clauses import SENTENCE_BREAK, clause_span
from transforms.extract.prefilter import Prefilter
from transforms.records import Figure

TAXONOMY_PATH = Path(__file__).parent / "reference" / "indicators.csv"
TAXONOMY_VERSION = "2026.12.4"
CATEGORIES = ("组织建设", "队伍建设", "人才", "培训教育", "资金保障", "阵地建设", "产业发展", "基层治理", "制度机制", "其他")
_PRODUCTION_UNITS = {"吨", "公斤", "棒", "株", "头", "只"}
# Head counts, person-times and sessions are different measures: 203人次 is never a number of sessions, 10期 never a
# number of people, whatever words stand near them.
_MEASURES = {
    "人": "people",
    "人次": "person-times", "户次": "person-times",
    "期": "sessions", "场次": "sessions", "次": "sessions", "批次": "sessions", "轮": "sessions", "堂": "sessions", "节": "sessions",
}


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    category: str
    expected_unit: str
    tier: int
    kinds: frozenset[str]
    pattern: re.Pattern | None


_STRAY_BRACE = re.compile(r"(?<!\\)\{(?!\d*,?\d*\})")


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Indicator, ...]:
    with TAXONOMY_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, start=2):
        # A comma in an unquoted pattern ("人才.{0,4}平台") splits it into extra fields, and a pattern cut at "{0" still
        # compiles: Python reads the brace as a literal, and the indicator silently matches nothing.
        if None in row or None in row.values():
            raise ValueError(f"{TAXONOMY_PATH.name} line {line}: expected 8 fields; quote a pattern that holds a comma")
        if _STRAY_BRACE.search(row["pattern"]):
            raise ValueError(f"{TAXONOMY_PATH.name} line {line}: a brace in the pattern is not a repeat such as {{0,4}}")
    return tuple(
        Indicator(
            code=row["indicator_code"],
            name_zh=row["name_zh"],
            name_en=row["name_en"],
            category=row["category"],
            expected_unit=row["expected_unit"],
            tier=int(row["tier"]),
            kinds=frozenset(k for k in row["kinds"].split("|") if k),
            pattern=re.compile(row["pattern"]) if row["pattern"] else None,
        )
        for row in rows
    )


def _figure_class(figure: Figure) -> str:
    if figure.kind == "count" and figure.unit in _PRODUCTION_UNITS:
        return "production"
    return figure.kind


# What a match scores inside the figure's clause, or within 15 characters of the figure outside it. A tier whose best
# match is further off yields to a broader tier with a near one (能手 in the clause before "书记中35岁以下的有28人"), and
# is chosen only when none has. Not for money, whose purpose is often a clause away from it
# ("建成党群服务中心，累计投入建设资金2300万元").
_NEAR = 2.0
# Of indicators matched about as near, one that expects the figure's unit is preferred: the others would hand the
# figure on to their category's other indicator.
_UNIT_BONUS = 1.0
# What a match in the figure's own subject adds over one elsewhere in the sentence, less a margin.
_NAMED = 4.0

Match = tuple[int, int, str]  # start and end in the whole text, matched words


class Found:
    """A document's matches, shared by the figures of a sentence (most sentences hold several): per sentence span, the
    indicators that may match there and their matches so far, and the training clauses."""

    def __init__(self, text: str):
        self.scanned = _prefilter().scan(text)
        self.sentences: dict[tuple[int, int], tuple[list[str], dict[str, list[Match]]]] = {}
        self.trained: dict[tuple[int, int], list[Match]] = {}


# The people or teams a clause says were trained ("对76支驻乡村工作队、236名驻乡村干部全覆盖培训") are counted for the
# training, whatever else names them.
_TRAINED = re.compile(
    r"(?<![针面相绝反核应])对(?![照标接口象于比话应策])[^，。；！？：]{0,40}?(?:培训|轮训)"  # 对 the preposition
    r"|[^，,。；;！？!?：:]{0,60}?(?:参训|参加[^，,。；;！？!?]{0,12}?(?:培训|轮训))"  # those who attended: 来自…的197名书记参训
)
_TRAINED_AS = {"人": "TRAIN_PEOPLE", "人次": "TRAIN_PERSON_TIMES"}


def _score(matches: list[Match], figure: Figure, clause_end: int) -> float:
    """Closeness of the pattern's nearest match to the figure, with a bonus inside its clause and its subject."""
    best = 0.0
    start, end, clause_start, subject = figure.start, figure.end, figure.clause_start, figure.subject
    for pos, match_end, words in matches:
        distance = start - match_end if pos < start else pos - end
        score = 5.0 / (1 + (distance if distance > 0 else 0) / 10)
        if clause_start <= pos < clause_end:
            score += 2.0
        if words in subject:
            score += 5.0
        if score > best:
            best = score
    return best


@lru_cache(maxsize=None)
def _candidates(figure_class: str, unit: str) -> tuple[tuple[Indicator, ...], ...]:
    """Per tier, in taxonomy order, the indicators with a pattern that a figure of this class and unit may take."""
    found = _MEASURES.get(unit)

    def compatible(ind: Indicator) -> bool:
        expected = _MEASURES.get(ind.expected_unit)
        return expected is None or found is None or expected == found

    return tuple(
        tuple(
            ind for ind in taxonomy()
            if ind.tier == tier and ind.pattern is not None
            and (tier == 3 or (figure_class in ind.kinds and compatible(ind)))
        )
        for tier in (1, 2, 3)
    )


@lru_cache(maxsize=None)
def _by_code(code: str) -> Indicator:
    return next(ind for ind in taxonomy() if ind.code == code)


def _trained(
    text: str, figure: Figure, s_start: int, s_end: int, found: Found
) -> Indicator | None:
    """The training indicator of a count its sentence says was trained, else None."""
    if figure.kind != "count":
        return None
    if (spans := found.trained.get(key := (s_start, s_end))) is None:
        # every clause it reads ends in 训; its leading repeat makes a search of a sentence without one slow
        spans = found.trained[key] = [] if "训" not in text[s_start:s_end] else [
            (m.start(), m.end(), m.group()) for m in _TRAINED.finditer(text, s_start, s_end)
        ]
    if any(start < figure.start and figure.end < end for start, end, _ in spans):
        return _by_code(_TRAINED_AS.get(figure.unit, "TRAIN_OTHER"))
    return None


@lru_cache(maxsize=None)
def _other_of(category: str) -> Indicator:
    """The category's catch-all indicator (tier 3), which expects no unit."""
    return next(ind for ind in taxonomy() if ind.tier == 3 and ind.category == category)


def _scored(figure: Figure) -> Indicator | None:
    """A score (10分, 91-100分) is a rating rule's, whatever it rates: nothing else is measured in points."""
    return _by_code("INST_SCORING") if figure.unit == "分" else None


def _fits(ind: Indicator, figure: Figure) -> bool:
    return not ind.expected_unit or ind.expected_unit == figure.unit


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    return Prefilter((ind.code, ind.pattern) for ind in taxonomy() if ind.pattern is not None)


@lru_cache(maxsize=None)
def _tier_of(figure_class: str, unit: str) -> dict[str, int]:
    """The tier index, among the figure's candidate tiers, of each indicator it may take."""
    return {ind.code: i for i, tier in enumerate(_candidates(figure_class, unit)) for ind in tier}


def _tier_bests(
    text: str, figure: Figure, s_start: int, s_end: int, found: Found
) -> list[tuple[Indicator, float]]:
    """Per tier matched in the sentence, its best indicator and score, narrowest tier first."""
    clause_end = figure.clause_start + len(figure.evidence)
    if (sentence := found.sentences.get(key := (s_start, s_end))) is None:
        sentence = found.sentences[key] = (found.scanned.keys(s_start, s_end), {})
    possible, matches_of = sentence
    tier_of = _tier_of(_figure_class(figure), figure.unit)
    bests: dict[int, tuple[Indicator, float]] = {}
    for code in possible:
        if (tier := tier_of.get(code)) is None:
            continue
        ind = _by_code(code)
        if (matches := matches_of.get(code)) is None:
            matches = matches_of[code] = [
                (m.start(), m.end(), m.group()) for m in ind.pattern.finditer(text, s_start, s_end) if m.group()
            ]
        if not matches:
            continue
        score = _score(matches, figure, clause_end)
        if ind.expected_unit:
            score += _UNIT_BONUS if ind.expected_unit == figure.unit else -_UNIT_BONUS / 2
        if score > 0.0 and (tier not in bests or score > bests[tier][1]):
            bests[tier] = (ind, score)
    return [bests[tier] for tier in sorted(bests)]


def _by_tiers(
    text: str, figure: Figure, s_start: int, s_end: int, found: Found
) -> Indicator | None:
    """The indicator whose pattern scores best near the figure, from the narrowest tier matched near it.

    A broader tier wins instead when its match names what is counted and the narrower one's does not ("现有党员71名"
    after "全村共有805户"), or when the narrower one expects another unit and the broader matches at least as well
    ("五星级党员"1764名: people counted, not a rating); a figure whose best match expects another unit goes to that
    category's other indicator.
    """
    bests = _tier_bests(text, figure, s_start, s_end, found)
    if not bests:
        return None
    pick = next((i for i, (_, score) in enumerate(bests) if score >= _NEAR or figure.kind == "money"), 0)
    chosen, score = bests[pick]
    for broader, broader_score in bests[pick + 1 :]:
        if (broader_score > score + _NAMED and figure.kind != "money") or (figure.kind == "count" and not _fits(chosen, figure) and broader_score >= score + _UNIT_BONUS):
            chosen, score = broader, broader_score
    return chosen


# A part of a stated total written without its noun ("软弱涣散村党组织93个，其中…班子不团结的4个") counts what the
# total counts, whatever the words describing the part name.
_PART_GAP = 20
_NO_NOUN = ("", "，", ",", "、", "；", ";", "。")


def _part_of(text: str, figure: Figure, s_start: int, done: list[Figure]) -> Figure | None:
    """The total a nounless part after 其中 belongs to, when it is in the same unit."""
    if text[figure.start - 1 : figure.start] != "的" or text[figure.end : figure.end + 1] not in _NO_NOUN:
        return None
    at = text.rfind("其中", max(0, s_start - _PART_GAP), figure.start)
    if at < 0:
        return None
    total = next((f for f in reversed(done) if f.end <= at), None)
    if total is None or at - total.end > _PART_GAP or total.unit != figure.unit:
        return None
    return total


def assign(text: str, figures: list[Figure]) -> None:
    """Set indicator_code and category on each figure, judging by the sentence around it."""
    if not figures:
        return
    found = Found(text)
    done: list[Figure] = []
    for figure in figures:
        s_start, s_end = clause_span(text, figure.start, figure.end, SENTENCE_BREAK)
        if total := _part_of(text, figure, s_start, done):
            figure.indicator_code, figure.category = total.indicator_code, total.category
            done.append(figure)
            continue
        chosen = (
            _scored(figure)
            or _trained(text, figure, s_start, s_end, found)
            or _by_tiers(text, figure, s_start, s_end, found)
            or _by_code("OTHER_OTHER")
        )
        if chosen.expected_unit and figure.unit != chosen.expected_unit:
            # An indicator's figures share its unit, or every sum over it mixes units (宣讲2600余场 is no number of
            # training classes in 期): a figure in another unit goes to its category's other indicator.
            chosen = _other_of(chosen.category)
        figure.indicator_code, figure.category = chosen.code, chosen.category
        done.append(figure)
