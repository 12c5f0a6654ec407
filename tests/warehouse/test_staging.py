"""Staging: slices written as Parquet files and read back by the load as one view per warehouse table."""

from dataclasses import replace
from datetime import datetime

import duckdb
import pytest

from helpers import ROOT
from transforms.tables import tabulate
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


def _staged_articles(path, count, extracted=False):
    """count articles of ~6 KB, an article's size in UTF-8, staged at path; with extracted, each with its extraction."""
    from array import array

    from transforms.extract.document import extract_document
    from transforms.records import CleanDocument, RawDocument

    body = "党建引领乡村振兴，" * 220
    origin = array("i", range(len(body)))
    raw = [RawDocument(f"d{i:05d}", f"f{i}.txt", body.encode(), "utf-8", body, "text") for i in range(count)]
    clean = [CleanDocument(d.doc_id, d.source_file, body, origin, "simplified") for d in raw]
    extraction = extract_document(clean[0]) if extracted else None
    extractions = [replace(extraction, doc_id=d.doc_id) for d in raw] if extracted else []
    staging.add(staging.create(path), tabulate(raw, clean, extractions, "r1", datetime.now()))
    return raw, body


def test_upserting_staged_articles_never_holds_them_all_in_memory(tmp_path):
    """At 100,000 articles the staged bodies are several times the load's memory, and DuckDB knows nothing of the
    staged files' keys: an update joined with all of them hashed them all and ran out of memory."""
    from warehouse.connection import table_columns
    from warehouse.writes import upsert

    count = 10_000
    _, body = _staged_articles(tmp_path / "run", count)
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    migrate(con)
    staging.attach(con, tmp_path / "run")
    con.execute("INSERT INTO raw.document SELECT * REPLACE ('old' AS run_id) FROM stg.raw.document WHERE doc_id = 'd00007'")
    con.execute("SET memory_limit = '64MB'")  # the staged bytes and texts come to about 120 MB
    upsert(con, "raw.document", "doc_id", "stg.raw.document", table_columns(con, "raw.document"))
    rows = con.execute("SELECT count(*), count(DISTINCT doc_id), sum(length(text)), count(*) FILTER (run_id = 'old') FROM raw.document").fetchall()
    assert rows == [(count, count, count * len(body), 0)]
    con.close()


def test_a_whole_load_of_staged_articles_with_copies_fits_a_small_memory_limit(tmp_path):
    """The load marks the republished copies after inserting the documents: the insert's source, as a join of the
    staged documents with the links, hashed every staged body and ran out of memory at 100,000 articles."""
    from transforms.outcomes import summarize
    from transforms.records import FileOutcome, Link
    from warehouse.load import RunBatch, load_run

    raw, body = _staged_articles(tmp_path / "run", 10_000, extracted=True)
    links = [Link(f"d{i:05d}", "d00000", "f0.txt", 0.9) for i in range(1, 50)]
    outcomes = [FileOutcome(d.source_file, "loaded", doc_id=d.doc_id) for d in raw]
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    migrate(con)
    # A limit of 48 MB in all (43 MB and the dimension indexes); the staged bytes, texts and clean bodies come to about 180 MB.
    load_run(con, RunBatch("r1", datetime.now(), "src", tmp_path / "run", outcomes, summarize(outcomes), links=links, working_mb=43))
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "45.7 MiB"  # DuckDB shows 48 MB in MiB
    rows = con.execute("SELECT count(*), count(duplicate_of), sum(length(clean_text)) FROM core.dim_document").fetchall()
    assert rows == [(10_000, 49, 10_000 * len(body))]
    con.close()


def test_folders_of_runs_that_died_are_removed_and_the_rest_kept(tmp_path):
    import subprocess
    import sys

    stage = "import sys, time; from pathlib import Path; from warehouse import staging; staging.create(Path(sys.argv[1])); print('staged', flush=True); time.sleep(60)"
    killed = subprocess.Popen([sys.executable, "-c", stage, str(tmp_path / "killed")], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline().strip() == "staged"
    killed.kill()
    killed.wait()
    killed.stdout.close()
    mine = staging.create(tmp_path / "mine")
    (tmp_path / "unknown").mkdir()  # not made by `create`: not judged
    assert staging.remove_orphans(tmp_path) == [tmp_path / "killed"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "unknown"]
    assert list(mine.glob("*.parquet"))
