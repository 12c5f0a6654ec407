"""Staging: slices written as Parquet files and read back by the load as one view per warehouse table."""

from dataclasses import replace
from datetime import datetime

import duckdb
import pytest

from transforms.tabulate import tabulate
from warehouse import staging
from warehouse.migrate import migrate


@pytest.fixture
def con():
    con = duckdb.connect()
    migrate(con)
    yield con
    con.close()


def _count(con, table):
    return con.execute(f"SELECT count(*) FROM stg.{table}").fetchall()[0][0]


def test_a_run_that_stages_nothing_reads_empty_tables(con, tmp_path):
    staging.attach(con, staging.create(tmp_path / "run"))
    assert all(_count(con, table) == 0 for table in staging.VIEWS)


def test_slices_add_up_and_names_and_replacements_are_derived(con, tmp_path, raw_seeds, clean_seeds, extracted_seeds):
    names = sorted(clean_seeds)
    clean, xs = [clean_seeds[n] for n in names], [extracted_seeds[n] for n in names]
    by_id = {d.doc_id: d for d in raw_seeds}
    # The second slice's first document is a new version of a file, the other a re-read of the same bytes.
    raw = [replace(by_id[d.doc_id], replaces=None) for d in clean]
    raw[3] = replace(raw[3], replaces="old-version")
    raw[4] = replace(raw[4], replaces=raw[4].doc_id)
    path = staging.create(tmp_path / "run")
    staging.add(path, tabulate(raw[:3], clean[:3], xs[:3], "r1", datetime.now()))
    staging.add(path, tabulate(raw[3:], clean[3:], xs[3:], "r1", datetime.now()))
    staging.attach(con, path)
    assert _count(con, "core.dim_document") == _count(con, "raw.document") == _count(con, "core.document_fingerprint") == 5
    assert _count(con, "core.fact_metric") == sum(len(x.figures) for x in xs)
    assert con.execute("SELECT old, new FROM stg.main.replaced").fetchall() == [("old-version", clean[3].doc_id)]
    initiatives = {name for x in xs for name, _, _ in x.initiatives}
    staged = con.execute("SELECT initiative_name, first_run_id FROM stg.core.dim_initiative").fetchall()
    assert sorted(staged) == sorted((name, "r1") for name in initiatives)
    staging.remove(path)
    assert not path.exists()
