"""`dangjian sql`: ad-hoc SQL on the warehouse."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import duckdb_error, fail, open_warehouse, warehouse_option, write_text_or_echo

DEFAULT_LIMIT = 100


@click.command()
@click.argument("query")
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), help=f"Show at most this many rows (a table shows {DEFAULT_LIMIT} unless told).")
@click.option("--all", "all_rows", is_flag=True, help="Show every row, also in a table.")
@click.option("--bom", is_flag=True, help="Start CSV with a byte-order mark, so that Excel and WPS read it as UTF-8.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to this file instead of printing it.")
@click.option("--write", is_flag=True, help="Open the warehouse read-write (it is read-only otherwise; no run may be loading).")
def sql(query: str, warehouse: Path, fmt: str, limit: int | None, all_rows: bool, bom: bool, output: Path | None, write: bool) -> None:
    """Run QUERY on a read-only connection to the warehouse (read-write with --write).

    A table shows the first 100 rows and says how many there are; csv, json and md give every row unless --limit.
    """
    import duckdb

    from warehouse.publish.render import render_rows

    if not query.strip():
        fail("empty query: give a SQL statement, e.g. dangjian sql \"select * from mart.v_metrics limit 5\"")
    if bom and fmt != "csv":
        fail("--bom is for --format csv")
    if all_rows and limit is not None:
        fail("--limit and --all contradict each other: give one")
    if limit is None and not all_rows and fmt == "table":
        limit = DEFAULT_LIMIT
    con = open_warehouse(warehouse, write)
    try:
        relation = con.sql(query)
        if relation is None:  # a statement without a result (a write, a SET)
            click.echo("ok")
            return
        columns = relation.columns
        rows = relation.limit(limit).fetchall() if limit is not None else relation.fetchall()
        total = relation.count("*").fetchall()[0][0] if limit is not None and len(rows) == limit else len(rows)
    except duckdb.Error as exc:
        fail(duckdb_error(exc, write))
    finally:
        con.close()
    text = render_rows(columns, rows, fmt, total=total)
    write_text_or_echo(("\ufeff" if bom else "") + text, output, f"{len(rows)} rows ({fmt})")
