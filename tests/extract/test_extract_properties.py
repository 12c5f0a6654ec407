"""Property-based tests: figure extraction never crashes, its spans point into the text, and every value comes
from a number written there."""

import math
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from strategies import FRAGMENTS, mutated_sentence
from transforms.extract.figures import _NUMBER, _next_number, find_figures
from transforms.extract.numerals import parse_number

text_strategy = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 99999).map(str)), max_size=40).map("".join),
    mutated_sentence(),
)
_WRITTEN_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两三四五六七八九十百千万亿]+")


def _written_values(number_text: str) -> list[float]:
    values = []
    for token in _WRITTEN_NUMBER.findall(number_text):
        for end in range(len(token), 0, -1):  # 5万 is written as "5" followed by a multiplier
            if (v := parse_number(token[:end])) is not None:
                values.append(v)
    return values


def _comes_from(value: float, written: list[float]) -> bool:
    """value is a written number times a power of ten (万, 亿, 万元, 成 ...)."""
    return any(math.isclose(value, w * 10**k, rel_tol=1e-9, abs_tol=1e-9) for w in written for k in range(0, 17))


@settings(max_examples=400, deadline=None)
@given(text_strategy)
def test_figures_never_crash_and_point_into_the_text(text):
    for f in find_figures(text):
        assert text[f.start : f.end] == f.number_text
        assert f.number_text in f.evidence
        assert text[f.clause_start : f.clause_start + len(f.evidence)] == f.evidence
        assert f.value >= 0 and math.isfinite(f.value)
        written = _written_values(f.number_text)
        if f.value_low is not None:
            assert _comes_from(f.value_low, written) and _comes_from(f.value_high, written)
            assert math.isclose(f.value, (f.value_low + f.value_high) / 2)
        else:
            assert _comes_from(f.value, written), (f.value, f.number_text)


@settings(max_examples=400, deadline=None)
@given(text_strategy, st.integers(0, 50))
@example("全角数字１２３名，万余人", 0)  # any digit the pattern's \d takes, and a 万 that opens a number
def test_the_number_scan_finds_what_the_number_pattern_finds(text, pos):
    found, expected = _next_number(text, pos), _NUMBER.search(text, pos)
    assert (found and found.span()) == (expected and expected.span())
