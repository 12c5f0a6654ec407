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
    from transforms.errors import WarehouseBusy, WarehouseMissing
    from warehouse.connection import connect

    if write and not warehouse.exists():
        fail(f"no warehouse at {warehouse}: run `dangjian run` first")
    try:
        return connect(warehouse, read_only=not write)
    except (WarehouseBusy, WarehouseMissing) as exc:
        fail(str(exc))
