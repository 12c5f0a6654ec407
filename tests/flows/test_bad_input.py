"""Every bad input a command can be given ends in one line starting `error:` and exit code 2, never a traceback."""

import json

import pytest
from click.testing import CliRunner

from flows.cli import main
from helpers import GOLD, SEEDS


def _one_line_error(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    text = result.output.strip()
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "\n" not in text, result.output
    assert text.startswith("error: "), text
    return text


@pytest.fixture
def not_a_warehouse(tmp_path):
    path = tmp_path / "fake.duckdb"
    path.write_text("x\n")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["sql", "select 1"],
        ["report", "documents_overview"],
        ["report", "--html"],
        ["quality"],
        ["export", "--output", "OUT"],
        ["purge-raw", "--yes"],
        ["run", "--source", SEEDS],
    ],
    ids=lambda a: a[0] + (" --html" if "--html" in a else ""),
)
def test_a_warehouse_path_that_is_no_duckdb_file(not_a_warehouse, tmp_path, args):
    args = [str(tmp_path / "out") if a == "OUT" else a for a in args]
    line = _one_line_error(*args, "--warehouse", not_a_warehouse)
    assert f"{not_a_warehouse} is not a DuckDB database file" in line


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pytest shows the ones Great Expectations' import raises
def test_a_dask_scheduler_that_cannot_be_reached(tmp_path, monkeypatch):
    import flows.runtime.runners

    monkeypatch.setattr(flows.runtime.runners, "DASK_CONNECT_SECONDS", 1)
    line = _one_line_error("run", "--source", SEEDS, "--warehouse", tmp_path / "w.duckdb", "--runner", "dask", "--address", "tcp://127.0.0.1:1")
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1 within 1 s" in line


def test_a_gold_file_that_is_not_json_fails_before_any_run(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"metrics": [', encoding="utf-8")
    line = _one_line_error("eval", "--gold", gold, "--source", tmp_path / "nowhere_needed_yet")
    assert "does not exist" in line  # the source is checked first, in one line too
    line = _one_line_error("eval", "--gold", gold, "--source", SEEDS)
    assert line.startswith(f"error: gold file {gold} is not valid JSON: Expecting value at line 1")


@pytest.mark.parametrize(
    ("content", "says"),
    [({"documents": []}, "has no `metrics` list"), ({"metrics": [{"file": "a.txt", "value": 1}], "documents": []}, "metrics[0] lacks unit, category"), ([1, 2], "must be a JSON object")],
)
def test_a_gold_file_without_what_eval_scores(tmp_path, content, says):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(content), encoding="utf-8")
    assert says in _one_line_error("eval", "--gold", gold, "--source", SEEDS)


def test_the_seeds_gold_file_passes_the_check():
    from bench.evaluation import read_gold

    assert len(read_gold(GOLD)["metrics"]) == 92


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["sql"], "error: Missing argument 'QUERY'. (see `main sql --help`)"),
        (["frob"], "error: No such command 'frob'. (see `main --help`)"),
        (["run", "--runner", "x"], "error: Invalid value for '--runner': 'x' is not one of 'local', 'dask'. (see `main run --help`)"),
    ],
)
def test_clicks_own_usage_errors_are_one_line_too(args, says):
    assert _one_line_error(*args) == says


def test_an_empty_query(seeded_warehouse):
    assert "empty query" in _one_line_error("sql", "  ", "--warehouse", seeded_warehouse)


def test_a_source_folder_with_nothing_to_read(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no files; dangjian reads .txt, .html, .htm files" in _one_line_error("run", "--source", empty, "--warehouse", tmp_path / "w.duckdb")
    (empty / "report.pdf").write_bytes(b"%PDF")
    (empty / "notes.md").write_text("# notes")
    line = _one_line_error("run", "--source", empty, "--warehouse", tmp_path / "w.duckdb")
    assert "holds no .txt, .html, .htm files (only 1 .md, 1 .pdf)" in line or "(only 1 .pdf, 1 .md)" in line


def test_a_report_filter_naming_no_place_of_the_warehouse(seeded_warehouse):
    line = _one_line_error("report", "training_by_county", "--param", "province=火星省", "--warehouse", seeded_warehouse)
    assert "no province named '火星省'; the warehouse's documents are about" in line and "四川省" in line
    assert "could be 山东省, 山西省" in _one_line_error("report", "training_by_county", "--param", "province=山", "--warehouse", seeded_warehouse)


def test_a_province_written_short_is_the_province(seeded_warehouse):
    short = CliRunner().invoke(main, ["report", "top_keywords_by_province", "--param", "province=四川", "--warehouse", str(seeded_warehouse), "--format", "csv"])
    full = CliRunner().invoke(main, ["report", "top_keywords_by_province", "--param", "province=四川省", "--warehouse", str(seeded_warehouse), "--format", "csv"])
    assert short.exit_code == 0 and short.output == full.output and len(full.output.splitlines()) > 1


def test_an_unknown_indicator_code_lists_the_nearest(seeded_warehouse):
    line = _one_line_error("report", "indicator_evidence", "--param", "indicator=TEAM_FIRST_SECRETRY", "--warehouse", seeded_warehouse)
    assert line.startswith("error: no indicator 'TEAM_FIRST_SECRETRY'; nearest: TEAM_FIRST_SECRETARY")


def test_a_report_name_beside_html(seeded_warehouse):
    assert "--html writes the whole HTML report, not report metrics_by_place" in _one_line_error(
        "report", "metrics_by_place", "--html", "--warehouse", seeded_warehouse
    )
