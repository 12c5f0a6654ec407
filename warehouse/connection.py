"""Open the DuckDB warehouse, turning lock conflicts into one clear retryable error."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from transforms.errors import RetryableError

DEFAULT_PATH = Path("warehouse/dangjian.duckdb")


class WarehouseBusy(RetryableError):
    """Another process holds the warehouse file's write lock."""


class WarehouseMissing(Exception):
    """The warehouse file does not exist yet."""


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `dangjian run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            holder = re.search(r"PID (\d+)", message)
            who = f"process {holder.group(1)}" if holder else "another process"
            raise WarehouseBusy(f"warehouse {path} is locked by {who} (a run is loading); try again when it finishes") from None
        raise


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list | None = None):
    """The single value a query returns (None for no rows), reading the result to the end.

    DuckDB 2.0 leaves a result opened by fetchone() pending, and then refuses `register` on the connection.
    """
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None
