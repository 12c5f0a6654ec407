"""The migrated, empty Prefect database that set-up builds and new Prefect homes start from."""

import json
import sqlite3
import urllib.request
from contextlib import closing

import pytest

from flows.runtime import prefect_db
from flows.settings import current
from flows.runtime.api_server import RunServer, stop


@pytest.fixture
def template(tmp_path, monkeypatch):
    path = tmp_path / "share" / "prefect-test.db"
    monkeypatch.setattr(prefect_db, "template_path", lambda: path)
    monkeypatch.delenv("PREFECT_API_DATABASE_CONNECTION_URL", raising=False)
    return path


def test_a_new_home_gets_a_copy_of_the_template_and_a_used_one_keeps_its_database(template, tmp_path):
    template.parent.mkdir(parents=True)
    template.write_bytes(b"template")
    home = tmp_path / "home"
    home.mkdir()
    assert prefect_db.seed(home)
    assert (home / "prefect.db").read_bytes() == b"template"
    (home / "prefect.db").write_bytes(b"runs recorded here")
    assert not prefect_db.seed(home)
    assert (home / "prefect.db").read_bytes() == b"runs recorded here"
    assert [p.name for p in home.iterdir()] == ["prefect.db"]  # no copy left behind


def test_without_a_template_or_with_another_database_prefect_is_left_to_create_its_own(template, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    assert not prefect_db.seed(home)
    template.parent.mkdir(parents=True)
    template.write_bytes(b"template")
    monkeypatch.setenv("PREFECT_API_DATABASE_CONNECTION_URL", "postgresql+asyncpg://db/prefect")
    current.cache_clear()  # settings are read once per process: as a new process would read them
    assert not prefect_db.seed(home)
    assert not (home / "prefect.db").exists()


def test_the_template_is_prefects_migrated_database_and_a_server_runs_on_a_copy(template, tmp_path, monkeypatch):
    assert prefect_db.build_template() == template
    assert [p.name for p in template.parent.iterdir()] == [template.name]  # one file: no write-ahead log, no scratch folder
    with closing(sqlite3.connect(template)) as con:
        assert con.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM flow_run").fetchone() == (0,)
    home = tmp_path / "home"
    home.mkdir()
    assert prefect_db.seed(home)
    monkeypatch.setenv("PREFECT_HOME", str(home))
    server = RunServer(tmp_path / "server.log")
    try:
        server.wait_ready()
        request = urllib.request.Request(f"{server.api_url}/flow_runs/count", data=b"{}", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response) == 0
    finally:
        stop(server.process)
