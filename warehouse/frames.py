"""Turn a run's records into DataFrames shaped like the warehouse tables."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from transforms.gazetteer import regions
from transforms.indicators import TAXONOMY_VERSION, taxonomy
from transforms.records import CleanDocument, Extraction, FileOutcome, RawDocument
from transforms.validation import Rejection


def region_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [(r.adcode, r.name, r.level, r.province, r.city, r.county, r.parent) for r in regions().values()],
        columns=["adcode", "name", "level", "province", "city", "county", "parent_adcode"],
    )


def indicator_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [(i.code, i.name_zh, i.name_en, i.category, i.expected_unit or None, i.tier, TAXONOMY_VERSION) for i in taxonomy()],
        columns=["indicator_code", "name_zh", "name_en", "category", "expected_unit", "tier", "taxonomy_version"],
    )


def raw_frame(docs: list[RawDocument], run_id: str, now: datetime) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [d.doc_id for d in docs],
            "source_file": [d.source_file for d in docs],
            "content": [d.content for d in docs],
            "size_bytes": [len(d.content) for d in docs],
            "encoding": [d.encoding for d in docs],
            "media_type": [d.media_type for d in docs],
            "text": [d.text for d in docs],
            "first_seen": [now] * len(docs),
            "last_seen": [now] * len(docs),
            "is_current": [True] * len(docs),
            "run_id": [run_id] * len(docs),
            "mtime_ns": pd.Series([d.mtime_ns for d in docs], dtype="Int64"),
        }
    )


def document_frame(docs: list[CleanDocument], extractions: dict[str, Extraction], run_id: str) -> pd.DataFrame:
    """Document rows as first written; the load fills duplicate_of for copies once the whole run is linked."""
    rows = []
    for d in docs:
        x = extractions[d.doc_id]
        rows.append(
            {
                "doc_id": d.doc_id,
                "source_file": d.source_file,
                "title": x.metadata.title,
                "publish_date": x.metadata.publish_date,
                "source": x.metadata.source,
                "author": x.metadata.author,
                "original_url": x.metadata.original_url,
                "adcode": x.place.adcode,
                "place_level": x.place.level,
                "script": d.script,
                "char_count": len(d.text),
                "annotation_count": d.annotation_count,
                "garbled_spans": len(d.garbled_spans),
                "truncated": d.truncated,
                "pii_removed": d.pii_removed,
                "quality_score": d.quality_score,
                "clean_text": d.text,
                "is_current": True,
                "superseded_by": None,
                "run_id": run_id,
                "duplicate_of": None,
                "duplicate_similarity": None,
            }
        )
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    if rows:
        frame["publish_date"] = pd.to_datetime(frame["publish_date"]).dt.date
    return frame


def fingerprint_frame(extractions: list[Extraction]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [x.doc_id for x in extractions], "minhash": [x.fingerprint for x in extractions]})


def metric_frame(docs: list[CleanDocument], extractions: dict[str, Extraction], run_id: str) -> pd.DataFrame:
    rows = []
    for d in docs:
        for f in extractions[d.doc_id].figures:
            raw_start, raw_end = d.raw_span(f.start, f.end)
            rows.append(
                {
                    "metric_id": f"{d.doc_id}:{f.ordinal}",
                    "doc_id": d.doc_id,
                    "indicator_code": f.indicator_code,
                    "value": f.value,
                    "value_low": f.value_low,
                    "value_high": f.value_high,
                    "unit": f.unit,
                    "approximate": f.approximate,
                    "kind": f.kind,
                    "direction": f.direction,
                    "subject": f.subject,
                    "number_text": f.number_text,
                    "evidence": f.evidence,
                    "start_offset": f.clause_start,
                    "end_offset": f.clause_start + len(f.evidence),
                    "figure_start": f.start,
                    "figure_end": f.end,
                    "raw_start": raw_start,
                    "raw_end": raw_end,
                    "run_id": run_id,
                }
            )
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


METRIC_COLUMNS = [
    "metric_id", "doc_id", "indicator_code", "value", "value_low", "value_high", "unit", "approximate", "kind",
    "direction", "subject", "number_text", "evidence", "start_offset", "end_offset", "figure_start", "figure_end",
    "raw_start", "raw_end", "run_id",
]


def keyword_frame(extractions: list[Extraction], run_id: str) -> pd.DataFrame:
    rows = [(x.doc_id, w, weight, rank, run_id) for x in extractions for rank, (w, weight) in enumerate(x.keywords, 1)]
    return pd.DataFrame(rows, columns=["doc_id", "keyword", "weight", "rank", "run_id"])


def initiative_frame(extractions: list[Extraction], run_id: str) -> pd.DataFrame:
    rows = [(x.doc_id, name, n, first, run_id) for x in extractions for name, n, first in x.initiatives]
    return pd.DataFrame(rows, columns=["doc_id", "initiative_name", "mentions", "first_offset", "run_id"])


def time_ref_frame(extractions: list[Extraction], run_id: str) -> pd.DataFrame:
    rows = [(x.doc_id, i, text, year, offset, run_id) for x in extractions for i, (text, year, offset) in enumerate(x.time_refs)]
    return pd.DataFrame(rows, columns=["doc_id", "ordinal", "text", "year", "start_offset", "run_id"])


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
