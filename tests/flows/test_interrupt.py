"""A `dangjian run` stopped by SIGTERM (`kill`, a scheduler's timeout, a service stop) cleans up after itself."""

import contextlib
import os
import signal
import subprocess
import sys
import time

import duckdb
import psutil

from helpers import ROOT
from bench.synth import generate


def _command(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:  # ended since it was listed
        return []


def _descendants_once_working(run: subprocess.Popen, seconds: float = 120) -> list[psutil.Process]:
    """The run's server and worker processes, once its workers have started."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert run.poll() is None, run.stderr.read()
        children = psutil.Process(run.pid).children(recursive=True)
        if sum("spawn_main" in " ".join(_command(c)) for c in children) >= 2:
            return children
        time.sleep(0.2)
    raise AssertionError("the run's workers did not start")


def test_sigterm_stops_the_server_and_workers_removes_staging_and_loads_nothing(tmp_path):
    source, warehouse = tmp_path / "corpus", tmp_path / "w.duckdb"
    generate(1000, source, seed=3)  # seconds of work after the workers start: the signal comes before the load
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update(DANGJIAN_STATE_DIR=str(tmp_path / "state"), DANGJIAN_WORKERS="2")
    run = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--source", str(source), "--warehouse", str(warehouse), "--json"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    children, err = [], ""
    try:
        children = _descendants_once_working(run)
        run.send_signal(signal.SIGTERM)
        _, err = run.communicate(timeout=90)
    finally:
        for process in [*children, run]:  # only when the run did not stop: nothing of it outlives the test
            with contextlib.suppress(psutil.Error, OSError):
                process.kill()
    assert run.returncode == 128 + signal.SIGTERM, err[-3000:]
    _, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, [c.cmdline() for c in alive]
    staging = tmp_path / "w.state" / "staging"
    assert not staging.exists() or not any(staging.iterdir())
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert con.execute("select count(*) from raw.document").fetchone() == (0,)
    finally:
        con.close()
