"""The clause and sentence around a figure, looked up from the text's break positions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.extract.clauses import CLAUSE_BREAK, CLAUSE_REACH, SENTENCE_BREAK, clause_span


def _walked(text: str, start: int, end: int, breaks: str) -> tuple[int, int]:
    """The span found by walking out from the figure one character at a time."""
    left = start
    while left > max(0, start - CLAUSE_REACH) and text[left - 1] not in breaks:
        left -= 1
    right = end
    while right < min(len(text), end + CLAUSE_REACH) and text[right] not in breaks:
        right += 1
    return left, right


def test_a_clause_stops_at_commas_and_a_sentence_does_not():
    text = "全县共有党员3200名，其中女党员860名。另有入党积极分子120名"
    at = text.index("860")
    assert text[slice(*clause_span(text, at, at + 4))] == "其中女党员860名"
    assert text[slice(*clause_span(text, at, at + 4, SENTENCE_BREAK))] == "全县共有党员3200名，其中女党员860名"
    last = text.index("120")
    assert text[slice(*clause_span(text, last, last + 4))] == "另有入党积极分子120名"


def test_a_clause_reaches_no_further_than_the_reach():
    text = "党" * (CLAUSE_REACH + 50) + "100名" + "员" * (CLAUSE_REACH + 50)
    at = text.index("100")
    assert clause_span(text, at, at + 4) == (at - CLAUSE_REACH, at + 4 + CLAUSE_REACH)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="党员，。；\n 12", max_size=700), st.data())
def test_the_span_is_the_one_found_by_walking(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for breaks in (CLAUSE_BREAK, SENTENCE_BREAK):
        assert clause_span(text, start, end, breaks) == _walked(text, start, end, breaks)
