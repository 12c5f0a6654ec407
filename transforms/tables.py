"""A batch's records as Arrow tables: the columns of the warehouse tables they are staged into, plus what validation reads.

Built where the records are made (in the worker processes), so the flow's process receives a few column buffers
per batch instead of tens of thousands of Python objects to unpickle, turn into frames and copy again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

import pyarrow as pa
import pyarrow.compute as pc

from transforms.records import CleanDocument, Extraction, RawDocument

_S, _I, _F, _B = pa.string(), pa.int32(), pa.float64(), pa.bool_()

RAW = pa.schema([
    ("doc_id", _S), ("source_file", _S), ("content", pa.binary()), ("size_bytes", pa.int64()), ("encoding", _S),
    ("media_type", _S), ("text", _S), ("first_seen", pa.timestamp("us")), ("last_seen", pa.timestamp("us")),
    ("is_current", _B), ("run_id", _S), ("mtime_ns", pa.int64()),
    ("replaces", _S),  # the doc_id of this path's earlier version: staged as main.replaced
])
DOCUMENTS = pa.schema([
    ("doc_id", _S), ("source_file", _S), ("title", _S), ("publish_date", pa.date32()), ("source", _S), ("author", _S),
    ("original_url", _S), ("adcode", _S), ("place_level", _S), ("script", _S), ("char_count", _I), ("annotation_count", _I),
    ("garbled_spans", _I), ("truncated", _B), ("pii_removed", _I), ("quality_score", _F), ("clean_text", _S),
    ("is_current", _B), ("superseded_by", _S), ("run_id", _S), ("duplicate_of", _S), ("duplicate_similarity", _F),
    ("topic_score", _F), ("on_topic", _B),
    ("minhash", pa.list_(pa.int64())), ("figure_keys", pa.list_(pa.int64())),  # staged as core.document_fingerprint
    ("extracted", _B),  # read by validation only
])
METRICS = pa.schema([
    ("metric_id", _S), ("doc_id", _S), ("indicator_code", _S), ("value", _F), ("value_low", _F), ("value_high", _F),
    ("unit", _S), ("approximate", _B), ("kind", _S), ("direction", _S), ("subject", _S), ("number_text", _S),
    ("evidence", _S), ("start_offset", _I), ("end_offset", _I), ("figure_start", _I), ("figure_end", _I),
    ("raw_start", _I), ("raw_end", _I), ("run_id", _S), ("period_kind", _S), ("period_start_year", _I),
    ("period_end_year", _I), ("figure_adcode", _S), ("role", _S), ("additive", _B),
    ("ordinal", _I), ("category", _S), ("text_at_offsets", _S),  # read by validation only
])
KEYWORDS = pa.schema([("doc_id", _S), ("keyword", _S), ("weight", _F), ("rank", _I), ("run_id", _S)])
INITIATIVES = pa.schema([("doc_id", _S), ("initiative_name", _S), ("mentions", _I), ("first_offset", _I), ("run_id", _S)])
TIME_REFS = pa.schema([("doc_id", _S), ("ordinal", _I), ("text", _S), ("year", _I), ("start_offset", _I), ("run_id", _S)])


@dataclass
class Tables:
    """One batch, slice or run of documents, a table per kind of row; every table is keyed by doc_id."""

    raw: pa.Table
    documents: pa.Table
    metrics: pa.Table
    keywords: pa.Table
    initiatives: pa.Table
    time_refs: pa.Table

    def items(self):
        return ((f.name, getattr(self, f.name)) for f in fields(self))

    def keep(self, doc_ids: pa.Array | list[str], metric_ids: pa.Array | list[str] | None = None) -> Tables:
        """The rows of these documents only, and of their figures only those in metric_ids (when given)."""
        doc_ids = pa.array(doc_ids, _S)
        kept = {name: table.filter(pc.is_in(table["doc_id"], value_set=doc_ids)) for name, table in self.items()}
        if metric_ids is not None:
            metrics = kept["metrics"]
            kept["metrics"] = metrics.filter(pc.is_in(metrics["metric_id"], value_set=pa.array(metric_ids, _S)))
        return Tables(**kept)

    @staticmethod
    def concat(parts: list[Tables]) -> Tables:
        if not parts:
            return tabulate([], [], [], "", datetime.now())
        return Tables(**{f.name: pa.concat_tables([getattr(p, f.name) for p in parts]) for f in fields(Tables)})


def _table(schema: pa.Schema, rows: list[tuple]) -> pa.Table:
    columns = list(zip(*rows)) if rows else [()] * len(schema)
    return pa.Table.from_arrays([pa.array(c, f.type) for c, f in zip(columns, schema)], schema=schema)


def tabulate(raw: list[RawDocument], clean: list[CleanDocument], extractions: list[Extraction], run_id: str, now: datetime) -> Tables:
    """The batch's tables. Every clean document and every extraction gets its rows, even one without the other
    (validation rejects those); where two documents share an id, figures are placed in the first one's text."""
    texts: dict[str, CleanDocument] = {}
    for d in clean:
        texts.setdefault(d.doc_id, d)
    by_id = {x.doc_id: x for x in extractions}
    cleaned = {d.doc_id for d in clean}
    raw_rows = [
        (r.doc_id, r.source_file, r.content, len(r.content), r.encoding, r.media_type, r.text, now, now, True, run_id,
         r.mtime_ns, r.replaces)
        for r in raw
        if r.doc_id in cleaned
    ]
    doc_rows = []
    for d in clean:
        x = by_id.get(d.doc_id)
        meta, place = (x.metadata, x.place) if x else (None, None)
        adcode = place.adcode if place else None
        doc_rows.append((
            d.doc_id, d.source_file, meta and meta.title, _date(meta and meta.publish_date), meta and meta.source,
            meta and meta.author, meta and meta.original_url, adcode, place and place.level, d.script, len(d.text),
            d.annotation_count, len(d.garbled_spans), d.truncated, d.pii_removed, d.quality_score, d.text, True, None,
            run_id, None, None, x and x.topic_score, x and x.on_topic, x.fingerprint if x else None,
            x.figure_keys if x else None, x is not None,
        ))
    metric_rows = []
    for x in extractions:
        d = texts.get(x.doc_id)
        for f in x.figures:
            end = f.clause_start + len(f.evidence or "")
            # Outside the text only when two documents share an id: validation rejects both.
            raw_start, raw_end = d.raw_span(f.start, f.end) if d and f.end <= len(d.text) else (None, None)
            metric_rows.append((
                f"{x.doc_id}:{f.ordinal}", x.doc_id, f.indicator_code, f.value, f.value_low, f.value_high, f.unit,
                f.approximate, f.kind, f.direction, f.subject, f.number_text, f.evidence, f.clause_start, end, f.start,
                f.end, raw_start, raw_end, run_id, f.period_kind, f.period_start_year, f.period_end_year,
                f.figure_adcode, f.role, f.additive, f.ordinal, f.category, d.text[f.clause_start : end] if d else None,
            ))
    return Tables(
        raw=_table(RAW, raw_rows),
        documents=_table(DOCUMENTS, doc_rows),
        metrics=_table(METRICS, metric_rows),
        keywords=_table(KEYWORDS, [(x.doc_id, w, weight, rank, run_id) for x in extractions for rank, (w, weight) in enumerate(x.keywords, 1)]),
        initiatives=_table(INITIATIVES, [(x.doc_id, name, n, first, run_id) for x in extractions for name, n, first in x.initiatives]),
        time_refs=_table(TIME_REFS, [(x.doc_id, i, text, year, offset, run_id) for x in extractions for i, (text, year, offset) in enumerate(x.time_refs)]),
    )


def _date(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None
