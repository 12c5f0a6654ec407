"""The Prefect server a `dangjian run` starts for itself when PREFECT_API_URL names none."""

import json
import os
import subprocess
import sys

import pytest

from helpers import ROOT
from flows.runtime.api_server import healthy, start_run_api
from transforms.errors import ServerDidNotStart

CHILD = """
from flows.runtime.api_server import start_run_api

server = start_run_api()
server.wait_ready()
print(server.process.pid, server.api_url)
"""


@pytest.fixture
def shell_env() -> dict:
    return {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}


def test_a_process_without_a_server_starts_one_that_stops_when_it_exits(shell_env):
    child = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=shell_env, capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    pid, api_url = child.stdout.split()
    assert not healthy(api_url)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)


def test_a_named_server_is_used_as_it_is(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert start_run_api() is None and os.environ["PREFECT_API_URL"] == "http://127.0.0.1:9/api"


def test_a_server_that_dies_is_one_clear_error(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "")  # recorded, so the variable the start sets is undone after the test
    server = start_run_api()
    server.process.kill()
    with pytest.raises(ServerDidNotStart, match="did not start; see .*run-server.log"):
        server.wait_ready()


def test_dangjian_run_from_a_shell_reports_to_its_own_server(shell_env, seed_copy, warehouse_path, tmp_path):
    state = tmp_path / "state"
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--source", str(seed_copy), "--warehouse", str(warehouse_path), "--json"],
        cwd=ROOT, env={**shell_env, "DANGJIAN_STATE_DIR": str(state)}, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert (state / "prefect" / "run-server.log").exists()  # this server, not Prefect's own ephemeral one
    # nothing logged to stderr but the progress line a run off a terminal writes per slice, e.g. no "Error logging to API"
    assert [line for line in result.stderr.splitlines() if not line.startswith("progress: ")] == []
    summary = json.loads(result.stdout)
    assert (summary["files_loaded"], summary["metrics_loaded"]) == (5, 92)
