"""The Prefect API a `dangjian run` reports to, started before the run imports its stages.

Without PREFECT_API_URL, Prefect starts the same server (its "ephemeral" mode) only when the flow is first called:
the run first spends seconds importing the server's modules itself, then waits while the server process imports them
again. Started first, the server's start-up overlaps the run's own imports, and the run never imports the server.
"""

from __future__ import annotations

import atexit
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from flows.runtime.prefect_db import seed
from flows.settings import child_environment, configure_prefect, current, use_prefect_api
from transforms.errors import ServerDidNotStart

STARTUP_SECONDS = 60


def healthy(api_url: str) -> bool:
    """Whether a Prefect API answers at api_url."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(process: subprocess.Popen, api_url: str, seconds: float, log: Path) -> None:
    """Wait until the server process answers at api_url; raise if it exits or takes longer than seconds."""
    deadline = time.monotonic() + seconds
    while not healthy(api_url):
        if process.poll() is not None or time.monotonic() > deadline:
            raise ServerDidNotStart(f"the Prefect server at {api_url.removesuffix('/api')} did not start; see {log}")
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    """Stop a server process, killing it if it does not end within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class RunServer:
    """A Prefect API server process on a free loopback port, as Prefect's ephemeral mode runs it."""

    def __init__(self, log: Path) -> None:
        port = _free_port()
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.log = log
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                 "--host", "127.0.0.1", "--port", str(port),
                 "--log-level", "error", "--lifespan", "on"],
                # The variables Prefect's ephemeral mode sets: no UI, no background services.
                env=child_environment(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1"),
                stdout=out, stderr=subprocess.STDOUT,
            )

    def wait_ready(self) -> None:
        wait_healthy(self.process, self.api_url, STARTUP_SECONDS, self.log)


def start_run_api() -> RunServer | None:
    """Start a server for this process unless PREFECT_API_URL names one, and point Prefect at it.

    Call before Prefect is imported: Prefect reads PREFECT_API_URL once, when it loads its settings. The server stops
    when the process exits, after Prefect's exit hooks (registered later, so run first) have sent the last logs.
    """
    if current().prefect_api_url:
        return None
    configure_prefect()  # the server must share the run's PREFECT_HOME and quiet settings; creates <state>/prefect
    home = current().state_dir / "prefect"
    seed(home)
    server = RunServer(home / "run-server.log")
    atexit.register(stop, server.process)
    use_prefect_api(server.api_url)
    return server
