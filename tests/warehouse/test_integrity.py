"""The load's integrity checks: fact keys and references are checked in DuckDB before the run commits."""

import copy
from datetime import datetime

import pytest

from helpers import load_validated
from transforms.errors import IntegrityFailure
from transforms.records import RawDocument
from transforms.tables import tabulate
from transforms.validate.runner import validate
from warehouse.connection import connect
from warehouse.integrity import check_integrity
from warehouse.migrate import migrate


@pytest.fixture
def seeds(clean_seeds, extracted_seeds):
    """Fresh copies of the cleaned seeds and their extractions, safe to corrupt."""
    names = sorted(clean_seeds)
    return [copy.deepcopy(clean_seeds[n]) for n in names], [copy.deepcopy(extracted_seeds[n]) for n in names]


def _load(con, docs, xs, run_id, folder, strict=False):
    """Validate and load the documents as one run, as the flow would."""
    return load_validated(con, validate(tabulate([_raw(d) for d in docs], docs, xs, run_id, datetime.now())), run_id, folder / run_id, strict)


def _raw(doc):
    return RawDocument(doc.doc_id, doc.source_file, b"", "utf-8", doc.text, "text")


def test_integrity_checks_delete_orphan_facts_and_refuse_broken_dimensions(seeds, warehouse_path):
    con = connect(warehouse_path)
    migrate(con)
    _load(con, *seeds, "r1", warehouse_path.parent)
    con.execute("BEGIN")
    con.execute("UPDATE core.dim_document SET is_current = false WHERE doc_id = (SELECT min(doc_id) FROM core.dim_document)")
    results, repaired, _ = check_integrity(con)
    con.execute("ROLLBACK")
    failed = {r.check for r in results if not r.success}
    assert "metric_document_current" in failed
    assert repaired and all(r.suite == "integrity" for r in repaired)
    con.execute("BEGIN")
    con.execute("DELETE FROM raw.document WHERE doc_id = (SELECT min(doc_id) FROM raw.document)")
    with pytest.raises(IntegrityFailure, match="document_has_raw"):
        check_integrity(con)
    con.execute("ROLLBACK")


FACT_KEY_CHECKS = [
    ("core.fact_metric", "metric_id_unique"),
    ("core.fact_keyword", "keyword_unique"),
    ("core.fact_initiative", "initiative_unique"),
    ("core.fact_time_ref", "time_ref_unique"),
]


def _repeating_a_fact_key(seeds, warehouse_path, table, run_id):
    """A warehouse holding the seeds as run r1, in a transaction where run_id has written one of r1's fact rows again."""
    con = connect(warehouse_path)
    migrate(con)
    _load(con, *seeds, "r1", warehouse_path.parent)
    con.execute("BEGIN")
    con.execute(f"INSERT INTO {table} SELECT * REPLACE ('{run_id}' AS run_id) FROM {table} LIMIT 1")
    return con


@pytest.mark.parametrize("table, check", FACT_KEY_CHECKS)
def test_a_repeated_fact_key_rolls_the_run_back(seeds, warehouse_path, table, check):
    """The fact tables carry no DuckDB keys (bulk loads); the integrity checks are what keeps them keyed."""
    con = _repeating_a_fact_key(seeds, warehouse_path, table, "r1")
    with pytest.raises(IntegrityFailure, match=check):
        check_integrity(con)
    con.execute("ROLLBACK")


@pytest.mark.parametrize("table, check", FACT_KEY_CHECKS)
def test_a_load_checks_fact_keys_over_the_documents_it_wrote(seeds, warehouse_path, table, check):
    """A later run's row repeating an earlier run's key is caught; documents the run did not write are not grouped."""
    con = _repeating_a_fact_key(seeds, warehouse_path, table, "r2")
    with pytest.raises(IntegrityFailure, match=check):
        check_integrity(con, "r2")
    results, _, _ = check_integrity(con, "r3")
    con.execute("ROLLBACK")
    result = next(r for r in results if r.check == check)
    assert result.success and result.element_count == 0


def test_a_load_checks_fact_references_over_the_rows_it_wrote(seeds, warehouse_path):
    """A fact the run wrote for a retired document is deleted and quarantined; earlier runs' rows are not read again."""
    con = connect(warehouse_path)
    migrate(con)
    _load(con, *seeds, "r1", warehouse_path.parent)
    con.execute("BEGIN")
    retired = con.execute("SELECT doc_id FROM core.fact_metric LIMIT 1").fetchall()[0][0]
    con.execute("UPDATE core.dim_document SET is_current = false WHERE doc_id = ?", [retired])
    con.execute("UPDATE core.fact_metric SET run_id = 'r2' WHERE metric_id = (SELECT min(metric_id) FROM core.fact_metric WHERE doc_id = ?)", [retired])
    results, repaired, _ = check_integrity(con, "r2")
    result = next(r for r in results if r.check == "metric_document_current")
    assert (result.element_count, result.unexpected_count) == (1, 1)
    assert [r.item for r in repaired] == ["core.fact_metric"]
    assert con.execute("SELECT count(*) FROM core.fact_metric WHERE run_id = 'r2'").fetchall()[0][0] == 0
    results, repaired, _ = check_integrity(con, "r3")
    con.execute("ROLLBACK")
    result = next(r for r in results if r.check == "metric_document_current")
    assert result.success and result.element_count == 0 and not repaired
