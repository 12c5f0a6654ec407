"""Hostile input: every file ends with exactly one recorded outcome, the run completes, and the counts add up."""

import duckdb
import pytest


@pytest.fixture(scope="module")
def outcomes(hostile_run):
    expected, _, warehouse, summaries = hostile_run
    con = duckdb.connect(str(warehouse), read_only=True)
    runs = [r[0] for r in con.execute("SELECT run_id FROM ops.pipeline_run ORDER BY started_at").fetchall()]
    rows = [con.execute("SELECT source_file, outcome, reason, detail FROM ops.file_outcome WHERE run_id = ?", [run]).fetchall() for run in runs]
    con.close()
    return expected, summaries, rows


def test_both_runs_completed(outcomes):
    _, summaries, rows = outcomes
    assert len(summaries) == len(rows) == 2


def test_every_entry_has_exactly_one_outcome_in_each_run(outcomes):
    expected, _, rows = outcomes
    for run in rows:
        paths = [r[0] for r in run]
        assert len(paths) == len(set(paths)), "an entry has more than one outcome"
        assert set(paths) == set(expected)


def test_each_kind_of_file_gets_its_outcome_and_reason(outcomes):
    expected, _, rows = outcomes
    got = {path: (outcome, reason) for path, outcome, reason, _ in rows[0]}
    wrong = {
        path: (got[path], (want.outcome, want.reason))
        for path, want in expected.items()
        if got[path][0] != want.outcome or (want.reason is not None and got[path][1] != want.reason)
    }
    assert not wrong


def test_summary_counts_add_up_to_the_files_seen(outcomes):
    expected, summaries, _ = outcomes
    for summary in summaries:
        parts = ("files_loaded", "files_unchanged", "files_duplicate", "files_quarantined")
        assert summary["files_seen"] == len(expected) == sum(summary[k] for k in parts)
        assert sum(summary["quarantine_reasons"].values()) == summary["files_quarantined"]


def test_a_second_run_finds_the_loaded_files_unchanged(outcomes):
    expected, summaries, _ = outcomes
    loaded = sum(1 for e in expected.values() if e.outcome == "loaded")
    assert (summaries[0]["files_loaded"], summaries[1]["files_loaded"], summaries[1]["files_unchanged"]) == (loaded, 0, loaded + 1)


def test_oversize_file_is_refused_unread_with_the_limit_named(outcomes, hostile_run):
    _, _, rows = outcomes
    size = (hostile_run[1] / "huge.txt").stat().st_size
    detail = next(d for path, _, _, d in rows[0] if path == "huge.txt")
    assert size > 50 * 1024 * 1024
    assert detail == f"{size:,} bytes > limit 10,485,760 (set with --max-file-mb)"


def test_scripts_styles_and_comments_never_reach_the_text(hostile_run):
    _, _, warehouse, _ = hostile_run
    con = duckdb.connect(str(warehouse), read_only=True)
    text = con.execute("SELECT clean_text FROM core.dim_document WHERE source_file = 'scripts.html'").fetchall()[0][0]
    con.close()
    assert len(text) > 500
    for leak in ("function", "var tel", "font:", "统计代码", "请启用脚本", "<"):
        assert leak not in text
