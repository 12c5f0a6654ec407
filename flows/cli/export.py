"""`dangjian export`: the public marts as Parquet or CSV files."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import fail, open_warehouse, warehouse_option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write the files into.")
@click.option("--bom", is_flag=True, help="Start each CSV file with a byte-order mark, so that Excel and WPS read it as UTF-8.")
@warehouse_option
def export(fmt: str, output: Path, bom: bool, warehouse: Path) -> None:
    """Write the marts (v_metrics, v_documents, v_initiatives, v_indicator_panel) as Parquet or CSV files for other tools."""
    from warehouse.publish.export import export_marts

    if bom and fmt != "csv":
        fail("--bom is for --format csv")
    con = open_warehouse(warehouse)
    try:
        written = export_marts(con, fmt, output, bom)
    finally:
        con.close()
    for view, (path, rows) in written.items():
        click.echo(f"{view:18} {rows:>8} rows  {path}")
