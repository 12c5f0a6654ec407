"""The load stage: write one run into the warehouse in a single transaction, from its staged rows.

A crash or error anywhere inside leaves the warehouse exactly as it was before the run. The load writes what it is
given: the staged documents and facts, the reference dimensions, the files' outcomes and the run's checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from transforms.errors import LoadOutOfMemory, QualityGateFailed
from transforms.records import CheckResult, FileOutcome, Link, Rejection
from warehouse import staging
from warehouse.connection import connect, scalar, table_columns
from warehouse.integrity import check_integrity
from warehouse.migrate import migrate
from warehouse.quality import results as quality
from warehouse.writes import insert, upsert, upsert_rows

_FACT_TABLES = ("core.fact_metric", "core.fact_keyword", "core.fact_initiative", "core.fact_time_ref")
# The reference dimensions a run brings, by their key.
REFERENCE_KEYS = {"core.dim_region": "adcode", "core.dim_indicator": "indicator_code"}
# DuckDB's own default memory limit is 80 % of the machine's memory, which it fills during a large load. Under a
# limit it spills what it can to disk (a run's uncommitted rows), but not the indexes of the dimension keys, which it
# holds whole: about this much a document. The load's limit is the working memory it is given plus that.
LOAD_MB_PER_DOCUMENT = 0.5 / 1024


def memory_limit(con: duckdb.DuckDBPyConnection, incoming: int, working_mb: int) -> str:
    """The memory limit for a load of up to `incoming` documents into the warehouse at `con`."""
    documents = scalar(con, "SELECT count(*) FROM raw.document") + incoming
    return f"{working_mb + round(documents * LOAD_MB_PER_DOCUMENT)}MB"


@dataclass
class RunBatch:
    """Everything one run hands to the loader."""

    run_id: str
    started_at: datetime
    source_dir: str
    staging: Path  # the run's validated documents and facts, staged slice by slice (warehouse/staging.py)
    outcomes: list[FileOutcome]
    counts: dict  # files seen, new, unchanged, loaded, duplicate, quarantined, and quarantine reasons (transforms/outcomes.py)
    reference: dict[str, pa.Table] = field(default_factory=dict)  # rows of the REFERENCE_KEYS dimensions
    rejections: list[Rejection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quality: list[CheckResult] = field(default_factory=list)  # validate-stage results, merged over batches
    quality_seconds: dict[str, float] = field(default_factory=dict)
    data_docs: str | None = None
    strict: bool = False  # any critical failure, here or in the integrity checks, fails the run
    stage_seconds: dict[str, float] = field(default_factory=dict)
    flow_run_id: str | None = None
    working_mb: int = 192  # the load's memory beyond the dimension indexes


def load_into(warehouse: Path | str, batch: RunBatch) -> tuple[dict, list[CheckResult]]:
    """Open the warehouse for writing, bring it to the current schema and load the run (`load_run`)."""
    con = connect(warehouse)
    try:
        migrate(con)
        return load_run(con, batch)
    finally:
        con.close()


def load_run(con: duckdb.DuckDBPyConnection, batch: RunBatch) -> tuple[dict, list[CheckResult]]:
    """Write the run under its memory limit; return its summary counts and every quality result, the integrity
    checks included. Running out of memory is LoadOutOfMemory, and nothing is written."""
    limit = memory_limit(con, len(batch.outcomes), batch.working_mb)
    con.execute(f"SET memory_limit = '{limit}'")
    staging.attach(con, batch.staging)
    try:
        return _write_run(con, batch, datetime.now())
    except duckdb.OutOfMemoryException:
        raise LoadOutOfMemory(
            f"the load ran out of memory under its {limit} limit; nothing was loaded. Give it more working memory "
            f"than {batch.working_mb} MB with DANGJIAN_LOAD_MB and run again"
        ) from None
    finally:
        con.execute("DETACH stg")


def outcome_frame(outcomes: list[FileOutcome], run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(run_id, o.source_file, o.doc_id, o.outcome, o.reason, o.detail) for o in outcomes],
        columns=["run_id", "source_file", "doc_id", "outcome", "reason", "detail"],
    )


def rejection_frame(rejections: list[Rejection], run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(run_id, r.source_file, r.doc_id, r.item, r.item_id, r.check, r.reason, r.suite, r.severity) for r in rejections],
        columns=["run_id", "source_file", "doc_id", "item", "item_id", "check_name", "reason", "suite", "severity"],
    )


def _write_run(con: duckdb.DuckDBPyConnection, batch: RunBatch, now: datetime) -> tuple[dict, list[CheckResult]]:
    # Republished copies keep their document rows; their figures, keywords and initiatives are the original's.
    links = pd.DataFrame({
        "doc_id": pd.Series([x.doc_id for x in batch.links], dtype="string"),
        "original": pd.Series([x.original for x in batch.links], dtype="string"),
        "similarity": pd.Series([x.similarity for x in batch.links], dtype="float64"),
    })
    con.register("_links", links)
    counted = "doc_id NOT IN (SELECT doc_id FROM _links)"
    summary = {
        **batch.counts,
        "metrics_loaded": scalar(con, f"SELECT count(*) FROM stg.core.fact_metric WHERE {counted}"),
        # Loaded like the rest, but kept out of the mart: the run says how much.
        "documents_off_topic": scalar(con, f"SELECT count(*) FROM stg.core.dim_document WHERE {counted} AND NOT on_topic"),
        "metrics_off_topic": scalar(
            con,
            f"""SELECT count(*) FROM stg.core.fact_metric
                WHERE {counted} AND doc_id IN (SELECT doc_id FROM stg.core.dim_document WHERE NOT on_topic)""",
        ),
    }
    con.execute("BEGIN")
    try:
        for table, rows in batch.reference.items():
            upsert_rows(con, table, REFERENCE_KEYS[table], rows)
        for table in _FACT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT old FROM stg.main.replaced UNION ALL SELECT doc_id FROM stg.core.dim_document)")
        con.execute("UPDATE raw.document SET is_current = false WHERE doc_id IN (SELECT old FROM stg.main.replaced)")
        con.execute("UPDATE core.dim_document SET is_current = false, superseded_by = r.new FROM stg.main.replaced r WHERE doc_id = r.old")
        upsert(con, "raw.document", "doc_id", "stg.raw.document", table_columns(con, "raw.document"))
        upsert(con, "core.dim_document", "doc_id", "stg.core.dim_document", table_columns(con, "core.dim_document"))
        # Set after the insert, on the few copies: a join of the staged documents with the links, as the insert's
        # source, hashed every staged body and ran out of memory on a large archive.
        con.execute(
            """UPDATE core.dim_document SET duplicate_of = l.original, duplicate_similarity = l.similarity
               FROM _links l WHERE core.dim_document.doc_id = l.doc_id"""
        )
        upsert(con, "core.document_fingerprint", "doc_id", "stg.core.document_fingerprint", table_columns(con, "core.document_fingerprint"))
        con.execute(
            f"""INSERT INTO core.dim_initiative SELECT * FROM stg.core.dim_initiative
                WHERE initiative_name NOT IN (SELECT initiative_name FROM core.dim_initiative)
                  AND initiative_name IN (SELECT initiative_name FROM stg.core.fact_initiative WHERE {counted})"""
        )
        for table in _FACT_TABLES:
            cols = ", ".join(table_columns(con, table))
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM stg.{table} WHERE {counted}")
        integrity, repaired, seconds = check_integrity(con, batch.run_id)
        if repaired and batch.strict:
            raise QualityGateFailed(f"--strict: integrity check {repaired[0].check} failed for {len(repaired)} rows; nothing was loaded")
        rejections = batch.rejections + repaired
        summary["metrics_loaded"] -= sum(1 for r in repaired if r.item == "core.fact_metric")
        results = batch.quality + integrity
        insert(con, "ops.dq_run", quality.dq_run_frame(batch.run_id, results, rejections, {**batch.quality_seconds, "integrity": seconds}, batch.data_docs))
        insert(con, "ops.dq_result", quality.dq_result_frame(batch.run_id, results))
        unchanged = [o for o in batch.outcomes if o.outcome == "unchanged"]
        if unchanged:
            con.register("_unchanged", pd.DataFrame({
                "doc_id": [o.doc_id for o in unchanged],
                "mtime_ns": pd.Series([o.mtime_ns for o in unchanged], dtype="Int64"),
            }))
            con.execute(
                """UPDATE raw.document SET last_seen = ?, mtime_ns = coalesce(u.mtime_ns, raw.document.mtime_ns)
                   FROM _unchanged u WHERE raw.document.doc_id = u.doc_id""",
                [now],
            )
            con.unregister("_unchanged")
        run = pd.DataFrame(
            [
                {
                    "run_id": batch.run_id,
                    "started_at": batch.started_at,
                    "finished_at": now,
                    "status": "succeeded",
                    "source_dir": batch.source_dir,
                    **{k: v for k, v in summary.items() if k not in ("quarantine_reasons", "quarantined_files")},
                    "duration_s": (now - batch.started_at).total_seconds(),
                    "stage_seconds": json.dumps({k: round(v, 3) for k, v in batch.stage_seconds.items()}),
                    "flow_run_id": batch.flow_run_id,
                }
            ]
        )
        insert(con, "ops.pipeline_run", run)
        insert(con, "ops.file_outcome", outcome_frame(batch.outcomes, batch.run_id))
        insert(con, "ops.quarantine", rejection_frame(rejections, batch.run_id))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_links")
    return summary, results
