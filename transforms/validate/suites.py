"""The data-quality suites: every expectation with its severity and the reason recorded when it fails.

Great Expectations is imported only when a suite is built (transforms/validate/runner.py): its import is slow, and
these definitions are read by the warehouse's quality pages and by tests that never validate anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

CRITICAL, WARNING = "critical", "warning"
QUALITY_FLOOR = 0.3
EARLIEST_DATE = date(1990, 1, 1)
BODY_CHARS = (200, 60_000)  # a county report is a few thousand characters; outside this it is rarely one article


@dataclass(frozen=True)
class Check:
    """One expectation: `build(gxe, env)` returns it; env holds the run's reference values (today, code lists).

    A quarantine reason quotes the offending value of the checked column, or of `quotes` when the check reads a
    column derived from it.
    """

    name: str
    suite: str
    severity: str
    reason: str
    build: Callable[[Any, dict], Any]
    quotes: str | None = None


def _ex(kind: str, **kwargs) -> Callable[[Any, dict], Any]:
    return lambda gxe, env: getattr(gxe, kind)(**{k: (v(env) if callable(v) else v) for k, v in kwargs.items()})


DOCUMENT_CHECKS = (
    Check("doc_id_present", "documents", CRITICAL, "document id missing", _ex("ExpectColumnValuesToNotBeNull", column="doc_id")),
    Check("doc_id_unique", "documents", CRITICAL, "document id not unique in the run", _ex("ExpectColumnValuesToBeUnique", column="doc_id")),
    Check(
        "extraction_present", "documents", CRITICAL, "extraction produced no record for the document",
        _ex("ExpectColumnValuesToBeInSet", column="extracted", value_set=[True]),
    ),
    Check("text_not_empty", "documents", CRITICAL, "clean text is empty", _ex("ExpectColumnValuesToBeBetween", column="char_count", min_value=1)),
    Check(
        "body_length_sensible", "documents", WARNING, f"body shorter than {BODY_CHARS[0]} or longer than {BODY_CHARS[1]} characters",
        _ex("ExpectColumnValuesToBeBetween", column="char_count", min_value=BODY_CHARS[0], max_value=BODY_CHARS[1]),
    ),
    Check(
        "script_known", "documents", CRITICAL, "script is neither simplified nor traditional",
        _ex("ExpectColumnValuesToBeInSet", column="script", value_set=["simplified", "traditional"]),
    ),
    Check(
        "quality_above_floor", "documents", CRITICAL, f"text-quality score below {QUALITY_FLOOR}",
        _ex("ExpectColumnValuesToBeBetween", column="quality_score", min_value=QUALITY_FLOOR, max_value=1.0),
    ),
    Check(
        "publish_date_plausible", "documents", CRITICAL, f"publication date in the future or before {EARLIEST_DATE.year}",
        _ex("ExpectColumnValuesToBeBetween", column="publish_date", min_value=EARLIEST_DATE, max_value=lambda env: env["today"]),
    ),
    Check("publish_date_found", "documents", WARNING, "no publication date found", _ex("ExpectColumnValuesToNotBeNull", column="publish_date")),
    Check(
        "place_code_format", "documents", CRITICAL, "place code is not a 6-digit administrative division code",
        _ex("ExpectColumnValuesToMatchRegex", column="adcode", regex=r"^\d{6}$"),
    ),
    Check(
        # A column, not a set of 3,000 codes: Great Expectations serialises a set argument again at each of its
        # hundreds of internal reads.
        "place_code_known", "documents", CRITICAL, "place code not in core.dim_region",
        _ex("ExpectColumnValuesToBeInSet", column="place_known", value_set=[True]), quotes="adcode",
    ),
    Check("place_found", "documents", WARNING, "no place resolved", _ex("ExpectColumnValuesToNotBeNull", column="adcode")),
)

FIGURE_CHECKS = (
    Check("value_present", "figures", CRITICAL, "figure has no value", _ex("ExpectColumnValuesToNotBeNull", column="value")),
    Check(
        "value_finite", "figures", CRITICAL, "value is not a finite number",
        _ex("ExpectColumnValuesToBeBetween", column="value", min_value=-1e15, max_value=1e15),
    ),
    Check("value_non_negative", "figures", CRITICAL, "negative count or amount", _ex("ExpectColumnValuesToBeBetween", column="value", min_value=0)),
    Check(
        "share_within_bounds", "figures", CRITICAL, "share or percentage outside 0-100 %",
        _ex("ExpectColumnValuesToBeBetween", column="share_percent", min_value=0, max_value=100),
    ),
    Check(
        "unit_canonical", "figures", CRITICAL, "unit not in the canonical set",
        _ex("ExpectColumnValuesToBeInSet", column="unit", value_set=lambda env: env["units"]),
    ),
    Check(
        "indicator_known", "figures", CRITICAL, "indicator code not in the taxonomy",
        _ex("ExpectColumnValuesToBeInSet", column="indicator_code", value_set=lambda env: env["indicator_codes"]),
    ),
    Check(
        "category_known", "figures", CRITICAL, "category not in the contract's list",
        _ex("ExpectColumnValuesToBeInSet", column="category", value_set=lambda env: env["categories"]),
    ),
    Check("evidence_present", "figures", CRITICAL, "evidence text missing", _ex("ExpectColumnValuesToNotBeNull", column="evidence")),
    Check(
        "evidence_at_offsets", "figures", CRITICAL, "evidence text not found in the clean text at its offsets",
        # A figure without evidence or without a document fails evidence_present or document_present instead.
        _ex("ExpectColumnPairValuesToBeEqual", column_A="evidence", column_B="text_at_offsets", ignore_row_if="either_value_is_missing"),
    ),
    Check(
        "document_present", "figures", CRITICAL, "the figure's document is not in the run",
        _ex("ExpectColumnValuesToBeInSet", column="document_in_run", value_set=[True]),
    ),
    Check("metric_id_unique", "figures", CRITICAL, "metric id not unique", _ex("ExpectColumnValuesToBeUnique", column="metric_id")),
)

SUITES = {"documents": DOCUMENT_CHECKS, "figures": FIGURE_CHECKS}
ID_COLUMNS = {"documents": "doc_id", "figures": "metric_id"}
