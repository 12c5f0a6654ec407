"""Query results as readers want them: a terminal table, CSV, JSON, a Markdown table or a standalone HTML page.

Every format writes a value the same way: whole numbers without `.0`, dates as ISO dates, and one marker for a
missing value (NULL in a table, empty in CSV and Markdown, null in JSON), whatever type pandas or DuckDB gave it.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import html
import io
import json
import math
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

NULL = "NULL"


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    """The frame's rows as plain Python values, None for every kind of missing value (NaN, NaT, <NA>)."""
    # pandas is imported when a frame is rendered, not with the module: commands that render nothing start without it.
    import pandas as pd

    def plain(value):
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date() if value == value.normalize() else value.to_pydatetime()
        return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value

    return [tuple(plain(v) for v in values) for values in frame.itertuples(index=False, name=None)]


def render(frame: pd.DataFrame, fmt: str, title: str = "", total: int | None = None) -> str:
    """A query result as a terminal table, CSV, JSON, a Markdown table or a standalone HTML page (titled `title`)."""
    return render_rows(list(map(str, frame.columns)), rows_of(frame), fmt, title, total)


def render_rows(columns: Sequence[str], rows: Sequence[tuple], fmt: str, title: str = "", total: int | None = None) -> str:
    """Rows of plain values in `fmt`; `total`, when more rows exist than are given, is said under a table."""
    if fmt == "csv":
        return csv_text(columns, rows)
    if fmt == "json":
        return json.dumps([dict(zip(columns, map(_json_value, r))) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "md":
        text = markdown_table(columns, rows)
    elif fmt == "html":
        return html_page(columns, rows, title)
    else:
        text = terminal_table(columns, rows)
    if total is not None and total > len(rows):
        text += f"\n({len(rows)} of {total} rows shown; --limit N for more, --all for every row)"
    return text


def cell(value, null: str = "") -> str:
    """A value as a spreadsheet shows it: whole numbers without `.0`, dates ISO, `null` for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return int(value)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def display_width(text: str) -> int:
    """Columns a terminal gives the text: two for each wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _numeric(value) -> bool:
    return isinstance(value, (int, float, decimal.Decimal)) and not isinstance(value, bool)


def terminal_table(columns: Sequence[str], rows: Sequence[tuple], max_width: int = 60) -> str:
    """Columns aligned by display width (Chinese text takes two columns a character), numbers to the right."""
    if not rows:
        return "(no rows)"

    def clip(text: str) -> str:
        text = text.replace("\r", " ").replace("\n", " ")
        if display_width(text) <= max_width:
            return text
        while display_width(text) > max_width - 1:
            text = text[:-1]
        return text + "…"

    body = [[clip(cell(v, NULL)) for v in r] for r in rows]
    head = [clip(c) for c in columns]
    widths = [max(display_width(t) for t in [h, *(line[i] for line in body)]) for i, h in enumerate(head)]
    right = [all(_numeric(r[i]) or r[i] is None for r in rows) for i in range(len(columns))]

    def line(cells: list[str]) -> str:
        padded = []
        for text, width, to_right in zip(cells, widths, right):
            pad = " " * (width - display_width(text))
            padded.append(pad + text if to_right else text + pad)
        return "  ".join(padded).rstrip()

    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(b) for b in body)])


def csv_text(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in r] for r in rows)
    return out.getvalue().removesuffix("\n")  # the caller ends the text, printed or written


def markdown_table(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    """GitHub-flavoured Markdown: pipes escaped and line breaks flattened so every row stays one table row."""

    def row(cells) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|").replace("\r", " ").replace("\n", " ") for c in cells) + " |"

    lines = [row(columns), "|" + "---|" * len(columns)]
    lines += [row(cell(v) for v in values) for values in rows]
    return "\n".join(lines)


def html_page(columns: Sequence[str], rows: Sequence[tuple], title: str = "") -> str:
    """A minimal standalone HTML page holding the rows as a table, every value escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(cell(v))}</td>" for v in values) + "</tr>" for values in rows)
    title = html.escape(title)
    heading = f"<h1>{title}</h1>\n" if title else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{title}</title>\n'
        "<style>table{border-collapse:collapse;font:14px sans-serif}th,td{border:1px solid #ccc;padding:2px 6px}"
        "th{background:#eee}</style></head>\n"
        f"<body>{heading}<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</body></html>"
    )
