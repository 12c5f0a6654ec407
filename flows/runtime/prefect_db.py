"""A migrated, empty Prefect database, built once per Prefect version at set-up and copied into new Prefect homes.

A Prefect server that finds no database runs Prefect's SQLite migrations first, which made the first run in a new
state folder take several times as long as later ones. The template is those same migrations,
run by Prefect itself (`prefect server database upgrade`) when the environment is installed.

    python -m flows.runtime.prefect_db    # build the template for the installed Prefect, unless it exists
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import closing
from importlib.metadata import version
from pathlib import Path

from flows.settings import child_environment, current


def template_path() -> Path:
    """Where the template for the installed Prefect lives: inside the environment, next to Prefect itself."""
    return Path(sys.prefix) / "share" / "dangjian" / f"prefect-{version('prefect')}.db"


def build_template() -> Path:
    """Run Prefect's migrations on a new database and keep it as the template; a no-op when it exists."""
    target = template_path()
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        db = Path(tmp) / "prefect.db"
        env = child_environment(
            PREFECT_HOME=tmp,
            PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{db}",
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            DO_NOT_TRACK="1",
        )
        subprocess.run(
            [sys.executable, "-m", "prefect", "server", "database", "upgrade", "--yes"],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )
        # One self-contained file: fold in the write-ahead log, if Prefect left one, and stop using one.
        with closing(sqlite3.connect(db)) as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
        os.replace(db, target)
    return target


def seed(home: Path) -> bool:
    """Give a Prefect home without a database a copy of the template; whether it did.

    Nothing happens when Prefect is told to use another database, when the home has one, or when no template was
    built (an environment installed without dev.py): the server then migrates a new database itself, as before.
    """
    if current().prefect_database_url:
        return False
    db, template = home / "prefect.db", template_path()
    if db.exists() or not template.exists():
        return False
    with tempfile.NamedTemporaryFile(dir=home, prefix=".prefect.db.", delete=False) as tmp:
        shutil.copyfile(template, tmp.name)
    try:
        os.link(tmp.name, db)  # fails if a concurrent first run got there first: its database is kept
    except FileExistsError:
        return False
    finally:
        os.unlink(tmp.name)
    return True


if __name__ == "__main__":
    print(build_template())
