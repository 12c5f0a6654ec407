"""The load stage: write one run into the warehouse in a single transaction.

A crash or error anywhere inside leaves the warehouse exactly as it was before the run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from transforms.near_duplicates import Link
from transforms.records import CleanDocument, Extraction, FileOutcome, RawDocument
from transforms.errors import QualityGateFailed
from transforms.validation import CheckResult, Rejection
from warehouse import frames, quality
from warehouse.integrity import check_integrity

_FACT_TABLES = ("core.fact_metric", "core.fact_keyword", "core.fact_initiative", "core.fact_time_ref")


@dataclass
class RunBatch:
    """Everything one run hands to the loader."""

    run_id: str
    started_at: datetime
    source_dir: str
    raw: list[RawDocument]
    clean: list[CleanDocument]
    extractions: list[Extraction]
    outcomes: list[FileOutcome]
    rejections: list[Rejection] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quality: list[CheckResult] = field(default_factory=list)  # validate-stage results, merged over batches
    quality_seconds: dict[str, float] = field(default_factory=dict)
    data_docs: str | None = None
    strict: bool = False  # any critical failure, here or in the integrity checks, fails the run
    stage_seconds: dict[str, float] = field(default_factory=dict)
    flow_run_id: str | None = None


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("_incoming", frame)
    cols = ", ".join(frame.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _incoming")
    con.unregister("_incoming")


def _upsert(con: duckdb.DuckDBPyConnection, table: str, key: str, frame: pd.DataFrame) -> None:
    """Update rows whose key exists (only non-key columns change), insert the rest."""
    if frame.empty:
        return
    con.register("_incoming", frame)
    cols = [c for c in frame.columns if c != key]
    sets = ", ".join(f"{c} = _incoming.{c}" for c in cols if c not in ("first_seen",))
    con.execute(f"UPDATE {table} SET {sets} FROM _incoming WHERE {table}.{key} = _incoming.{key}")
    all_cols = ", ".join(frame.columns)
    con.execute(
        f"INSERT INTO {table} ({all_cols}) SELECT {all_cols} FROM _incoming WHERE {key} NOT IN (SELECT {key} FROM {table})"
    )
    con.unregister("_incoming")


def _reference(con: duckdb.DuckDBPyConnection) -> None:
    """Gazetteer and taxonomy: insert what is missing, refresh names of what exists."""
    _upsert(con, "core.dim_region", "adcode", frames.region_frame())
    _upsert(con, "core.dim_indicator", "indicator_code", frames.indicator_frame())


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
    """Write the run; return its summary counts and every quality result, the integrity checks included."""
    now = datetime.now()
    loaded_ids = {d.doc_id for d in batch.clean}
    raw = [d for d in batch.raw if d.doc_id in loaded_ids]
    extractions = {x.doc_id: x for x in batch.extractions if x.doc_id in loaded_ids}
    links = {link.doc_id: link for link in batch.links}
    # Republished copies keep their document rows; their figures, keywords and initiatives are the original's.
    originals = [d for d in batch.clean if d.doc_id not in links]
    counted = [x for x in extractions.values() if x.doc_id not in links]
    metrics = frames.metric_frame(originals, extractions, batch.run_id)
    summary = summarize(batch.outcomes, len(metrics))
    con.execute("BEGIN")
    try:
        _reference(con)
        replaced = {d.replaces: d.doc_id for d in raw if d.replaces and d.replaces != d.doc_id}
        stale = list(replaced) + list(loaded_ids)
        if stale:
            con.register("_stale", pd.DataFrame({"doc_id": stale}))
            for table in _FACT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _stale)")
            con.unregister("_stale")
        if replaced:
            con.register("_replaced", pd.DataFrame({"old": list(replaced), "new": list(replaced.values())}))
            con.execute("UPDATE raw.document SET is_current = false FROM _replaced WHERE doc_id = _replaced.old")
            con.execute(
                "UPDATE core.dim_document SET is_current = false, superseded_by = _replaced.new FROM _replaced WHERE doc_id = _replaced.old"
            )
            con.unregister("_replaced")
        _upsert(con, "raw.document", "doc_id", frames.raw_frame(raw, batch.run_id, now))
        _upsert(con, "core.dim_document", "doc_id", frames.document_frame(batch.clean, extractions, links, batch.run_id))
        _upsert(con, "core.document_fingerprint", "doc_id", frames.fingerprint_frame(list(extractions.values())))
        _insert(con, "core.fact_metric", metrics)
        _insert(con, "core.fact_keyword", frames.keyword_frame(counted, batch.run_id))
        initiatives = frames.initiative_frame(counted, batch.run_id)
        if not initiatives.empty:
            names = pd.DataFrame({"initiative_name": initiatives["initiative_name"].unique(), "first_run_id": batch.run_id})
            con.register("_names", names)
            con.execute(
                "INSERT INTO core.dim_initiative SELECT * FROM _names WHERE initiative_name NOT IN (SELECT initiative_name FROM core.dim_initiative)"
            )
            con.unregister("_names")
        _insert(con, "core.fact_initiative", initiatives)
        _insert(con, "core.fact_time_ref", frames.time_ref_frame(counted, batch.run_id))
        integrity, repaired, seconds = check_integrity(con)
        if repaired and batch.strict:
            raise QualityGateFailed(f"--strict: integrity check {repaired[0].check} failed for {len(repaired)} rows; nothing was loaded")
        rejections = batch.rejections + repaired
        summary["metrics_loaded"] -= sum(1 for r in repaired if r.item == "core.fact_metric")
        results = batch.quality + integrity
        _insert(con, "ops.dq_run", quality.dq_run_frame(batch.run_id, results, rejections, {**batch.quality_seconds, "integrity": seconds}, batch.data_docs))
        _insert(con, "ops.dq_result", quality.dq_result_frame(batch.run_id, results))
        unchanged = [o.doc_id for o in batch.outcomes if o.outcome == "unchanged"]
        if unchanged:
            con.register("_unchanged", pd.DataFrame({"doc_id": unchanged}))
            con.execute("UPDATE raw.document SET last_seen = ? WHERE doc_id IN (SELECT doc_id FROM _unchanged)", [now])
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
        _insert(con, "ops.pipeline_run", run)
        _insert(con, "ops.file_outcome", frames.outcome_frame(batch.outcomes, batch.run_id))
        _insert(con, "ops.quarantine", frames.rejection_frame(rejections, batch.run_id))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return summary, results
