"""Crash safety: a loader killed with SIGKILL at any moment leaves all of its run or none of it, and a rerun then
gives the same warehouse as one clean run.

The killed process runs the load stage, the only code that writes the warehouse: the flow's load task calls the
same `load_run`. Its batch is prepared once and pickled, so each trial costs a process start and a load.
"""

import pickle
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from helpers import ROOT, SEEDS, load_without_prefect, run_without_prefect
from warehouse.load import load_into

TRIALS = 20
LOADER = """
import pickle, sys
from warehouse.connection import connect
from warehouse.load import load_run
from warehouse.migrate import migrate

with open(sys.argv[1], "rb") as f:
    batch = pickle.load(f)
con = connect(sys.argv[2])
migrate(con)
print("loading", flush=True)
load_run(con, batch)
con.close()
"""
# Columns that differ between two correct loads of the same batch: wall-clock times and durations.
VOLATILE = ("_at", "seconds", "duration_s", "last_seen", "first_seen")


def snapshot(path: Path) -> dict[str, list]:
    """Every row of every table, without wall-clock columns, sorted: two equal snapshots hold the same data."""
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute(
        "SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1, 2"
    ).fetchall()
    state = {}
    for schema, table in tables:
        columns = [
            c for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                [schema, table],
            ).fetchall()
            if not c.endswith(VOLATILE)
        ]
        rows = con.execute(f"SELECT {', '.join(f'CAST({c} AS VARCHAR)' for c in columns)} FROM {schema}.{table}").fetchall()
        state[f"{schema}.{table}"] = sorted(rows, key=repr)
    con.close()
    return state


def inconsistencies(path: Path) -> list[str]:
    """Broken references and counts that disagree between facts, dimensions and the run log."""
    checks = {
        "fact without document": """SELECT count(*) FROM (SELECT doc_id FROM core.fact_metric UNION ALL SELECT doc_id FROM core.fact_keyword
                                    UNION ALL SELECT doc_id FROM core.fact_initiative UNION ALL SELECT doc_id FROM core.fact_time_ref)
                                    WHERE doc_id NOT IN (SELECT doc_id FROM core.dim_document)""",
        "document without raw bytes": "SELECT count(*) FROM core.dim_document WHERE doc_id NOT IN (SELECT doc_id FROM raw.document)",
        "document without run": "SELECT count(*) FROM core.dim_document WHERE run_id NOT IN (SELECT run_id FROM ops.pipeline_run)",
        "facts of a superseded document": """SELECT count(*) FROM core.fact_metric JOIN core.dim_document USING (doc_id)
                                             WHERE NOT is_current""",
        # a later run may retire an earlier run's facts (a changed file), never add to them
        "more metrics than the run log says": """SELECT count(*) FROM ops.pipeline_run r WHERE metrics_loaded <
                                                (SELECT count(*) FROM core.fact_metric m WHERE m.run_id = r.run_id)""",
        "the last run's metrics disagree with its log": """SELECT count(*) FROM (SELECT * FROM ops.pipeline_run ORDER BY started_at DESC
                                                          LIMIT 1) r WHERE metrics_loaded <>
                                                          (SELECT count(*) FROM core.fact_metric m WHERE m.run_id = r.run_id)""",
        "outcomes without run": "SELECT count(*) FROM ops.file_outcome WHERE run_id NOT IN (SELECT run_id FROM ops.pipeline_run)",
    }
    con = duckdb.connect(str(path), read_only=True)
    found = [name for name, query in checks.items() if con.execute(query).fetchall()[0][0]]
    con.close()
    return found


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """A warehouse holding the seeds, a pickled run of 200 new articles and one changed seed, and both end states."""
    from bench.synth import generate

    root = tmp_path_factory.mktemp("crash")
    source = root / "source"
    shutil.copytree(SEEDS, source)
    before = load_without_prefect(source, root / "before.duckdb")
    generate(200, source / "new", seed=5)
    changed = sorted(source.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n今年新建党群服务中心12个。", encoding="utf-8")
    batch = run_without_prefect(source, before, run_id="crash-run", folder=root / "run")
    batch_file = root / "batch.pickle"
    batch_file.write_bytes(pickle.dumps(batch))
    after = root / "after.duckdb"
    shutil.copy(before, after)
    proc = subprocess.Popen([sys.executable, "-c", LOADER, str(batch_file), str(after)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "loading"
    started = time.perf_counter()
    assert proc.wait() == 0
    proc.stdout.close()
    return {"before": before, "after": after, "batch": batch, "batch_file": batch_file, "root": root,
            "load_seconds": time.perf_counter() - started}


def _killed_load(scenario, target: Path, delay: float) -> bool:
    """Start the loader on target, SIGKILL it `delay` seconds after it starts loading; True if it was still running."""
    proc = subprocess.Popen([sys.executable, "-c", LOADER, str(scenario["batch_file"]), str(target)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout.readline().strip() == "loading"
    time.sleep(delay)
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return alive


def test_the_run_under_test_changes_the_warehouse(scenario):
    staged = scenario["batch"].staging
    [(documents, replacing)] = duckdb.sql(f"SELECT count(*), count(replaces) FROM read_parquet('{staged}/raw-*.parquet')").fetchall()
    assert documents > 150 and replacing == 1
    assert snapshot(scenario["before"]) != snapshot(scenario["after"])
    assert inconsistencies(scenario["after"]) == []


def test_sigkill_during_load_leaves_all_or_nothing_and_a_rerun_completes_it(scenario):
    rng = random.Random(20261124)
    before, after = snapshot(scenario["before"]), snapshot(scenario["after"])
    window = scenario["load_seconds"] * 1.1  # the loader's own time, commit and checkpoint at close included
    outcomes = {"nothing": 0, "everything": 0}
    killed_while_loading = 0
    for trial in range(TRIALS):
        target = scenario["root"] / f"trial{trial}.duckdb"
        shutil.copy(scenario["before"], target)
        killed_while_loading += _killed_load(scenario, target, rng.uniform(0, window))
        assert inconsistencies(target) == [], f"trial {trial}"
        state = snapshot(target)
        assert state in (before, after), f"trial {trial}: the warehouse holds part of the run"
        outcomes["nothing" if state == before else "everything"] += 1
        if state == before:
            load_into(target, scenario["batch"])
        assert snapshot(target) == after, f"trial {trial}: the rerun did not give the state of one clean run"
        target.unlink()
    print(f"load {scenario['load_seconds']:.2f} s; {TRIALS} SIGKILL trials: {killed_while_loading} killed while loading; warehouse held nothing {outcomes['nothing']}, "
          f"everything {outcomes['everything']}; inconsistent 0")
    assert killed_while_loading >= TRIALS // 2, "the kills mostly missed the load: widen nothing, the timing is off"
    assert outcomes["nothing"] >= 1
