"""The validate stage: checks on documents and figures before anything is loaded.

A failing document is quarantined whole; a failing figure is dropped from its document and recorded.
Each check says what it protects, so the quarantine reason can be read without the code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from transforms.indicators import taxonomy
from transforms.records import CleanDocument, Extraction

CANONICAL_UNITS = {
    "人", "人次", "个", "元", "亩", "场次", "期", "次", "支", "户", "所", "家", "项", "条", "岁", "百分点", "%", "学时", "课时",
    "户次", "批次", "公顷", "平方米", "平方公里", "公里", "座", "处", "批", "间", "件", "台", "辆", "套", "篇", "份", "册", "块",
    "种", "类", "轮", "堂", "节", "吨", "公斤", "斤", "头", "只", "株", "棒", "张", "本", "部",
}
QUALITY_FLOOR = 0.3


@dataclass(frozen=True)
class Rejection:
    doc_id: str
    source_file: str
    item: str  # document or figure
    item_id: str | None
    check: str
    reason: str


def validate(docs: list[CleanDocument], extractions: list[Extraction]) -> tuple[list[CleanDocument], list[Extraction], list[Rejection]]:
    """Return the documents and extractions that pass, and a record of everything rejected."""
    known = {i.code for i in taxonomy()}
    by_id = {x.doc_id: x for x in extractions}
    kept_docs, kept_x, rejected = [], [], []
    for doc in docs:
        x = by_id[doc.doc_id]
        doc_fail = None
        if not doc.text.strip():
            doc_fail = ("text_not_empty", "clean text is empty")
        elif doc.quality_score < QUALITY_FLOOR:
            doc_fail = ("quality_above_floor", f"text-quality score {doc.quality_score} below {QUALITY_FLOOR}")
        if doc_fail:
            rejected.append(Rejection(doc.doc_id, doc.source_file, "document", None, *doc_fail))
            continue
        good = []
        for ordinal, f in enumerate(x.figures):
            fail = None
            if not math.isfinite(f.value):
                fail = ("value_finite", f"value {f.value} is not a finite number")
            elif f.value < 0:
                fail = ("value_non_negative", f"negative value {f.value}")
            elif f.unit == "%" and f.kind == "ratio" and f.value > 100:
                fail = ("share_within_bounds", f"share of {f.value}% exceeds 100%")
            elif f.unit not in CANONICAL_UNITS:
                fail = ("unit_canonical", f"unit {f.unit!r} is not canonical")
            elif f.indicator_code not in known:
                fail = ("indicator_known", f"indicator {f.indicator_code!r} not in the taxonomy")
            elif not f.evidence or doc.text[f.clause_start : f.clause_start + len(f.evidence)] != f.evidence:
                fail = ("evidence_in_text", "evidence text not found in the clean text at its offsets")
            if fail:
                rejected.append(Rejection(doc.doc_id, doc.source_file, "figure", str(ordinal), *fail))
            else:
                good.append(f)
        x.figures = good
        kept_docs.append(doc)
        kept_x.append(x)
    return kept_docs, kept_x, rejected
