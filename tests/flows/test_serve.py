"""Scheduling: `dangjian serve` starts a local Prefect server, serves the flow, and the schedule fires real runs."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

DANGJIAN = Path(sys.executable).with_name("dangjian")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_from_a_terminal() -> None:
    """Ctrl-C as a shell would deliver it: in the whole suite this process may run with SIGINT blocked or ignored,
    which a child inherits (serve then kept running scheduled runs for 150 s after SIGINT)."""
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _signal_masks(pid: int) -> str:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "no /proc status"
    return ", ".join(line for line in lines if line.startswith(("SigBlk", "SigIgn", "SigCgt")))


def _runs(warehouse: Path) -> list:
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:  # not created yet, or a scheduled run holds the write lock
        return []
    try:
        return con.execute("SELECT run_id, status, files_loaded FROM ops.pipeline_run ORDER BY started_at").fetchall()
    except duckdb.Error:
        return []
    finally:
        con.close()


def _completed(port: int) -> list:
    """Flow runs the server has seen complete."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/flow_runs/filter",
        data=json.dumps({"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except OSError:
        return []


def test_a_schedule_fires_real_runs_on_a_local_server(seed_copy, tmp_path):
    port, warehouse = _free_port(), tmp_path / "wh.duckdb"
    env = {**os.environ, "DANGJIAN_STATE_DIR": str(tmp_path / "state")}
    env.pop("PREFECT_API_URL", None)
    log = tmp_path / "serve.log"  # a file, not a pipe: an undrained pipe would block the server's logging
    serve = subprocess.Popen(
        [str(DANGJIAN), "serve", "--interval", "10", "--port", str(port), "--source", str(seed_copy), "--warehouse", str(warehouse)],
        env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_as_from_a_terminal,
    )
    try:
        # Watch the server, not the warehouse: a reader's lock on the file would get in the runs' way.
        deadline = time.monotonic() + 240
        while len(completed := _completed(port)) < 2:
            assert serve.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"no two scheduled runs completed within 240 s:\n{log.read_text()[-3000:]}"
            time.sleep(2)
        assert all(run["deployment_id"] for run in completed)
        assert (tmp_path / "state" / "prefect-server").is_dir()  # the server's database lives in the state folder
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            # a scheduled run in flight finishes first; on a busy 2-core machine that took over a minute once
            serve.wait(timeout=150)
        except subprocess.TimeoutExpired:
            masks = _signal_masks(serve.pid)
            os.killpg(serve.pid, signal.SIGKILL)
            pytest.fail(f"dangjian serve did not stop on Ctrl-C ({masks})")
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the local Prefect server outlived dangjian serve"
    runs = _runs(warehouse)
    assert [status for _, status, _ in runs] == ["succeeded"] * len(runs) and len(runs) >= 2
    assert [loaded for _, _, loaded in runs][:2] == [5, 0]
