"""Written test-case corpus for the figure extractor (transforms.figures.find_figures).

tests/fixtures/figure_cases.json is a hand-written list of cases. Each case is one
invented sentence in simplified Chinese, in the style of county organisation-department
reports on rural grassroots party building. Each case also has the complete list of
figures expected in that sentence, in text order. Every case names the rule it
exercises: plain Arabic counts, Chinese numerals, 万/亿 multipliers, approximation
markers, ranges, changes with a direction, percentages and shares, person-counting
个/名, counted aspects, sentences mixing figures with non-figures, and many kinds of
numbers that are NOT figures. These last have an empty list: slogans, quoted or
book-title text, ordinals, list markers, document numbers, dates and time spans,
phone numbers and addresses, the indefinite 一, idioms, fractions used as names, and
the number of characters in a slogan.

Expected figure fields: value (normalised: 万=1e4, 亿=1e8, money in 元; the midpoint
for a range), unit (canonical), low/high (range bounds, else null), approximate, and
direction ("up"/"down" only when a change verb comes right before the number).

find_figures is imported inside the test so that collection works before the
extractor exists.
"""

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures"
# figure_cases.json: the seeds' shapes; figure_cases_genre.json: shapes the genre adds (spaced units, durations,
# multiples, fractions, scores, counted nouns, range bounds, quoted speech), after the annotation standard's conventions;
# figure_cases_more.json: more sentences of every class, written for the project in the genre's words.
CASES = [case for name in ("figure_cases.json", "figure_cases_genre.json", "figure_cases_more.json") for case in json.loads((FIXTURES / name).read_text(encoding="utf-8"))]


def _num(x):
    """Round numbers to 6 places so float noise (e.g. 1.35 * 1e8) does not matter."""
    return None if x is None else round(float(x), 6)


def _expected(fig):
    return (
        _num(fig["value"]),
        fig["unit"],
        _num(fig["low"]),
        _num(fig["high"]),
        fig["approximate"],
        fig["direction"],
    )


def _actual(fig):
    return (
        _num(fig.value),
        fig.unit,
        _num(fig.value_low),
        _num(fig.value_high),
        fig.approximate,
        fig.direction,
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_figure_case(case):
    from transforms.extract.figures import find_figures

    found = [_actual(f) for f in find_figures(case["text"])]
    expected = [_expected(f) for f in case["figures"]]
    assert found == expected, f"[{case['rule']}] {case['text']}"
