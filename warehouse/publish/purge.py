"""Drop the original bytes and decoded text of input files from the raw layer, for users who must not keep them.

Document identity (the SHA-256 in doc_id), sizes and everything outside `raw` stay, so unchanged files are still
recognised; only `raw_start`/`raw_end` of facts then point into text that is no longer stored.
"""

from __future__ import annotations

import duckdb

from warehouse.connection import scalar


def purge_raw(con: duckdb.DuckDBPyConnection) -> int:
    """Set raw.document.content and text to NULL; return how many documents still held either."""
    held = scalar(con, "SELECT count(*) FROM raw.document WHERE content IS NOT NULL OR text IS NOT NULL")
    con.execute("UPDATE raw.document SET content = NULL, text = NULL WHERE content IS NOT NULL OR text IS NOT NULL")
    con.execute("CHECKPOINT")  # rewrite the file so the purged bytes do not linger in free blocks
    return held
