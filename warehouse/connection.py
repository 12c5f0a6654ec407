"""Open the DuckDB warehouse, turning lock conflicts into one clear retryable error."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from transforms.errors import WarehouseBusy, WarehouseMissing, WarehouseUnreadable


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
            who = describe_process(int(holder.group(1))) if holder else "another process"
            raise WarehouseBusy(f"warehouse {path} is locked by {who}; try again when it has finished") from None
        if "not a valid DuckDB database file" in message:
            raise WarehouseUnreadable(f"{path} is not a DuckDB database file; give --warehouse a file `dangjian run` made, "
                                      "or a path that does not exist yet") from None
        detail = message.splitlines()[0].removeprefix("IO Error: ") if message else "unknown error"
        raise WarehouseUnreadable(f"cannot open the warehouse {path}: {detail}") from None


def warehouse_state_dir(warehouse: Path | str) -> Path:
    """The folder beside a warehouse file for what belongs to it but not in it (staged runs, Data Docs):
    warehouse/dangjian.duckdb -> warehouse/dangjian.state/."""
    path = Path(warehouse)
    return path.with_name(path.stem + ".state")


def describe_process(pid: int) -> str:
    """'process 881 (dangjian run --source seeds)', or without the command where the system does not show it."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")
    except OSError:
        return f"process {pid}"
    words = [Path(argv[0].decode(errors="replace")).name] + [a.decode(errors="replace") for a in argv[1:]]
    if len(words) > 1 and words[0].startswith("python"):  # `python .../dangjian run` reads better as `dangjian run`
        words = words[1:] if not words[1].startswith("-") else words
        words[0] = Path(words[0]).name
    command = " ".join(" ".join(words).split())
    return f"process {pid} ({command[:80]}{'…' if len(command) > 80 else ''})"


def scalar(con: duckdb.DuckDBPyConnection, query: str, params: list | dict | None = None):
    """The single value a query returns (None for no rows), reading the result to the end.

    DuckDB 2.0 leaves a result opened by fetchone() pending, and then refuses `register` on the connection.
    """
    rows = con.execute(query, params or []).fetchall()
    return rows[0][0] if rows else None


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The columns of `schema.table` in the connection's own database, in their order."""
    schema, name = table.split(".")
    return [c for (c,) in con.execute(
        """SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = ?
           AND table_name = ? ORDER BY column_index""",
        [schema, name],
    ).fetchall()]
