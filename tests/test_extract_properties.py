"""Property-based tests: cleaning and figure extraction never crash, and every figure points at its own text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.figures import find_figures

FRAGMENTS = ["培训", "党员", "万元", "余", "名", "个", "人次", "—", "至", "约", "“", "”", "第", "一", "两", "百分点", "%", "增长", "下降", ",", "。"]
text_strategy = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 99999).map(str)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_figures_never_crash_and_point_into_the_text(text):
    for f in find_figures(text):
        assert text[f.start : f.end] == f.number_text
        assert f.number_text in f.evidence
        assert text[f.clause_start : f.clause_start + len(f.evidence)] == f.evidence
        assert f.value >= 0
