"""The load stage: write one run into the warehouse in a single transaction.

A crash or error anywhere inside leaves the warehouse exactly as it was before the run.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from transforms.near_duplicates import Link
from transforms.records import FileOutcome
from transforms.tabulate import Tables
from transforms.errors import PipelineError, QualityGateFailed
from transforms.validation import CheckResult, Rejection
from warehouse import frames, quality, staging
from warehouse.connection import scalar, table_columns
from warehouse.integrity import check_integrity
from warehouse.writes import insert, reference, upsert

_FACT_TABLES = ("core.fact_metric", "core.fact_keyword", "core.fact_initiative", "core.fact_time_ref")
# DuckDB's own default memory limit is 80 % of the machine's memory, which it fills during a large load. Under a
# limit it spills what it can to disk: a run's uncommitted rows, 1 GB of them at 100,000 articles. It cannot spill
# the indexes of the dimension keys, which it holds whole, ~0.5 KB a document. Measured on a load of 100,000 articles
# into an empty warehouse: 38-47 s under any limit from 160 MB to 512 MB, the process growing by 261 MB under 160 MB
# and 610 MB under 512 MB; out of memory under 128 MB.
LOAD_WORKING_MB = 192
LOAD_MB_PER_DOCUMENT = 0.5 / 1024


class LoadOutOfMemory(PipelineError):
    """The load needed more memory than its limit; the same load under the same limit would fail again."""


def working_mb() -> int:
    """The load's working memory: DANGJIAN_LOAD_MB, or LOAD_WORKING_MB."""
    return int(os.environ.get("DANGJIAN_LOAD_MB", LOAD_WORKING_MB))


def memory_limit(con: duckdb.DuckDBPyConnection, incoming: int) -> str:
    """The memory limit for a load of up to `incoming` documents into the warehouse at `con`."""
    documents = scalar(con, "SELECT count(*) FROM raw.document") + incoming
    return f"{working_mb() + round(documents * LOAD_MB_PER_DOCUMENT)}MB"


def load_run_capped(con: duckdb.DuckDBPyConnection, batch: RunBatch) -> tuple[dict, list[CheckResult]]:
    """`load_run` under the memory limit for this batch and warehouse; running out of memory is LoadOutOfMemory."""
    limit = memory_limit(con, len(batch.outcomes))
    con.execute(f"SET memory_limit = '{limit}'")
    try:
        return load_run(con, batch)
    except duckdb.OutOfMemoryException:
        raise LoadOutOfMemory(
            f"the load ran out of memory under its {limit} limit; nothing was loaded. Give it more working memory "
            f"than {working_mb()} MB with DANGJIAN_LOAD_MB and run again"
        ) from None


@dataclass
class RunBatch:
    """Everything one run hands to the loader."""

    run_id: str
    started_at: datetime
    source_dir: str
    tables: Tables | None  # the run's validated documents, unless they were staged slice by slice (`staging`)
    outcomes: list[FileOutcome]
    rejections: list[Rejection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quality: list[CheckResult] = field(default_factory=list)  # validate-stage results, merged over batches
    quality_seconds: dict[str, float] = field(default_factory=dict)
    data_docs: str | None = None
    strict: bool = False  # any critical failure, here or in the integrity checks, fails the run
    stage_seconds: dict[str, float] = field(default_factory=dict)
    flow_run_id: str | None = None
    staging: Path | None = None  # the run's documents staged slice by slice (warehouse/staging.py) instead of tables


def summarize(outcomes: list[FileOutcome], metrics: int) -> dict:
    kinds = Counter(o.outcome for o in outcomes)
    reasons = Counter(o.reason for o in outcomes if o.outcome == "quarantined")
    return {
        "files_seen": len(outcomes),
        "files_new": sum(1 for o in outcomes if o.outcome == "loaded" and o.reason != "changed"),
        "files_unchanged": kinds["unchanged"],
        "files_loaded": kinds["loaded"],
        "files_duplicate": kinds["duplicate"],
        "files_quarantined": kinds["quarantined"],
        "quarantine_reasons": dict(reasons),
        "metrics_loaded": metrics,
    }


def load_run(con: duckdb.DuckDBPyConnection, batch: RunBatch) -> tuple[dict, list[CheckResult]]:
    """Write the run; return its summary counts and every quality result, the integrity checks included.

    A batch whose documents were staged slice by slice names its staging folder; one that carries its tables in
    memory is staged here first, so both are written by the same statements.
    """
    if batch.staging is not None:
        return _load_staged(con, batch, batch.staging)
    with tempfile.TemporaryDirectory(prefix="dangjian-staging-") as tmp:
        path = staging.create(Path(tmp) / "staging")
        staging.add(path, batch.tables)
        return _load_staged(con, batch, path)


def _load_staged(con: duckdb.DuckDBPyConnection, batch: RunBatch, path: Path) -> tuple[dict, list[CheckResult]]:
    now = datetime.now()
    staging.attach(con, path)
    try:
        return _write_run(con, batch, now)
    finally:
        con.execute("DETACH stg")


def _write_run(con: duckdb.DuckDBPyConnection, batch: RunBatch, now: datetime) -> tuple[dict, list[CheckResult]]:
    # Republished copies keep their document rows; their figures, keywords and initiatives are the original's.
    links = pd.DataFrame({
        "doc_id": pd.Series([x.doc_id for x in batch.links], dtype="string"),
        "original": pd.Series([x.original for x in batch.links], dtype="string"),
        "similarity": pd.Series([x.similarity for x in batch.links], dtype="float64"),
    })
    con.register("_links", links)
    counted = "doc_id NOT IN (SELECT doc_id FROM _links)"
    summary = summarize(batch.outcomes, scalar(con, f"SELECT count(*) FROM stg.core.fact_metric WHERE {counted}"))
    con.execute("BEGIN")
    try:
        reference(con)
        for table in _FACT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT old FROM stg.main.replaced UNION ALL SELECT doc_id FROM stg.core.dim_document)")
        con.execute("UPDATE raw.document SET is_current = false WHERE doc_id IN (SELECT old FROM stg.main.replaced)")
        con.execute("UPDATE core.dim_document SET is_current = false, superseded_by = r.new FROM stg.main.replaced r WHERE doc_id = r.old")
        upsert(con, "raw.document", "doc_id", "stg.raw.document", table_columns(con, "raw.document"))
        upsert(con, "core.dim_document", "doc_id", "stg.core.dim_document", table_columns(con, "core.dim_document"))
        # Set after the insert, on the few copies: a join of the staged documents with the links, as the insert's
        # source, hashed every staged body and ran out of memory under a 384 MB cap at 100,000 articles.
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
                    **{k: v for k, v in summary.items() if k != "quarantine_reasons"},
                    "duration_s": (now - batch.started_at).total_seconds(),
                    "stage_seconds": json.dumps({k: round(v, 3) for k, v in batch.stage_seconds.items()}),
                    "flow_run_id": batch.flow_run_id,
                }
            ]
        )
        insert(con, "ops.pipeline_run", run)
        insert(con, "ops.file_outcome", frames.outcome_frame(batch.outcomes, batch.run_id))
        insert(con, "ops.quarantine", frames.rejection_frame(rejections, batch.run_id))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_links")
    return summary, results
