"""Export the public marts as Parquet or CSV files, for tools that do not read DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb

MARTS = ("v_metrics", "v_documents", "v_initiatives")
FORMATS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def export_marts(con: duckdb.DuckDBPyConnection, fmt: str, output: Path) -> dict[str, tuple[Path, int]]:
    """Write each mart view to output/<view>.<fmt>; return {view: (file, rows)}."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output.mkdir(parents=True, exist_ok=True)
    written = {}
    for view in MARTS:
        target = (output / f"{view}.{fmt}").resolve()
        # COPY takes its file name as a literal, not a parameter: quote it as one.
        literal = str(target).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM mart.{view}) TO '{literal}' {FORMATS[fmt]}")
        rows = con.execute(f"SELECT count(*) FROM mart.{view}").fetchall()[0][0]
        written[view] = (target, rows)
    return written
