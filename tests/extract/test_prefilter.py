"""The prefilter that spares a sentence the indicators' searches: the starts it reads from a pattern, and that it never
drops a pattern that matches."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import SENTENCES, mutated_sentence
from transforms.extract.indicators import taxonomy
from transforms.extract.prefilter import Prefilter, starts

FIXTURES = Path(__file__).parent.parent / "fixtures"
CASE_TEXTS = [
    case["text"]
    for name in ("figure_cases.json", "figure_cases_genre.json", "figure_cases_more.json")
    for case in json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    if isinstance(case, dict) and "text" in case
]
PATTERNS = [(ind.code, ind.pattern) for ind in taxonomy() if ind.pattern is not None]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("培训|轮训", {"培训", "轮训"}),
        ("(?:村级)?党组织", {"村级", "党组"}),  # an optional word opens some matches, not all
        ("(?<!非)党员", {"党员"}),  # a lookbehind opens nothing
        ("(?:党员)+干部", {"党员"}),
        ("第一书记|驻村[第]?一?书记", {"第一", "驻村"}),
        ("[一二三]个", {"一个", "二个", "三个"}),
        ("村.{0,4}书记", {"村"}),  # a wildcard ends what is known after the first character
        ("[^，。]{0,4}书记", None),  # may open with any character
        ("书记|", None),  # may match nothing
    ],
)
def test_starts_are_read_from_the_pattern(pattern, expected):
    found = starts(re.compile(pattern))
    assert found == (None if expected is None else frozenset(expected))


def test_keys_keep_the_order_patterns_were_given_in():
    prefilter = Prefilter([("b", re.compile("书记")), ("a", re.compile("党员")), ("c", re.compile("[^，]书"))])
    assert prefilter.keys("党员书记") == ["b", "a", "c"]
    assert prefilter.keys("群众") == ["c"]


def _dropped(prefilter: Prefilter, text: str) -> list[str]:
    kept = set(prefilter.keys(text))
    return [code for code, pattern in PATTERNS if code not in kept and any(m.group() for m in pattern.finditer(text))]


def test_no_indicator_that_matches_is_dropped_on_the_written_cases():
    prefilter = Prefilter(PATTERNS)
    texts = CASE_TEXTS + SENTENCES
    assert len(texts) > 300
    assert {text: _dropped(prefilter, text) for text in texts if _dropped(prefilter, text)} == {}


def test_the_prefilter_skips_most_indicators_in_a_sentence():
    prefilter = Prefilter(PATTERNS)
    kept = sum(len(prefilter.keys(text)) for text in SENTENCES) / len(SENTENCES)
    assert kept < len(PATTERNS) / 3


@settings(max_examples=300, deadline=None)
@given(st.one_of(mutated_sentence(), st.text(max_size=120)))
def test_no_indicator_that_matches_is_dropped(text):
    assert _dropped(Prefilter(PATTERNS), text) == []


@settings(max_examples=200, deadline=None)
@given(mutated_sentence(), st.data())
def test_a_stretch_of_a_scanned_text_has_the_keys_of_the_stretch_alone(text, data):
    prefilter = Prefilter(PATTERNS)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert prefilter.scan(text).keys(start, end) == prefilter.keys(text[start:end])
