"""Query results as readers want them: a terminal table, CSV, JSON, a Markdown table or a standalone HTML page."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def render(frame: pd.DataFrame, fmt: str, title: str = "") -> str:
    """A query result as a terminal table, CSV, JSON, a Markdown table or a standalone HTML page (titled `title`)."""
    # pandas is imported when a table is rendered, not with the module: commands that render nothing start without it.
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
