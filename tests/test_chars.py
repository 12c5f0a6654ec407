"""What a Han character is, counted the same way for a page line and a whole body."""

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.chars import han_count


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
