"""Keys and references, checked in DuckDB inside the load transaction, after the writes and before commit.

The fact tables carry no DuckDB keys (sql/schema/006_bulk_load.sql): these checks are what keeps them keyed.
Fact rows that fail a reference are leaves: they are deleted and quarantined and the rest of the run commits.
A duplicate key, or a failure on a dimension, is a defect of the run rather than of one row, so it rolls the
whole run back.

Every fact key starts with its doc_id, and every earlier load committed only keys that were unique, so a load's
duplicates can only be among the documents it wrote facts for: checked over those alone, a rerun that writes nothing
new does not group the whole archive. Likewise a fact's references are checked over the rows the load wrote.
`check_integrity` without a run checks every row.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import duckdb

from transforms.errors import IntegrityFailure
from transforms.records import CRITICAL, SAMPLE_SIZE, CheckResult, Rejection
from warehouse.connection import scalar


@dataclass(frozen=True)
class SqlCheck:
    name: str
    expectation: str  # the Great Expectations type this check stands for
    table: str
    column: str
    key: str  # expression naming one row of `table`
    reason: str
    offending: str  # SELECT of the offending keys (one column, aliased k)
    population: str  # SELECT count(*) of what was checked
    repairable: bool  # the offending rows are facts that can be deleted by key
    arguments: dict = field(default_factory=dict)  # what Data Docs show as the expectation's arguments
    per_run: bool = False  # the queries read `$run`: the run whose rows to check, or NULL for every row


def _unique(name: str, table: str, column: str, where: str = "true", key: str | None = None) -> SqlCheck:
    key = key or column
    return SqlCheck(
        name, "expect_column_values_to_be_unique", table, column, key, f"{table}.{key} not unique",
        f"SELECT {key} AS k FROM {table} WHERE {where} GROUP BY 1 HAVING count(*) > 1",
        f"SELECT count(*) FROM {table} WHERE {where}", False,
    )


def _unique_fact(name: str, table: str, column: str, key: str) -> SqlCheck:
    """A fact key, unique over the documents the run wrote rows for."""
    written = f"($run IS NULL OR doc_id IN (SELECT doc_id FROM {table} WHERE run_id = $run))"
    return replace(_unique(name, table, column, written, key), per_run=True, arguments={"row_condition": "documents written by this run"})


def _references(name: str, table: str, column: str, parent: str, parent_column: str, key: str, repairable: bool, parent_where: str = "true", rows: str = "true") -> SqlCheck:
    return SqlCheck(
        name, "expect_column_values_to_be_in_set", table, column, key, f"{table}.{column} has no row in {parent}",
        f"SELECT {key} AS k FROM {table} c WHERE {rows} AND c.{column} IS NOT NULL AND c.{column} NOT IN "
        f"(SELECT {parent_column} FROM {parent} WHERE {parent_where})",
        f"SELECT count(*) FROM {table} c WHERE {rows}", repairable, {"value_set": [f"{parent}.{parent_column}"]},
    )


def _fact_references(name: str, table: str, column: str, parent: str, parent_column: str, key: str, parent_where: str = "true") -> SqlCheck:
    """A fact's reference, checked over the rows the run wrote: the load deletes the facts of every document it
    retires, and dimensions only grow, so the rows of earlier runs still hold the references they were committed with."""
    check = _references(name, table, column, parent, parent_column, key, True, parent_where, "($run IS NULL OR c.run_id = $run)")
    return replace(check, per_run=True, arguments={**check.arguments, "row_condition": "rows written by this run"})


CHECKS = (
    _unique("region_code_unique", "core.dim_region", "adcode"),
    _unique("indicator_code_unique", "core.dim_indicator", "indicator_code"),
    _unique("document_id_unique", "core.dim_document", "doc_id"),
    _unique("initiative_name_unique", "core.dim_initiative", "initiative_name"),
    _unique("current_file_unique", "raw.document", "source_file", "is_current"),
    _unique_fact("metric_id_unique", "core.fact_metric", "metric_id", "metric_id"),
    _unique_fact("keyword_unique", "core.fact_keyword", "keyword", "doc_id || ':' || keyword"),
    _unique_fact("initiative_unique", "core.fact_initiative", "initiative_name", "doc_id || ':' || initiative_name"),
    _unique_fact("time_ref_unique", "core.fact_time_ref", "ordinal", "doc_id || ':' || ordinal"),
    _references("document_has_raw", "core.dim_document", "doc_id", "raw.document", "doc_id", "doc_id", False),
    _references("document_region_known", "core.dim_document", "adcode", "core.dim_region", "adcode", "doc_id", False),
    _references("document_date_known", "core.dim_document", "publish_date", "core.dim_date", "date_key", "doc_id", False),
    _references("fingerprint_document_known", "core.document_fingerprint", "doc_id", "core.dim_document", "doc_id", "doc_id", False),
    _references("copy_links_original", "core.dim_document", "duplicate_of", "core.dim_document", "doc_id", "doc_id", False),
    _fact_references("metric_document_current", "core.fact_metric", "doc_id", "core.dim_document", "doc_id", "metric_id", "is_current"),
    _fact_references("metric_indicator_known", "core.fact_metric", "indicator_code", "core.dim_indicator", "indicator_code", "metric_id"),
    _fact_references("keyword_document_current", "core.fact_keyword", "doc_id", "core.dim_document", "doc_id", "doc_id || ':' || keyword", "is_current"),
    _fact_references("initiative_document_current", "core.fact_initiative", "doc_id", "core.dim_document", "doc_id", "doc_id || ':' || initiative_name", "is_current"),
    _fact_references("initiative_named", "core.fact_initiative", "initiative_name", "core.dim_initiative", "initiative_name", "doc_id || ':' || initiative_name"),
    _fact_references("time_ref_document_current", "core.fact_time_ref", "doc_id", "core.dim_document", "doc_id", "doc_id || ':' || ordinal", "is_current"),
)


def check_integrity(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> tuple[list[CheckResult], list[Rejection], float]:
    """Run every check; delete offending fact rows. Raises IntegrityFailure when a dimension fails.

    With run_id, fact keys are checked over the documents that run wrote rows for; without, over every row."""
    started = time.perf_counter()
    results, rejections = [], []
    for check in CHECKS:
        params = {"run": run_id} if check.per_run else None
        keys = [row[0] for row in con.execute(check.offending, params).fetchall()]
        population = scalar(con, check.population, params)
        results.append(
            CheckResult("integrity", check.name, check.expectation, check.column, CRITICAL, check.reason, population, len(keys),
                        [str(k) for k in keys[:SAMPLE_SIZE]], {"column": check.column, **check.arguments})
        )
        if not keys:
            continue
        if not check.repairable:
            raise IntegrityFailure(f"integrity check {check.name} failed for {len(keys)} rows ({check.reason}), e.g. {keys[0]}; the run was rolled back")
        rows = con.execute(f"SELECT {check.key}, doc_id FROM {check.table} WHERE {check.key} IN (SELECT k FROM ({check.offending}))", params).fetchall()
        con.execute(f"DELETE FROM {check.table} WHERE {check.key} IN (SELECT k FROM ({check.offending}))", params)
        rejections += [Rejection(doc_id, None, check.table, str(key), check.name, check.reason, "integrity") for key, doc_id in rows]
    return results, rejections, time.perf_counter() - started
