"""Export the public marts as Parquet or CSV files, for tools that do not read DuckDB."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

MARTS = ("v_metrics", "v_documents", "v_initiatives", "v_indicator_panel")
BOM = "\ufeff".encode()
FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def export_marts(con: duckdb.DuckDBPyConnection, fmt: str, output: Path, bom: bool = False) -> dict[str, tuple[Path, int]]:
    """Write each mart view to output/<view>.<fmt>, CSV with a byte-order mark if `bom`; return {view: (file, rows)}."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output.mkdir(parents=True, exist_ok=True)
    written = {}
    for view in MARTS:
        target = (output / f"{view}.{fmt}").resolve()
        # COPY takes its file name as a literal, not a parameter: quote it as one.
        literal = str(target).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM mart.{view}) TO '{literal}' {FORMATS[fmt]}")
        if bom and fmt == "csv":
            _prepend_bom(target)
        rows = con.execute(f"SELECT count(*) FROM mart.{view}").fetchall()[0][0]
        written[view] = (target, rows)
    return written


def _prepend_bom(path: Path) -> None:
    """Excel and WPS read a CSV file as UTF-8 only when it starts with a byte-order mark; DuckDB's COPY writes none."""
    marked = path.with_name(path.name + ".bom")
    with path.open("rb") as plain, marked.open("wb") as out:
        out.write(BOM)
        shutil.copyfileobj(plain, out, 1 << 20)
    marked.replace(path)
