"""Plain records passed between pipeline stages, and to the warehouse: files, documents, figures, checks, links."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

CRITICAL, WARNING = "critical", "warning"  # severities of a data-quality check
SAMPLE_SIZE = 20  # offending ids kept per check


@dataclass(frozen=True)
class FileOutcome:
    """What became of one input file in one run: loaded, unchanged, duplicate or quarantined."""

    source_file: str
    outcome: str
    doc_id: str | None = None
    reason: str | None = None
    detail: str | None = None
    mtime_ns: int | None = None  # an unchanged file read again (its stat had moved): the stat to record now


@dataclass
class RawDocument:
    """A decoded input file, identified by the SHA-256 of its bytes."""

    doc_id: str
    source_file: str
    content: bytes
    encoding: str
    text: str
    media_type: str  # "text" or "html"
    replaces: str | None = None  # doc_id of the earlier version of this path, if it changed
    mtime_ns: int | None = None  # the file's modification time, when recent enough to trust on the next run


@dataclass
class CleanDocument:
    """Article body separated from page chrome, in simplified script, with a map back to the raw text."""

    doc_id: str
    source_file: str
    text: str
    # origin[i] = index in the decoded raw text of clean character i. An array of 32-bit ints, not a list: a list of
    # ints costs ten times the memory, Prefect walks every element of a list passed to a task, and this map was
    # two thirds of what a worker sends back per article. Files are capped far below 2**31 characters.
    origin: array
    script: str
    metadata_lines: list[str] = field(default_factory=list)
    chrome_lines: list[str] = field(default_factory=list)
    header_lines: list[str] = field(default_factory=list)
    annotation_count: int = 0
    garbled_spans: list[tuple[int, int]] = field(default_factory=list)
    truncated: bool = False
    pii_removed: int = 0
    quality_score: float = 1.0

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span covering clean characters start..end."""
        if start >= end:
            return (self.origin[start], self.origin[start]) if start < len(self.origin) else (0, 0)
        return self.origin[start], self.origin[end - 1] + 1


@dataclass
class Figure:
    """One extracted figure: a number with its unit, what it counts, and where it stands."""

    value: float
    unit: str
    kind: str
    number_text: str
    start: int
    end: int
    value_low: float | None = None
    value_high: float | None = None
    approximate: bool = False
    direction: str | None = None
    subject: str = ""
    evidence: str = ""
    clause_start: int = 0
    indicator_code: str = ""
    category: str = ""
    ordinal: int = 0  # position among the document's figures; keeps metric ids stable when one is quarantined
    # What adding it up needs (transforms/extract/periods.py, roles.py): the period it covers, the place it is about,
    # its role among the document's figures and whether it may be summed with others of its indicator.
    period_kind: str = ""
    period_start_year: int | None = None
    period_end_year: int | None = None
    figure_adcode: str | None = None
    role: str = ""
    additive: bool = False


@dataclass
class DocumentMetadata:
    title: str | None = None
    publish_date: str | None = None  # ISO date
    source: str | None = None
    author: str | None = None
    original_url: str | None = None


@dataclass
class Place:
    adcode: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one clean document."""

    doc_id: str
    metadata: DocumentMetadata
    place: Place
    figures: list[Figure]
    keywords: list[tuple[str, float]]
    initiatives: list[tuple[str, int, int]]  # (name, mentions, first offset)
    time_refs: list[tuple[str, int | None, int]]  # (text, year, offset)
    topic_score: float  # weighted genre words per 1,000 characters (extract/topic.py)
    on_topic: bool  # about rural party building; off-topic documents' figures stay out of the mart
    # Set with the extraction, for the link stage: MinHash of the body, and the figures' (value, unit) keys.
    fingerprint: list[int] = field(default_factory=list)
    figure_keys: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    """A document or figure a check set aside, and why."""

    doc_id: str | None
    source_file: str | None
    item: str  # document or figure
    item_id: str | None
    check: str
    reason: str
    suite: str = ""
    severity: str = CRITICAL


@dataclass
class CheckResult:
    """The outcome of one expectation over one or more batches."""

    suite: str
    check: str
    expectation: str
    column: str | None
    severity: str
    reason: str
    element_count: int = 0
    unexpected_count: int = 0
    sample_ids: list[str] = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return self.unexpected_count == 0

    @property
    def failed_critically(self) -> bool:
        return self.severity == CRITICAL and not self.success

    @property
    def unexpected_percent(self) -> float:
        return 100.0 * self.unexpected_count / self.element_count if self.element_count else 0.0

    def absorb(self, other: CheckResult) -> None:
        self.element_count += other.element_count
        self.unexpected_count += other.unexpected_count
        self.sample_ids = (self.sample_ids + other.sample_ids)[:SAMPLE_SIZE]


@dataclass(frozen=True)
class Candidate:
    """A document the link stage may find to be a copy of another, or the original of one."""

    doc_id: str
    source_file: str
    fingerprint: list[int] | np.ndarray
    order: tuple = ()  # lower sorts first and becomes the original
    figures: np.ndarray | None = None  # figure keys; None where not known (loaded before they were kept)


@dataclass(frozen=True)
class Link:
    """A republished copy and the original it repeats."""

    doc_id: str
    original: str
    original_file: str
    similarity: float
