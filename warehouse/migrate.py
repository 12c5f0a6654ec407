"""Bring a warehouse to the current schema: the table migrations in sql/schema/migrations/ in order, each applied
once and recorded in ops.schema_version, then every view in sql/schema/views/ created again from its file."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.connection import scalar

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "sql" / "schema"
MIGRATIONS_DIR = SCHEMA_DIR / "migrations"
VIEWS_DIR = SCHEMA_DIR / "views"


def migrations() -> list[tuple[int, Path]]:
    """(version, path) for files named NNN_description.sql."""
    return sorted((int(p.name.split("_", 1)[0]), p) for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'ops' AND table_name = 'schema_version'")
    if not exists:
        return 0
    return scalar(con, "SELECT coalesce(max(version), 0) FROM ops.schema_version")


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations, each in its own transaction, then create the views; return the versions applied."""
    applied = []
    version = current_version(con)
    for number, path in migrations():
        if number <= version:
            continue
        con.execute("BEGIN")
        try:
            con.execute("CREATE SCHEMA IF NOT EXISTS ops")
            con.execute(
                "CREATE TABLE IF NOT EXISTS ops.schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
            )
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO ops.schema_version VALUES (?, ?, now())", [number, path.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(number)
    create_views(con)
    return applied


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every view from its file; a view that reads another is created once that one exists."""
    pending = sorted(VIEWS_DIR.glob("*.sql"))
    while pending:
        deferred = []
        for path in pending:
            try:
                con.execute(path.read_text(encoding="utf-8"))
            except (duckdb.CatalogException, duckdb.BinderException):  # reads a view not created or not yet replaced
                deferred.append(path)
        if len(deferred) == len(pending):  # none could be created: raise the first one's own error
            con.execute(deferred[0].read_text(encoding="utf-8"))
        pending = deferred
