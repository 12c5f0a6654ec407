"""Scheduled runs: a local Prefect server on loopback, and the flow served as a deployment with a schedule.

Prefect's ephemeral mode cannot schedule, so `dangjian serve` connects to the server named by PREFECT_API_URL or
starts `prefect server start` itself, with its database in the project's state folder.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

from flows.runtime.api_server import healthy, stop, wait_healthy
from flows.runtime.prefect_db import seed
from flows.settings import child_environment, current, use_prefect_api
from transforms.errors import PortTaken, ServerDidNotStart

DEPLOYMENT = "scheduled"
STARTUP_SECONDS = 90


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def local_server(port: int):
    """Yield the API URL of a Prefect server on 127.0.0.1:port, starting one (and stopping it after) if none runs."""
    api_url = f"http://127.0.0.1:{port}/api"
    if healthy(api_url):
        yield api_url
        return
    if _listening(port):
        raise PortTaken(f"port {port} is taken by something that is not a Prefect server; pass --port")
    home = current().state_dir / "prefect-server"
    home.mkdir(parents=True, exist_ok=True)
    seed(home)
    env = child_environment(
        PREFECT_HOME=str(home),  # the server's SQLite database lives here
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
        PREFECT_SERVER_UI_ENABLED="true",
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS=current().scheduler_loop_seconds,
    )
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("ab")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
        # Its own session: Ctrl-C reaches `dangjian serve`, which stops the runner first and the server last.
        start_new_session=True,
    )
    try:
        wait_healthy(server, api_url, STARTUP_SECONDS, home / "server.log")
        yield api_url
    finally:
        stop(server)
        log.close()


@contextmanager
def _server(port: int):
    if configured := current().prefect_api_url:
        if not healthy(configured.rstrip("/")):
            raise ServerDidNotStart(f"no Prefect server answers at PREFECT_API_URL={configured}")
        yield configured.rstrip("/")
        return
    with local_server(port) as api_url:
        yield api_url


def serve(source: Path, warehouse: Path, cron: str | None, interval: int | None, port: int) -> None:
    """Serve the flow with its schedule until interrupted, on the server PREFECT_API_URL names or a local one."""
    with _server(port) as api_url:
        use_prefect_api(api_url)
        from flows.etl import dangjian_etl

        # Prefect's runner stops on SIGTERM through a coroutine it never awaits; the warning says nothing to our users.
        warnings.filterwarnings("ignore", message="coroutine 'Runner.astop' was never awaited")
        print(f"serving dangjian-etl/{DEPLOYMENT} ({f'cron {cron}' if cron else f'every {interval} s'}); Prefect UI: {api_url.removesuffix('/api')}")
        dangjian_etl.serve(
            name=DEPLOYMENT,
            cron=cron,
            interval=interval,
            parameters={"source": str(source), "warehouse": str(warehouse)},
            limit=1,  # one writer per warehouse: a run that falls due while another loads waits for it
            print_starting_message=False,
        )
