"""Concurrency: while one process holds the warehouse for writing, a second run waits a bounded time and then
stops with one line naming the holder; `sql` and `report` give the same line at once, and answer from the last
committed state as soon as the writer is done. DuckDB lets one process open a file for writing, and then no other
process may open it at all."""

import shutil
import subprocess
import sys
import time

import pytest

from helpers import ROOT, SEEDS

HOLDER = """
import sys
from warehouse.connection import connect

con = connect(sys.argv[1])
con.execute("BEGIN")
con.execute("DELETE FROM core.fact_metric")
print("holding", flush=True)
sys.stdin.read()
con.execute("ROLLBACK")
con.close()
"""


def dangjian(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def held(seeded_warehouse, tmp_path):
    """A copy of the seeded warehouse and a process in the middle of a write transaction on it."""
    path = tmp_path / "held.duckdb"
    shutil.copy(seeded_warehouse, path)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    yield path, proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=30)


def _one_line_naming(result: subprocess.CompletedProcess, pid: int) -> str:
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert result.returncode != 0
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0] and f"process {pid} (python -c" in lines[0]
    return lines[0]


def test_sql_and_report_answer_the_holder_at_once_then_the_committed_state(held, gold):
    path, proc = held
    for args in (["sql", "SELECT count(*) AS n FROM core.fact_metric"], ["report", "last_runs"]):
        started = time.perf_counter()
        result = dangjian(*args, "--warehouse", str(path))
        assert time.perf_counter() - started < 20
        assert _one_line_naming(result, proc.pid).startswith(f"error: warehouse {path} is locked by")
    proc.stdin.close()
    proc.wait(timeout=30)
    after = dangjian("sql", "SELECT count(*) AS n FROM core.fact_metric", "--warehouse", str(path), "--format", "csv")
    assert after.returncode == 0 and int(after.stdout.split()[-1]) == len(gold["metrics"])  # the holder's delete is gone


def test_a_second_run_waits_a_bounded_time_then_names_the_holder(held, tmp_path):
    path, proc = held
    source = tmp_path / "seeds"
    shutil.copytree(SEEDS, source)
    started = time.perf_counter()
    result = dangjian("run", "--source", str(source), "--warehouse", str(path), timeout=180)
    waited = time.perf_counter() - started
    line = _one_line_naming(result, proc.pid)
    assert line.startswith(f"error: warehouse {path} is locked by")
    assert 10 <= waited < 90  # five retries two seconds apart, after Prefect's start-up


@pytest.mark.filterwarnings("ignore:Logger 'prefect.task_runs' attempted to send logs to the API without a flow run id")
@pytest.mark.parametrize("first_error, calls", [("busy", 2), ("out of memory", 1)])
def test_the_load_retries_a_held_lock_but_not_an_error_that_would_recur(prefect_harness, monkeypatch, tmp_path, first_error, calls):
    import duckdb

    import flows.tasks
    import warehouse.load
    from transforms.errors import LoadOutOfMemory, WarehouseBusy

    made = []

    def write_run(con, batch, now):
        made.append(1)
        if len(made) == 1 and first_error == "busy":
            raise WarehouseBusy("warehouse w.duckdb is locked by process 1")
        if first_error == "out of memory":
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate data of size 2.0 MiB")
        return "loaded"

    monkeypatch.setattr(warehouse.load, "_write_run", write_run)
    batch = warehouse.load.RunBatch("r1", None, "src", warehouse.staging.create(tmp_path / "run"), [], {})
    if first_error == "out of memory":
        with pytest.raises(LoadOutOfMemory, match=r"out of memory under its 192MB limit; nothing was loaded.*DANGJIAN_LOAD_MB"):
            flows.tasks.load_task(str(tmp_path / "w.duckdb"), batch)
    else:
        assert flows.tasks.load_task(str(tmp_path / "w.duckdb"), batch) == "loaded"
    assert len(made) == calls


def test_the_load_memory_limit_grows_with_the_warehouse_and_its_working_memory(tmp_path):
    from warehouse.connection import connect
    from warehouse.load import memory_limit
    from warehouse.migrate import migrate

    con = connect(tmp_path / "w.duckdb")
    migrate(con)
    assert (memory_limit(con, 0, 192), memory_limit(con, 100_000, 192)) == ("192MB", "241MB")
    assert memory_limit(con, 0, 1024) == "1024MB"
    con.close()
