"""What a figure needs to be added up with others: its period, its place and its role, set on each figure."""

from __future__ import annotations

from transforms.extract.clauses import SENTENCE_BREAK, clause_span
from transforms.extract.periods import period_of
from transforms.extract.places import figure_places
from transforms.extract.roles import additive, roles
from transforms.records import Figure


def describe(text: str, figures: list[Figure], publish_date: str | None, doc_adcode: str | None) -> None:
    """Set period, place, role and additivity on figures that carry their indicators."""
    doc_year = int(publish_date[:4]) if publish_date else None
    spans = [(clause_span(text, f.start, f.end, SENTENCE_BREAK)[0], f.start) for f in figures]
    for figure, role, place in zip(figures, roles(text, figures), figure_places(text, spans, doc_adcode)):
        period = period_of(text, figure.start, figure.end, doc_year)
        figure.period_kind, figure.period_start_year, figure.period_end_year = period.kind, period.start_year, period.end_year
        figure.figure_adcode = place
        figure.role = role
    _span_of_parts(figures)
    _restated_periods(figures)
    for figure in figures:
        # A part for a place within the document's (其中会宁县选派48名 in a city's report) is that place's total.
        own = figure.role == "part" and figure.figure_adcode != doc_adcode
        figure.additive = additive("total" if own else figure.role, figure.kind, figure.period_kind)


def _restated_periods(figures: list[Figure]) -> None:
    """A restatement covers what its first statement covers (the lead's figure said again in a closing line)."""
    first: dict[tuple, Figure] = {}
    for figure in figures:
        key = (figure.value, figure.unit, figure.indicator_code)
        if figure.role == "restatement" and key in first:
            said = first[key]
            figure.period_kind, figure.period_start_year, figure.period_end_year = (
                said.period_kind, said.period_start_year, said.period_end_year
            )
        first.setdefault(key, figure)


def _span_of_parts(figures: list[Figure]) -> None:
    """A total whose parts fall in different years covers them all (45个，其中2022年30个、2023年15个)."""
    for i, total in enumerate(figures):
        if total.role != "total":
            continue
        parts = []
        for figure in figures[i + 1 :]:
            if figure.role != "part":
                break
            parts.append(figure)
        years = {(p.period_start_year, p.period_end_year) for p in parts}
        if len(years) > 1 and all(None not in y for y in years):
            total.period_kind = "cumulative"
            total.period_start_year = min(y[0] for y in years)
            total.period_end_year = max(y[1] for y in years)
