"""Render query results and run summaries for the terminal."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

NO_PAGE = "none (the run validated no new document; its integrity checks are above)"


def render(frame: pd.DataFrame, fmt: str, title: str = "") -> str:
    """A query result as a terminal table, CSV, JSON, a Markdown table or a standalone HTML page (titled `title`)."""
    # pandas is imported here, not with the module: `dangjian run` imports this module before it starts its Prefect
    # server, and its worker processes import it again, where pandas' 0.7 s would be spent for nothing.
    import pandas as pd

    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1)
    if fmt == "md":
        return markdown_table(frame)
    if fmt == "html":
        return html_page(frame, title)
    if frame.empty:
        return "(no rows)"
    with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 250, "display.max_colwidth", 60):
        return frame.to_string(index=False)


def _cell(value) -> str:
    """A value as a spreadsheet would show it: blank for missing, whole floats without `.0`."""
    import pandas as pd

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    return str(value)


def markdown_table(frame: pd.DataFrame) -> str:
    """GitHub-flavoured Markdown: pipes escaped and line breaks flattened so every row stays one table row."""

    def row(cells) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|").replace("\r", " ").replace("\n", " ") for c in cells) + " |"

    lines = [row(frame.columns), "|" + "---|" * len(frame.columns)]
    lines += [row(_cell(v) for v in values) for values in frame.itertuples(index=False)]
    return "\n".join(lines)


def html_page(frame: pd.DataFrame, title: str = "") -> str:
    """A minimal standalone HTML page holding the frame as a table, every value escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in values) + "</tr>" for values in frame.itertuples(index=False))
    title = html.escape(title)
    heading = f"<h1>{title}</h1>\n" if title else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>\n'
        "<style>table{border-collapse:collapse;font:14px sans-serif}th,td{border:1px solid #ccc;padding:2px 6px}"
        "th{background:#eee}</style></head>\n"
        f"<body>{heading}<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</body></html>"
    )


def run_summary(summary: dict) -> str:
    lines = [
        f"run {summary['run_id']} finished in {summary['seconds']:.1f} s",
        f"  files seen        {summary['files_seen']}",
        f"  new               {summary['files_new']}",
        f"  unchanged         {summary['files_unchanged']}",
        f"  loaded            {summary['files_loaded']}",
        f"  duplicates        {summary['files_duplicate']}",
        f"  quarantined       {summary['files_quarantined']}",
    ]
    for reason, n in sorted(summary.get("quarantine_reasons", {}).items()):
        lines.append(f"    {n} x {reason}")
    lines.append(f"  metrics loaded    {summary['metrics_loaded']}")
    stages = summary.get("stage_seconds") or {}
    if stages:
        lines.append("  stage seconds     " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
        if summary.get("seconds"):
            lines.append(f"  validate share    {100 * stages.get('validate', 0.0) / summary['seconds']:.1f} % of the run")
    if summary.get("data_docs"):
        lines.append(f"  data docs         {summary['data_docs']}")
    return "\n".join(lines)


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)


def render_quality(summary: dict, fmt: str) -> str:
    """A run's data-quality summary as a terminal table, Markdown (the Prefect artifact) or JSON."""
    if fmt == "json":
        return as_json(summary)
    verdict = "passed" if summary["success"] else "FAILED"
    failures = summary["failures"]
    if fmt == "md":
        lines = [f"# Data quality of run `{summary['run_id']}`: {verdict}", "", "| suite | result | expectations | critical failed | warnings | rows checked | rows quarantined |",
                 "|---|---|---|---|---|---|---|"]
        lines += [f"| {s['suite']} | {'passed' if s['success'] else 'FAILED'} | {s['evaluated']} | {s['failed_critical']} | {s['failed_warning']} | "
                  f"{s['rows_checked']} | {s['rows_quarantined']} |" for s in summary["suites"]]
        if failures:
            lines += ["", "| suite | check | severity | column | unexpected | % | sample ids |", "|---|---|---|---|---|---|---|"]
            lines += [f"| {f['suite']} | {f['check_name']}: {f['description']} | {f['severity']} | {f['column_name'] or ''} | {f['unexpected_count']} | "
                      f"{f['unexpected_percent']} | {', '.join(map(str, list(f['sample_ids'])[:5]))} |" for f in failures]
        lines += ["", f"Data Docs: `{summary['data_docs']}`" if summary["data_docs"] else f"Data Docs: {NO_PAGE}"]
        return "\n".join(lines)
    lines = [f"data quality of run {summary['run_id']}: {verdict}"]
    for s in summary["suites"]:
        lines.append(f"  {s['suite']:<10} {'passed' if s['success'] else 'FAILED':<7} {s['evaluated']} expectations, {s['failed_critical']} critical and "
                     f"{s['failed_warning']} warnings failed, {s['rows_checked']} rows checked, {s['rows_quarantined']} quarantined")
    for f in failures:
        sample = ", ".join(str(i)[:24] for i in list(f["sample_ids"])[:3])
        lines.append(f"  {f['severity']:<8} {f['suite']}.{f['check_name']}: {f['description']} — {f['unexpected_count']} rows "
                     f"({f['unexpected_percent']} %), e.g. {sample}")
    lines.append(f"  data docs: {summary['data_docs'] or NO_PAGE}")
    return "\n".join(lines)
