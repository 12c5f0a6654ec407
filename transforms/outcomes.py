"""What becomes of each input file in a run: loaded, unchanged, duplicate, or quarantined with a reason.

Ingest and clean decide the early outcomes (unreadable, undecodable, unchanged, an exact copy, no article body); the
rules here decide the rest, once validation and linking have spoken, and count them all. A run keeps its `Ledger`
from its first file to its load; every file of the run ends in it with exactly one outcome.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from transforms.records import FileOutcome, Link, Rejection
from transforms.tables import Tables


def rejected(rejections: list[Rejection]) -> list[FileOutcome]:
    """Files whose document failed a critical check: quarantined, naming the check."""
    failed = {r.doc_id: r for r in rejections if r.item == "document"}
    return [FileOutcome(r.source_file, "quarantined", doc_id=r.doc_id, reason=f"failed check {r.check}", detail=r.reason) for r in failed.values()]


def settled(staged: dict[str, tuple[str, str | None]], links: list[Link]) -> list[FileOutcome]:
    """Each staged document (doc_id -> source file, the doc_id it replaces): a near duplicate of the original it was
    linked to, or loaded, 'changed' when it replaces an earlier version of its file."""
    copies = {link.doc_id: link for link in links}
    outcomes = []
    for doc_id, (source_file, old) in staged.items():
        if link := copies.get(doc_id):
            detail = f"{link.original_file} (similarity {link.similarity:.2f})"
            outcomes.append(FileOutcome(source_file, "duplicate", doc_id=doc_id, reason="near duplicate", detail=detail))
        else:
            outcomes.append(FileOutcome(source_file, "loaded", doc_id=doc_id, reason="changed" if old else None))
    return outcomes


# A run's summary names this many quarantined files; ops.file_outcome has them all.
NAMED_QUARANTINED = 10


def summarize(outcomes: list[FileOutcome]) -> dict:
    """The run's counts of files by outcome, and of quarantined files by reason."""
    kinds = Counter(o.outcome for o in outcomes)
    return {
        "files_seen": len(outcomes),
        "files_new": sum(1 for o in outcomes if o.outcome == "loaded" and o.reason != "changed"),
        "files_unchanged": kinds["unchanged"],
        "files_loaded": kinds["loaded"],
        "files_duplicate": kinds["duplicate"],
        "files_quarantined": kinds["quarantined"],
        "quarantine_reasons": dict(Counter(o.reason for o in outcomes if o.outcome == "quarantined")),
        "quarantined_files": [
            {"file": o.source_file, "reason": o.reason, "detail": o.detail}
            for o in sorted((o for o in outcomes if o.outcome == "quarantined"), key=lambda o: o.source_file)[:NAMED_QUARANTINED]
        ],
    }


@dataclass
class Ledger:
    """A run's record of its files: the outcomes decided so far, and of each staged document only its file and the
    version it replaces, kept from its slice to the load (never its text)."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    staged: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    def record(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes.extend(outcomes)

    def stage(self, kept: Tables, rejections: list[Rejection]) -> None:
        """A slice's validated tables are staged: remember their documents, and what validation set aside."""
        self.rejections.extend(rejections)
        replaces = dict(zip(kept.raw["doc_id"].to_pylist(), kept.raw["replaces"].to_pylist()))
        for doc_id, source_file in zip(kept.documents["doc_id"].to_pylist(), kept.documents["source_file"].to_pylist()):
            self.staged[doc_id] = (source_file, replaces.get(doc_id))

    def retiring(self) -> set[str]:
        """The documents this run replaces with a new version of their file."""
        return {old for _, old in self.staged.values() if old}

    def settle(self, links: list[Link]) -> list[FileOutcome]:
        """Every file's outcome once the run is linked: those decided before, then the rejected and the staged."""
        self.record(rejected(self.rejections))
        self.record(settled(self.staged, links))
        return self.outcomes
