"""What a Han character is, counted the same way for a page line and a whole body; pairs of characters found by numpy."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.chars import code_points, han_count, known_pairs, pair_code


def _counted(text: str) -> int:
    return sum("\u4e00" <= char <= "\u9fff" for char in text)


def test_short_and_long_texts_are_counted_alike():
    line = "首页 | 党建要闻 | 联系我们 2023"
    assert han_count(line) == 10
    assert han_count(line * 20) == 200  # past the length where numpy counts


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("党员村 a1，。\u4dff\u4e00\u9fff\ua000𠀀"), max_size=250))
def test_han_count_counts_the_unified_block(text):
    assert han_count(text) == _counted(text)


def test_known_pairs_finds_the_offsets_of_listed_pairs():
    text = "全县党员和村党员"
    codes = np.array(sorted([pair_code("党员"), pair_code("村党")]), dtype=np.uint64)
    at, index = known_pairs(code_points(text), codes)
    assert at.tolist() == [2, 5, 6]
    assert [codes[i] for i in index.tolist()] == [pair_code(text[a : a + 2]) for a in at.tolist()]
    assert known_pairs(code_points(text), codes, np.array([0, 2, 5]))[0].tolist() == [2, 5]  # only the offsets asked
    assert known_pairs(code_points(text), np.zeros(0, dtype=np.uint64))[0].tolist() == []
