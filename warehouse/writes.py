"""Write rows into warehouse tables: plain inserts, and upserts by key."""

from __future__ import annotations

import duckdb
import pandas as pd
import pyarrow as pa

Rows = pd.DataFrame | pa.Table


def _columns(rows: Rows) -> list[str]:
    return list(rows.column_names if isinstance(rows, pa.Table) else rows.columns)


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: Rows) -> None:
    if not len(rows):
        return
    con.register("_incoming", rows)
    cols = ", ".join(_columns(rows))
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming")
    con.unregister("_incoming")


def upsert(con: duckdb.DuckDBPyConnection, table: str, key: str, source: str, columns: list[str]) -> None:
    """Update rows of `table` whose key is in the relation `source` (only non-key columns change), insert the rest.

    The update joins only the source rows whose key the table holds, found by their keys alone and set apart first:
    joined with the whole of a source it has no statistics for (a run's staged Parquet files), DuckDB hashed all of
    it, every article body, and ran out of memory.
    """
    existing = [k for (k,) in con.execute(f"SELECT {key} FROM {source} WHERE {key} IN (SELECT {key} FROM {table})").fetchall()]
    if existing:
        # A filter on each row, not a join the planner could turn round to hash the source.
        con.execute(f"CREATE OR REPLACE TEMP TABLE _existing AS SELECT * FROM {source} WHERE list_contains(?, {key})", [existing])
        sets = ", ".join(f"{c} = _src.{c}" for c in columns if c not in (key, "first_seen"))
        con.execute(f"UPDATE {table} SET {sets} FROM _existing AS _src WHERE {table}.{key} = _src.{key}")
        con.execute("DROP TABLE _existing")
    cols = ", ".join(columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {source} WHERE {key} NOT IN (SELECT {key} FROM {table})")


def upsert_rows(con: duckdb.DuckDBPyConnection, table: str, key: str, rows: Rows) -> None:
    if not len(rows):
        return
    con.register("_incoming", rows)
    upsert(con, table, key, "_incoming", _columns(rows))
    con.unregister("_incoming")
