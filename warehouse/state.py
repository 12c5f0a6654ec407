"""What the warehouse already holds, read before a run decides what to process."""

from __future__ import annotations

import duckdb


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """source_file -> doc_id of every document in the raw layer."""
    return dict(con.execute("SELECT source_file, doc_id FROM raw.document WHERE is_current").fetchall())
