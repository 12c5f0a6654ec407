"""`dangjian run`: the flow over a folder of articles, and its summary."""

from __future__ import annotations

import time
from pathlib import Path

import click

from flows.cli.common import fail, warehouse_option
from flows.cli.output import as_json, run_summary
from flows.settings import DEFAULT_SOURCE, MAX_FILE_MB


@click.command()
@click.option("--source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SOURCE, show_default=True,
              help="Folder of .txt/.html/.htm articles (searched recursively).")
@warehouse_option
@click.option("--json", "as_json_flag", is_flag=True, help="Print the summary as JSON.")
@click.option("--strict", is_flag=True, help="Fail the run, loading nothing, if any critical data-quality check fails.")
@click.option("--runner", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where clean and extract run: local worker processes, or a Dask cluster.")
@click.option("--address", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=MAX_FILE_MB, show_default=True,
              help="Quarantine, unread, any file larger than this many MiB.")
@click.option("--segmenter", type=click.Choice(["jieba", "rjieba"]),
              help="Word segmenter for keywords: rjieba (jieba-rs, much faster) or jieba (the reference; see `dangjian agreement`). "
                   "Default: $DANGJIAN_SEGMENTER, else rjieba.")
@click.option("--rehash", is_flag=True,
              help="Read and hash every file, also those whose size and modification time are as when they were last read.")
def run(
    source: Path, warehouse: Path, as_json_flag: bool, strict: bool, runner: str, address: str | None, max_file_mb: float,
    segmenter: str | None, rehash: bool,
) -> None:
    """Run the ETL flow over SOURCE into the warehouse and print a summary."""
    import psutil

    from flows.run import run_flow
    from flows.runtime.progress import bars_on_terminal
    from transforms.errors import PipelineError
    from transforms.ingest.scan import nothing_to_read

    if not source.is_dir():
        fail(f"source folder {source} does not exist")
    if (empty := nothing_to_read(source)) is not None:
        fail(empty)
    if warehouse.exists():
        _openable(warehouse)
    try:
        with bars_on_terminal():
            summary = run_flow(source, warehouse, strict, runner, address, max_file_mb, segmenter, rehash)
    except PipelineError as exc:
        fail(str(exc))
    summary["command_seconds"] = round(time.time() - psutil.Process().create_time(), 2)
    click.echo(as_json(summary) if as_json_flag else run_summary(summary))


def _openable(warehouse: Path) -> None:
    """A file that is no warehouse is one line before the flow starts; a locked one is for the flow to wait for."""
    from transforms.errors import WarehouseBusy, WarehouseUnreadable
    from warehouse.connection import connect

    try:
        connect(warehouse, read_only=True).close()
    except WarehouseUnreadable as exc:
        fail(str(exc))
    except WarehouseBusy:
        pass
