"""`dangjian purge-raw`: delete the stored original files from the raw layer."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import open_warehouse, warehouse_option


@click.command(name="purge-raw")
@warehouse_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge_raw(warehouse: Path, yes: bool) -> None:
    """Delete the original bytes and decoded text of every input file from the raw layer (hashes and facts stay)."""
    from warehouse.publish.purge import purge_raw as purge

    if not yes:
        click.confirm(f"Delete the stored original files from {warehouse}?", abort=True)
    con = open_warehouse(warehouse, write=True)
    try:
        purged = purge(con)
    finally:
        con.close()
    click.echo(f"purged the original bytes and text of {purged} documents from raw.document")
