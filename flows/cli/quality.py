"""`dangjian quality`: a run's data-quality summary."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import fail, open_warehouse, warehouse_option


@click.command()
@click.option("--run", "run_id", help="Run id (default: the latest run).")
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json"]), default="table", show_default=True)
def quality(run_id: str | None, warehouse: Path, fmt: str) -> None:
    """Summarise a run's data-quality checks: suites, failing expectations with counts and sample ids, Data Docs."""
    from warehouse.quality.summary import quality_summary, render_quality

    con = open_warehouse(warehouse)
    try:
        summary = quality_summary(con, run_id)
    except LookupError as exc:
        fail(str(exc))
    finally:
        con.close()
    click.echo(render_quality(summary, fmt))
