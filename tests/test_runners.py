"""Runners: clean and extract batches in local worker processes or on a Dask cluster give the same warehouse."""

import duckdb
import pytest

from flows.runners import batch_executor

CONTENT = {
    "mart.v_metrics": "SELECT * EXCLUDE (run_id) FROM mart.v_metrics",
    "mart.v_documents": "SELECT * FROM mart.v_documents",
    "core.fact_keyword": "SELECT doc_id, keyword, weight FROM core.fact_keyword",
    "core.fact_initiative": "SELECT doc_id, initiative_name, mentions FROM core.fact_initiative",
    "ops.file_outcome": "SELECT source_file, doc_id, outcome, reason FROM ops.file_outcome",
}


def _contents(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: sorted(map(repr, con.execute(query).fetchall())) for name, query in CONTENT.items()}
    finally:
        con.close()


@pytest.fixture
def flow(prefect_harness):
    from flows.etl import dangjian_etl

    return dangjian_etl


def test_serial_processes_and_dask_load_the_same_warehouse(flow, seed_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("DANGJIAN_WORKERS", "1")
    serial = flow(str(seed_copy), str(tmp_path / "serial.duckdb"), batch_size=2)
    monkeypatch.setenv("DANGJIAN_WORKERS", "2")
    processes = flow(str(seed_copy), str(tmp_path / "processes.duckdb"), batch_size=2)
    dask = flow(str(seed_copy), str(tmp_path / "dask.duckdb"), batch_size=2, runner="dask")
    assert serial["metrics_loaded"] == processes["metrics_loaded"] == dask["metrics_loaded"] > 0
    reference = _contents(tmp_path / "serial.duckdb")
    assert _contents(tmp_path / "processes.duckdb") == reference
    assert _contents(tmp_path / "dask.duckdb") == reference


def test_one_worker_or_one_batch_runs_in_this_process(monkeypatch):
    monkeypatch.setenv("DANGJIAN_WORKERS", "1")
    with batch_executor("local", None, 10) as executor:
        assert executor is None
    monkeypatch.setenv("DANGJIAN_WORKERS", "2")
    with batch_executor("local", None, 1) as executor:
        assert executor is None
    with pytest.raises(ValueError, match="unknown runner"):
        with batch_executor("spark", None, 3):
            pass
