"""The report catalogue: every report runs on the seeds and on an empty warehouse, parameters are bound (never pasted
into SQL), and `dangjian report` lists, filters, formats and writes them."""

import json
import re
from datetime import date

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from flows.cli import main
from warehouse.publish.render import render
from warehouse.connection import connect
from warehouse.migrate import migrate
from warehouse.publish.reports import ReportError, bind, catalogue, parse, run_report

COLUMNS = {
    "cadre_team_changes": ["province", "city", "county", "indicator_code", "indicator_name_zh", "unit", "direction", "figures", "total_value", "as_written"],
    "coverage_by_province_year": ["province", "year", "documents", "republished_copies", "places", "figures", "off_topic_documents"],
    "documents_overview": ["source_file", "title", "publish_date", "source", "author", "place", "adcode", "script", "char_count", "metric_count", "quality_score", "on_topic"],
    "figures_pivot": ["province", "city", "county"],  # then one column per indicator and unit found
    "indicator_evidence": ["indicator_code", "value", "value_low", "value_high", "unit", "number_text", "evidence", "source_file", "title", "province", "city", "county", "publish_date"],
    "initiatives_by_place": ["initiative_name", "documents", "province", "city", "county", "title", "source_file", "publish_date", "mentions", "first_run_id"],
    "last_runs": ["run_id", "status", "started_at", "seconds", "files_seen", "files_new", "files_unchanged", "files_loaded", "files_duplicate", "files_quarantined", "metrics_loaded", "error", "documents_off_topic", "metrics_off_topic"],
    "metrics_by_place": ["province", "city", "county", "category", "indicator_code", "indicator_name_zh", "unit", "figures", "total_value"],
    "conflicts": ["province", "city", "county", "indicator_code", "indicator_name_zh", "unit", "period_kind", "period_start_year", "period_end_year", "panel_value", "document_value", "source_file", "publish_date", "evidence", "metric_id"],
    "money_by_county": ["province", "city", "county", "category", "indicator_code", "purpose", "figures", "total_yuan", "period_kind", "period_start_year", "period_end_year", "level", "conflict"],
    "quality_trend": ["started_at", "run_id", "status", "suite", "success", "evaluated", "failed_critical", "failed_warning", "rows_checked", "rows_quarantined", "seconds"],
    "talent": ["province", "city", "county", "indicator_code", "indicator_name_zh", "unit", "figures", "total_value", "as_written"],
    "top_keywords_by_province": ["province", "rank", "keyword", "weight", "documents"],
    "training_by_county": ["province", "city", "county", "sessions", "person_times", "people", "figures", "documents", "year", "conflict"],
    "weak_branch_rectification": ["province", "city", "county", "year", "organisations", "figures", "documents", "period_kind", "period_start_year", "period_end_year", "min_value", "max_value", "conflict"],
}
EMPTY_ON_SEEDS = {"conflicts"}  # the seeds never disagree: tests/warehouse/test_panel.py runs it where reports do
REQUIRED = {"indicator_evidence": {"indicator": "ORG_WEAK_BRANCH_RECTIFIED"}}
INJECTION = "'; drop table core.fact_metric; --"


@pytest.fixture
def con(seeded_warehouse):
    con = connect(seeded_warehouse, read_only=True)
    yield con
    con.close()


def _cli(*args):
    return CliRunner().invoke(main, ["report", *map(str, args)])


def _one_error_line(result) -> None:
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output


def test_every_report_is_documented_and_declares_the_parameters_its_sql_uses():
    reports = catalogue()
    assert set(reports) == set(COLUMNS)
    for report in reports.values():
        assert report.description, report.name
        assert set(re.findall(r"\$(\w+)", report.sql)) == set(report.params), report.name
        assert all(p.doc for p in report.params.values())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_report_runs_on_the_seeds_with_its_columns(con, name):
    frame = run_report(con, catalogue()[name], REQUIRED.get(name))
    assert frame.empty == (name in EMPTY_ON_SEEDS)
    assert list(frame.columns[: len(COLUMNS[name])]) == COLUMNS[name]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_report_runs_on_an_empty_warehouse(tmp_path, name):
    con = connect(tmp_path / "empty.duckdb")
    migrate(con)
    frame = run_report(con, catalogue()[name], REQUIRED.get(name))
    con.close()
    assert frame.empty
    assert list(frame.columns[: len(COLUMNS[name])]) == COLUMNS[name]


def test_indicator_evidence_shows_each_figure_in_its_sentence(con):
    frame = run_report(con, catalogue()["indicator_evidence"], {"indicator": "ORG_WEAK_BRANCH_RECTIFIED"})
    assert set(frame.indicator_code) == {"ORG_WEAK_BRANCH_RECTIFIED"}
    assert all(number in evidence for number, evidence in zip(frame.number_text, frame.evidence))
    assert frame.source_file.notna().all()


def test_pivot_has_one_column_per_indicator_and_unit(con):
    frame = run_report(con, catalogue()["figures_pivot"])
    assert "ORG_WEAK_BRANCH_RECTIFIED (个)" in frame.columns
    assert frame[["province", "city", "county"]].drop_duplicates().shape[0] == len(frame)


def test_filters_narrow_the_rows(con):
    reports = catalogue()
    training = run_report(con, reports["training_by_county"], {"province": "青海省"})
    assert not training.empty and set(training.province) == {"青海省"}
    keywords = run_report(con, reports["top_keywords_by_province"], {"limit": 2})
    assert keywords.groupby("province")["rank"].max().max() == 2
    assert run_report(con, reports["quality_trend"], {"suite": "figures"}).suite.tolist() == ["figures"]


def test_coverage_counts_originals_and_copies_apart(con):
    coverage = run_report(con, catalogue()["coverage_by_province_year"])
    assert (coverage.documents.sum(), coverage.republished_copies.sum()) == (5, 1)


def test_parameter_values_are_bound_not_pasted(con, seeded_warehouse):
    for name in ("indicator_evidence", "training_by_county"):
        key = "indicator" if name == "indicator_evidence" else "province"
        with pytest.raises(ReportError):  # no such place or indicator: an error, before any SQL
            run_report(con, catalogue()[name], {key: INJECTION})
    result = _cli("initiatives_by_place", "--param", f"initiative={INJECTION}", "--warehouse", seeded_warehouse, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []
    assert con.execute("SELECT count(*) FROM core.fact_metric").fetchone()[0] > 0


def test_bind_types_values_and_fills_defaults():
    report = parse("t", "-- Test.\n-- param: day date — a day\n-- param: share float default 1.5 — a share\n"
                        "-- param: n int default NULL — a count\nSELECT $day AS day, $share AS share, $n AS n")
    values = bind(report, ["day=2024-01-02"])
    assert values == {"day": date(2024, 1, 2), "share": 1.5, "n": None}
    assert run_report(duckdb.connect(), report, values).iloc[0].tolist()[1:] == [1.5, None]
    for bad in (["day=yesterday"], ["day=2024-01-02", "n=1; drop table x"], ["day"], ["day=2024-01-02", "other=1"]):
        with pytest.raises(ReportError):
            bind(report, bad)
    with pytest.raises(ReportError, match="needs --param day"):
        bind(report, [])


def test_a_malformed_parameter_line_is_an_error():
    with pytest.raises(ReportError, match="bad parameter line"):
        parse("t", "-- Test.\n-- param: n integer — not a type\nSELECT $n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["indicator_evidence"], "needs --param indicator"),
        (["indicator_evidence", "--param", "indicator=X", "--param", "colour=red"], "no parameter colour"),
        (["top_keywords_by_province", "--param", "limit=ten"], "expects int"),
        (["top_keywords_by_province", "--param", "limit"], "key=value"),
    ],
)
def test_parameter_errors_are_one_line_with_exit_code_2(seeded_warehouse, args, message):
    result = _cli(*args, "--warehouse", seeded_warehouse)
    _one_error_line(result)
    assert message in result.output


def test_list_shows_every_report_and_its_parameters():
    result = _cli("--list")
    assert result.exit_code == 0
    for report in catalogue().values():
        assert report.name in result.output
        assert all(f"--param {p.describe()}" in result.output for p in report.params.values())
    assert "--param limit (int, default 10)" in result.output
    assert "--param indicator (text, required)" in result.output
    assert _cli().output == result.output


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md", "html"])
def test_each_format(seeded_warehouse, fmt):
    result = _cli("weak_branch_rectification", "--format", fmt, "--warehouse", seeded_warehouse)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "json":
        assert {row["county"] for row in json.loads(out)} >= {"延长县", "海晏县"}
    elif fmt == "md":
        lines = out.splitlines()
        assert lines[0].startswith("| province |") and re.fullmatch(r"\|(---\|)+", lines[1])
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<table>" in out and "<td>延长县</td>" in out
    else:
        assert "延长县" in out and "organisations" in out


def test_output_writes_the_file_and_says_where(seeded_warehouse, tmp_path):
    target = tmp_path / "evidence.csv"
    result = _cli("indicator_evidence", "--param", "indicator=ORG_WEAK_BRANCH_RECTIFIED", "--format", "csv", "--output", target, "--warehouse", seeded_warehouse)
    assert result.exit_code == 0, result.output
    assert result.output.count("\n") == 1 and str(target) in result.output
    written = pd.read_csv(target)
    assert len(written) == 2 and set(written.indicator_code) == {"ORG_WEAK_BRANCH_RECTIFIED"}


def test_markdown_and_html_escape_cell_values():
    frame = pd.DataFrame({"a|b": ["x|y\nz", None], "n": [3.0, 2.5]})
    assert render(frame, "md").splitlines() == ["| a\\|b | n |", "|---|---|", "| x\\|y z | 3 |", "|  | 2.5 |"]
    page = render(pd.DataFrame({"<b>": ["<script>alert(1)</script>"]}), "html", "a & b")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<th>&lt;b&gt;</th>" in page and "<title>a &amp; b</title>" in page


def test_every_report_is_described_in_english_and_in_chinese():
    for report in catalogue().values():
        assert report.description and report.description_zh, report.name
        assert re.search("[\u4e00-\u9fff]", report.description_zh) and not re.search("[\u4e00-\u9fff]{3}", report.description), report.name
