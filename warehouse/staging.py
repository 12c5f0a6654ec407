"""Stage a run's validated tables, slice by slice, as Parquet files in a scratch folder, and show them to the load.

A run of any size then holds one slice of documents in memory, and the load stage writes the warehouse once, from
the staged rows, in one transaction. Every document of the run is staged with its facts; the load leaves out the
facts of republished copies, which are known only when the whole run has been linked.

Parquet, not a scratch DuckDB file: a slice is written several times faster (no connection, inserts, or zstd
checkpoint at every commit), and the load reads the files as fast as tables.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import psutil
import pyarrow.parquet as pq

from transforms.tables import Tables
from warehouse.connection import table_columns

# Each staged table (as the load reads it, in the attached database `stg`): the kind of tabulated rows it comes
# from, and the query over those rows when it is not simply the warehouse table's columns of them.
VIEWS = {
    "raw.document": ("raw", None),
    "core.dim_document": ("documents", None),
    "core.document_fingerprint": ("documents", None),
    "core.fact_metric": ("metrics", None),
    "core.fact_keyword": ("keywords", None),
    "core.fact_initiative": ("initiatives", None),
    "core.fact_time_ref": ("time_refs", None),
    "core.dim_initiative": ("initiatives", "SELECT initiative_name, min(run_id) AS first_run_id FROM {rows} GROUP BY initiative_name"),
    "main.replaced": ("raw", "SELECT replaces AS old, doc_id AS new FROM {rows} WHERE replaces IS NOT NULL AND replaces <> doc_id"),
}


ROW_GROUP_BYTES = 4_000_000
OWNER = "owner"  # the process staging here: its pid and start time


def create(path: Path) -> Path:
    """A new staging folder at path, holding one empty slice, so that every kind of rows has a file to read even when
    the run stages nothing."""
    remove(path)
    path.mkdir(parents=True)
    (path / OWNER).write_text(_process_key(os.getpid()), encoding="ascii")
    add(path, Tables.concat([]))
    return path


def remove_orphans(parent: Path) -> list[Path]:
    """Remove the staging folders in parent whose process no longer runs (a killed run's, up to the size of its
    corpus); return them."""
    removed = []
    for owner in parent.glob(f"*/{OWNER}"):
        try:
            recorded = owner.read_text(encoding="ascii")
            alive = _process_key(int(recorded.split()[0])) == recorded
        except (OSError, ValueError, IndexError):  # gone meanwhile, or not written by `create`: not ours to judge
            continue
        if not alive:
            remove(owner.parent)
            removed.append(owner.parent)
    return removed


def _process_key(pid: int) -> str:
    # With its start time, so that a new process given a dead run's pid does not keep that run's folder.
    try:
        return f"{pid} {psutil.Process(pid).create_time()}"
    except psutil.Error:
        return ""


def add(path: Path, tables: Tables) -> None:
    """Stage one slice: a Parquet file per kind of rows."""
    number = len(list(path.glob("documents-*.parquet")))
    for kind, rows in tables.items():
        # DuckDB reads a row group's column at once: a slice's bodies in one group would all be in memory together.
        group = max(1, rows.num_rows * ROW_GROUP_BYTES // max(rows.nbytes, 1))
        pq.write_table(rows, path / f"{kind}-{number:06d}.parquet", compression="zstd", row_group_size=group)


def attach(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Attach the staged rows as database `stg`: a view per warehouse table, with that table's columns."""
    con.execute("ATTACH ':memory:' AS stg")
    for table, (kind, query) in VIEWS.items():
        schema, name = table.split(".")
        rows = f"read_parquet('{_quoted(path / kind)}-*.parquet')"
        if query is None:
            query = f"SELECT {', '.join(table_columns(con, table))} FROM {{rows}}"
        con.execute(f"CREATE SCHEMA IF NOT EXISTS stg.{schema}")
        con.execute(f"CREATE VIEW stg.{schema}.{name} AS {query.format(rows=rows)}")


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
