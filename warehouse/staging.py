"""Stage a run's rows, slice by slice, in a scratch DuckDB file that has the warehouse's own schema.

A run of any size then holds one slice of documents in memory, and the load stage writes the warehouse once, from
the staged rows, in one transaction. Every document of the run is staged with its facts; the load leaves out the
facts of republished copies, which are known only when the whole run has been linked.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from transforms.records import CleanDocument, Extraction, RawDocument
from warehouse import frames
from warehouse.migrate import migrate
from warehouse.writes import insert

STAGED = [
    ("raw", "document"), ("core", "dim_document"), ("core", "document_fingerprint"), ("core", "fact_metric"),
    ("core", "fact_keyword"), ("core", "dim_initiative"), ("core", "fact_initiative"), ("core", "fact_time_ref"),
]


def create(path: Path) -> Path:
    """A new, empty staging file at path (replacing any left by a run that died)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove(path)
    con = duckdb.connect(str(path))
    try:
        # The warehouse's tables without their keys and constraints: the same columns and types, with keys and
        # references checked once, by the load, instead of on every slice as well.
        home = con.execute("SELECT current_database()").fetchall()[0][0]
        con.execute("ATTACH ':memory:' AS model")
        con.execute("USE model")
        migrate(con)
        con.execute(f'USE "{home}"')
        for schema, table in STAGED:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            con.execute(f"CREATE TABLE {schema}.{table} AS SELECT * FROM model.{schema}.{table} LIMIT 0")
        con.execute("DETACH model")
        con.execute("CREATE TABLE main.replaced (old VARCHAR NOT NULL, new VARCHAR NOT NULL)")
    finally:
        con.close()
    return path


def add(path: Path, raw: list[RawDocument], clean: list[CleanDocument], extractions: list[Extraction], run_id: str) -> None:
    """Stage one slice: the validated documents in `clean`, their raw files, fingerprints and facts."""
    kept = {d.doc_id for d in clean}
    raw = [d for d in raw if d.doc_id in kept]
    by_id = {x.doc_id: x for x in extractions if x.doc_id in kept}
    found = list(by_id.values())
    replaced = [(d.replaces, d.doc_id) for d in raw if d.replaces and d.replaces != d.doc_id]
    # zstd for every string: left to choose, DuckDB tries each codec on the article bodies at every slice's
    # checkpoint, which cost more than writing them.
    con = duckdb.connect(str(path), config={"memory_limit": "512MB", "force_compression": "zstd"})
    try:
        con.execute("BEGIN")
        insert(con, "raw.document", frames.raw_frame(raw, run_id, datetime.now()))
        insert(con, "core.dim_document", frames.document_frame(clean, by_id, run_id))
        insert(con, "core.document_fingerprint", frames.fingerprint_frame(found))
        insert(con, "core.fact_metric", frames.metric_frame(clean, by_id, run_id))
        insert(con, "core.fact_keyword", frames.keyword_frame(found, run_id))
        initiatives = frames.initiative_frame(found, run_id)
        if not initiatives.empty:
            con.register("_names", pd.DataFrame({"initiative_name": initiatives["initiative_name"].unique(), "first_run_id": run_id}))
            con.execute("INSERT INTO core.dim_initiative SELECT * FROM _names WHERE initiative_name NOT IN (SELECT initiative_name FROM core.dim_initiative)")
            con.unregister("_names")
        insert(con, "core.fact_initiative", initiatives)
        insert(con, "core.fact_time_ref", frames.time_ref_frame(found, run_id))
        insert(con, "main.replaced", pd.DataFrame(replaced, columns=["old", "new"]))
        con.execute("COMMIT")
    finally:
        con.close()


def remove(path: Path) -> None:
    for part in (path, path.with_name(path.name + ".wal")):
        part.unlink(missing_ok=True)
