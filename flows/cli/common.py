"""What the commands share: the warehouse option, one-line errors, opening the warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from flows.settings import DEFAULT_WAREHOUSE

warehouse_option = click.option(
    "--warehouse", "warehouse", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_WAREHOUSE,
    show_default=True, help="DuckDB warehouse file.",
)


def fail(message: str) -> None:
    """One line on stderr, exit code 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def open_warehouse(warehouse: Path, write: bool = False):
    """A connection to the warehouse, read-only unless write; a missing or locked warehouse is one line."""
    from transforms.errors import WarehouseBusy, WarehouseMissing, WarehouseUnreadable
    from warehouse.connection import connect

    if write and not warehouse.exists():
        fail(f"no warehouse at {warehouse}: run `dangjian run` first")
    try:
        return connect(warehouse, read_only=not write)
    except (WarehouseBusy, WarehouseMissing, WarehouseUnreadable) as exc:
        fail(str(exc))


def duckdb_error(exc: Exception, write: bool = False) -> str:
    """DuckDB's message as one line, keeping its hints (Did you mean "mart.v_metrics"?, candidate columns)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    message = lines[0] if lines else type(exc).__name__
    hints = [line for line in lines[1:] if line.startswith(("Did you mean", "Candidate"))]
    text = "; ".join([message, *hints])
    if not write and "read-only mode" in message:
        text += "; add --write to open the warehouse for writing (while no run is loading)"
    return text


def write_text_or_echo(text: str, output: Path | None, what: str) -> None:
    """Print the text, or write it to `output` and say so in one line."""
    if output is None:
        click.echo(text)
        return
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    click.echo(f"wrote {what} to {output}")
