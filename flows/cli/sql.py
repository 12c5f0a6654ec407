"""`dangjian sql`: ad-hoc SQL on the warehouse."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import fail, open_warehouse, warehouse_option


@click.command()
@click.argument("query")
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Open the warehouse read-write (it is read-only otherwise; no run may be loading).")
def sql(query: str, warehouse: Path, fmt: str, write: bool) -> None:
    """Run QUERY on a read-only connection to the warehouse (read-write with --write)."""
    import duckdb

    from warehouse.publish.render import render

    con = open_warehouse(warehouse, write)
    try:
        relation = con.sql(query)
        frame = relation.df() if relation is not None else None
    except duckdb.Error as exc:
        fail(str(exc).splitlines()[0])
    finally:
        con.close()
    click.echo(render(frame, fmt) if frame is not None else "ok")
