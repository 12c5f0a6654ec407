"""mart.v_indicator_panel: one value per place, indicator, unit and period, over 36 short reports written for this test
(tests/fixtures/panel/, a case each: restated leads, 其中 and 分别 parts, yearly and cumulative figures, plans,
before/after values, per-unit rates, shares, thresholds, two reports that disagree, two that agree, a county's own
report against its city's, a city's report naming its counties, a republished copy)."""

import json
from pathlib import Path

import duckdb
import pytest

from helpers import load_without_prefect

FIXTURES = Path(__file__).parents[1] / "fixtures"
COLUMNS = (
    "province", "city", "county", "indicator_code", "unit", "period_kind", "period_start_year", "period_end_year",
    "value", "min_value", "max_value", "documents", "conflict",
)


@pytest.fixture(scope="module")
def panel_warehouse(tmp_path_factory):
    path = load_without_prefect(FIXTURES / "panel", tmp_path_factory.mktemp("panel") / "panel.duckdb")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def _rows(con, where="TRUE"):
    query = f"SELECT {', '.join(COLUMNS)} FROM mart.v_indicator_panel WHERE {where}"
    return sorted((dict(zip(COLUMNS, row)) for row in con.execute(query).fetchall()), key=json.dumps)


def test_the_panel_holds_exactly_the_expected_rows(panel_warehouse):
    expected = json.loads((FIXTURES / "panel_expected.json").read_text(encoding="utf-8"))
    assert _rows(panel_warehouse) == sorted(expected, key=json.dumps)


def test_a_countys_own_report_outranks_its_citys_and_the_disagreement_is_kept(panel_warehouse):
    rows = _rows(panel_warehouse, "county = '会宁县' AND indicator_code = 'TEAM_FIRST_SECRETARY'")
    assert [(r["value"], r["min_value"], r["max_value"], r["documents"], r["conflict"]) for r in rows] == [(45.0, 45.0, 48.0, 2, True)]


def test_between_reports_of_the_same_level_the_later_one_wins(panel_warehouse):
    rows = _rows(panel_warehouse, "county = '美姑县' AND indicator_code = 'ORG_WEAK_BRANCH_RECTIFIED'")
    assert [(r["value"], r["min_value"], r["max_value"], r["conflict"]) for r in rows] == [(21.0, 18.0, 21.0, True)]


def test_a_total_is_never_added_to_its_parts_nor_to_its_restatement(panel_warehouse):
    assert [r["value"] for r in _rows(panel_warehouse, "county = '岢岚县'")] == [1200.0]  # 其中 300 is a part
    assert [r["value"] for r in _rows(panel_warehouse, "county = '涞源县'")] == [86.0]  # said twice
    assert [r["value"] for r in _rows(panel_warehouse, "county = '成县'")] == [150.0]  # 分别 90 and 60


def test_a_republished_copy_counts_once(panel_warehouse):
    rows = _rows(panel_warehouse, "county = '甘谷县' AND indicator_code = 'VENUE_FUNDS'")
    assert [(r["value"], r["documents"]) for r in rows] == [(6500000.0, 1)]


def test_every_cell_lists_the_figures_behind_it(panel_warehouse):
    cells = panel_warehouse.execute("SELECT metric_ids, mentions FROM mart.v_indicator_panel").fetchall()
    ids = [i for metric_ids, _ in cells for i in metric_ids]
    assert len(ids) == len(set(ids)) == sum(mentions for _, mentions in cells)
    additive = {r[0] for r in panel_warehouse.execute("SELECT metric_id FROM mart.v_metrics WHERE additive").fetchall()}
    assert set(ids) == additive


def test_the_conflicts_report_shows_every_figure_behind_a_disputed_cell(panel_warehouse):
    from warehouse.publish.reports import catalogue, run_report

    frame = run_report(panel_warehouse, catalogue()["conflicts"], {"indicator": "TEAM_FIRST_SECRETARY"})
    assert sorted(zip(frame.county, frame.panel_value, frame.document_value, frame.source_file)) == [
        ("会宁县", 45.0, 45.0, "09a_huining_county.txt"),
        ("会宁县", 45.0, 48.0, "09b_baiyin_city.txt"),
    ]


def test_the_reports_read_each_place_and_year_once(panel_warehouse):
    from warehouse.publish.reports import catalogue, run_report

    weak = run_report(panel_warehouse, catalogue()["weak_branch_rectification"], {"county": "清水县"})
    assert [(w.period_kind, w.period_start_year, w.period_end_year, w.organisations) for w in weak.itertuples()] == [
        ("cumulative", 2022, 2023, 30.0)
    ]
    money = run_report(panel_warehouse, catalogue()["money_by_county"], {"county": "临洮县"})
    assert money.total_yuan.tolist() == [8000000.0]  # not the 6万元 before nor the 10万元 after
