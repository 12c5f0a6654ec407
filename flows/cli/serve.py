"""`dangjian serve`: the flow on a schedule, from a local Prefect server."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from flows.cli.common import fail, warehouse_option
from flows.settings import DEFAULT_SOURCE


@click.command()
@click.option("--cron", help='Cron schedule, e.g. "0 2 * * *" (every day at 02:00).')
@click.option("--interval", type=click.IntRange(min=5), help="Run every N seconds instead of on a cron schedule.")
@click.option("--source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SOURCE, show_default=True)
@warehouse_option
@click.option("--port", type=int, default=4200, show_default=True, help="Port of the local Prefect server (127.0.0.1).")
def serve(cron: str | None, interval: int | None, source: Path, warehouse: Path, port: int) -> None:
    """Run the flow on a schedule, served from a local Prefect server (or the one PREFECT_API_URL names)."""
    from flows.runtime.serve import serve as serve_flow
    from transforms.errors import PipelineError

    if bool(cron) == bool(interval):
        fail("give exactly one of --cron or --interval")
    if cron:
        from cronsim import CronSim, CronSimError  # what Prefect itself uses to read cron strings

        try:
            CronSim(cron, datetime.now())
        except CronSimError:
            fail(f"not a cron schedule: {cron!r} (five fields, e.g. \"0 2 * * *\")")
    if not source.is_dir():
        fail(f"source folder {source} does not exist")
    try:
        serve_flow(source.resolve(), warehouse.resolve(), cron, interval, port)
    except PipelineError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("stopped")
