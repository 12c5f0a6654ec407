"""Property-based tests: figure extraction never crashes, its spans point into the text, and every value comes
from a number written there."""

import math
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.figures import find_figures
from transforms.numerals import parse_number

FRAGMENTS = ["培训", "党员", "万元", "余", "名", "个", "人次", "—", "至", "约", "“", "”", "第", "一", "两", "百分点", "%", "增长", "下降", ",", "。"]
SENTENCES = [
    s for p in sorted((Path(__file__).parent.parent / "seeds").iterdir()) for s in re.split(r"[。\n]", p.read_text(encoding="utf-8")) if re.search(r"\d", s)
]


@st.composite
def mutated_sentence(draw):
    """A real sentence with characters deleted, replaced or inserted."""
    chars = list(draw(st.sampled_from(SENTENCES)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        # Characters UTF-8 can hold: decoded text never has a lone surrogate (transforms/decoding.py decodes strictly).
        piece = draw(st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 9999).map(str), st.characters(codec="utf-8")))
        if action == "insert":
            chars[at:at] = list(piece)
        elif chars and at < len(chars):
            chars[at : at + 1] = [] if action == "delete" else list(piece)
    return "".join(chars)


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
