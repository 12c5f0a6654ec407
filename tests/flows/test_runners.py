"""Runners: clean and extract batches in local worker processes or on a Dask cluster give the same warehouse."""

import subprocess
import sys

import duckdb
import pytest

from flows.runtime.runners import batch_executor, one_ahead

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


def test_serial_processes_and_dask_load_the_same_warehouse(flow, seed_copy, tmp_path, monkeypatch):
    serial = flow(str(seed_copy), str(tmp_path / "serial.duckdb"), batch_size=2, workers=1)
    processes = flow(str(seed_copy), str(tmp_path / "processes.duckdb"), batch_size=2, workers=2)
    dask = flow(str(seed_copy), str(tmp_path / "dask.duckdb"), batch_size=2, runner="dask", workers=2)
    assert serial["metrics_loaded"] == processes["metrics_loaded"] == dask["metrics_loaded"] > 0
    reference = _contents(tmp_path / "serial.duckdb")
    assert _contents(tmp_path / "processes.duckdb") == reference
    assert _contents(tmp_path / "dask.duckdb") == reference


def test_one_worker_or_one_batch_runs_in_this_process():
    with batch_executor("local", None, 1, 10) as executor:
        assert executor is None
    with batch_executor("local", None, 2, 1) as executor:
        assert executor is None
    with pytest.raises(ValueError, match="unknown runner"):
        with batch_executor("spark", None, 2, 3):
            pass


def test_the_next_item_is_taken_before_the_one_ahead_of_it_is_handed_out():
    taken = []

    def items():
        for i in range(3):
            taken.append(i)
            yield i

    handed = [(item, list(taken)) for item in one_ahead(items())]
    assert handed == [(0, [0, 1]), (1, [0, 1, 2]), (2, [0, 1, 2])]
    assert list(one_ahead([])) == []


def test_a_run_in_slices_loads_what_one_slice_loads(flow, seed_copy, tmp_path, monkeypatch):
    """Copies whose originals sit in another slice are still found: exact ones while reading, near ones at the end."""
    seeds = sorted(seed_copy.iterdir())
    (seed_copy / "zz_exact.txt").write_bytes(seeds[1].read_bytes())
    (seed_copy / "zz_near.txt").write_text("转载自市委组织部网站\n" + "。".join(seeds[3].read_text(encoding="utf-8").split("。")[1:]), encoding="utf-8")
    whole = flow(str(seed_copy), str(tmp_path / "whole.duckdb"))
    monkeypatch.setattr("flows.etl.SLICE", 2)
    sliced = flow(str(seed_copy), str(tmp_path / "sliced.duckdb"), batch_size=1)
    assert (sliced["files_duplicate"], sliced["files_loaded"]) == (whole["files_duplicate"], whole["files_loaded"]) == (2, 5)
    assert _contents(tmp_path / "sliced.duckdb") == _contents(tmp_path / "whole.duckdb")
    assert not list((tmp_path / "sliced.state" / "staging").iterdir())  # the staging folder is gone once the run is loaded


def test_a_rerun_validates_its_few_changed_documents_in_one_slice(flow, seed_copy, tmp_path, monkeypatch):
    """Slices count new or changed documents, not files read: each slice costs a validation and a staging call."""
    import flows.etl
    import flows.tasks
    from transforms.validate.runner import validate

    calls = []
    monkeypatch.setattr(flows.tasks, "validate", lambda tables: calls.append(tables.documents.num_rows) or validate(tables))
    monkeypatch.setattr(flows.etl, "SLICE", 2)
    warehouse = tmp_path / "wh.duckdb"
    flow(str(seed_copy), str(warehouse), batch_size=1)
    assert calls == [2, 2, 1]
    calls.clear()
    first, last = sorted(seed_copy.iterdir())[0], sorted(seed_copy.iterdir())[-1]
    for path in (first, last):
        path.write_text(path.read_text(encoding="utf-8") + "\n今年新建党群服务中心12个。", encoding="utf-8")
    second = flow(str(seed_copy), str(warehouse), batch_size=1)
    assert (second["files_loaded"], second["files_unchanged"]) == (2, 3)
    assert calls == [2]


def test_warming_up_loads_what_the_first_batch_would():
    """Run in a fresh process, as a worker is: every table a batch loads on first use is loaded by warm_up."""
    probe = (
        "from transforms.batch import warm_up\n"
        "from transforms.extract import gazetteer, keywords, segmenters\n"
        "loaders = [segmenters.cutter, keywords._idf, gazetteer.name_index, gazetteer._name_scan, gazetteer.names_led_by_numerals]\n"
        "warm_up('rjieba')\n"
        "print([f.cache_info().currsize for f in loaders])\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[1, 1, 1, 1, 1]"


def test_a_started_worker_leaves_what_it_loaded_out_of_collections():
    probe = (
        "import gc\n"
        "from flows.runtime.memory import WORKER_GC_THRESHOLD\n"
        "from flows.runtime.runners import start_worker\n"
        "from transforms.batch import warm_up\n"
        "start_worker(warm_up)\n"
        "print(gc.get_freeze_count() > 10_000, gc.get_threshold()[0] == WORKER_GC_THRESHOLD)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def _die() -> None:
    import os

    os._exit(9)


def test_a_worker_that_dies_is_one_clear_retryable_error():
    from flows.runtime.runners import results
    from transforms.errors import RetryableError, WorkerLost

    with batch_executor("local", None, workers=2, batches=2) as pool:
        assert pool is not None
        with pytest.raises(WorkerLost, match="a worker process ended .*BrokenProcessPool.*nothing of this run was loaded"):
            results([pool.submit(abs, -1), pool.submit(_die)])
    assert issubclass(WorkerLost, RetryableError)


@pytest.mark.parametrize(
    ("documents", "lanes", "sizes"),
    [
        (1000, 2, [167] * 5 + [165]),  # not 5 of 200, the last running alone on one worker
        (2000, 2, [200] * 10),
        (100, 2, [50, 50]),
        (999, 1, [200] * 4 + [199]),
        (1, 2, [1]),
        (0, 2, []),
    ],
)
def test_a_slice_is_cut_into_batches_that_keep_every_worker_busy_to_the_end(documents, lanes, sizes):
    from flows.etl import _chunks

    chunks = _chunks(list(range(documents)), 200, lanes)
    assert [len(c) for c in chunks] == sizes
    assert [x for c in chunks for x in c] == list(range(documents))
