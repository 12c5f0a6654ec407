"""What the warehouse already holds, read before a run decides what to process."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from warehouse.connection import connect
from warehouse.migrate import migrate


def read(warehouse: str) -> tuple[dict[str, str], dict[str, tuple[int, int]], pa.Table]:
    """Migrate the warehouse, then read its known documents, their file stats and the originals' fingerprints.

    The connection stays inside this frame: a DuckDB object kept alive by a failed run's traceback makes the
    interpreter print leak warnings at exit.
    """
    con = connect(warehouse)
    try:
        migrate(con)
        return known_documents(con), known_stats(con), known_originals(con)
    finally:
        con.close()


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """source_file -> doc_id of every document in the raw layer."""
    return dict(con.execute("SELECT source_file, doc_id FROM raw.document WHERE is_current").fetchall())


def known_stats(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """source_file -> (size in bytes, mtime in ns) recorded when each current document's file was last read."""
    rows = con.execute("SELECT source_file, size_bytes, mtime_ns FROM raw.document WHERE is_current AND mtime_ns IS NOT NULL").fetchall()
    return {source_file: (size, mtime_ns) for source_file, size, mtime_ns in rows}


def known_originals(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """doc_id, source_file, minhash and figure_keys of the current documents that are not themselves copies: what a
    new copy can link to. As Arrow, whose list columns the link stage reads as one matrix."""
    return con.sql(
        """SELECT d.doc_id, d.source_file, f.minhash, f.figure_keys FROM core.document_fingerprint f
           JOIN core.dim_document d USING (doc_id) WHERE d.is_current AND d.duplicate_of IS NULL"""
    ).to_arrow_table()
