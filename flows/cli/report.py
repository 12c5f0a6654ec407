"""`dangjian report`: a named report from sql/reports/, or the HTML report."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli.common import duckdb_error, fail, open_warehouse, warehouse_option, write_text_or_echo


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_reports", is_flag=True, help="List the reports with their descriptions and parameters.")
@click.option("--html", "html_page", is_flag=True,
              help="Write the self-contained HTML report (summary, charts, every figure with its evidence) to --output "
                   "(default warehouse/<name>.html).")
@click.option("--param", "assignments", multiple=True, metavar="KEY=VALUE", help="A report parameter (repeatable; --list shows them).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "md", "html"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the result to this file instead of printing it.")
@warehouse_option
def report(
    name: str | None, list_reports: bool, html_page: bool, assignments: tuple[str, ...], fmt: str, output: Path | None, warehouse: Path
) -> None:
    """Run the named report from sql/reports/; without NAME, list the reports; with --html, write the HTML report."""
    import duckdb

    from transforms.errors import ReportError, UnknownReport
    from warehouse.publish.render import render
    from warehouse.publish.reports import bind, catalogue, get, run_report

    if html_page:
        if name:
            fail(f"--html writes the whole HTML report, not report {name}: drop the name, or use --format html for {name} alone")
        _html_report(warehouse, output or warehouse.with_suffix(".html"))
        return
    try:
        if list_reports or not name:
            for r in catalogue().values():
                click.echo(f"{r.name:26} {r.description}")
                if r.description_zh:
                    click.echo(f"{'':28}{r.description_zh}")
                for p in r.params.values():
                    click.echo(f"{'':28}--param {p.describe()}: {p.doc}")
            return
        chosen = get(name)
        params = bind(chosen, assignments)  # bad parameters fail before the warehouse is opened
    except (UnknownReport, ReportError) as exc:
        fail(str(exc))
    con = open_warehouse(warehouse)
    try:
        frame = run_report(con, chosen, params)
    except ReportError as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(duckdb_error(exc))
    finally:
        con.close()
    text = render(frame, fmt, title=" / ".join(filter(None, (chosen.description_zh, chosen.description))))
    write_text_or_echo(text, output, f"{len(frame)} rows of report {name} ({fmt})")


def _html_report(warehouse: Path, output: Path) -> None:
    from warehouse.publish.html_report import write_html_report

    con = open_warehouse(warehouse)
    try:
        path = write_html_report(con, output)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    finally:
        con.close()
    click.echo(f"wrote the HTML report to {path} (one file, opens offline)")
