"""What becomes of each file once validation and linking have spoken, and the run's counts."""

from datetime import datetime

from transforms.outcomes import Ledger, rejected, settled, summarize
from transforms.records import CleanDocument, FileOutcome, Link, RawDocument, Rejection
from transforms.tables import tabulate


def _staged(*names: str, replaces: dict | None = None):
    """Tables of one staged slice holding a document per name (its doc_id is the name)."""
    replaces = replaces or {}
    raw = [RawDocument(n, f"{n}.txt", b"", "utf-8", "正文", "text", replaces=replaces.get(n)) for n in names]
    clean = [CleanDocument(n, f"{n}.txt", "正文", [0, 1], "simplified") for n in names]
    return tabulate(raw, clean, [], "r1", datetime(2026, 12, 1))


def test_a_document_failing_a_critical_check_quarantines_its_file_once_naming_the_check():
    rejections = [
        Rejection("a", "a.txt", "document", None, "publish_date_plausible", "publication date in the future"),
        Rejection("a", "a.txt", "figure", "3", "value_non_negative", "negative count"),
        Rejection("b", "b.txt", "figure", "0", "unit_canonical", "unit not in the canonical set"),
    ]
    assert rejected(rejections) == [
        FileOutcome("a.txt", "quarantined", doc_id="a", reason="failed check publish_date_plausible", detail="publication date in the future")
    ]


def test_a_staged_document_is_loaded_changed_or_a_near_duplicate_of_its_original():
    staged = {"a": ("a.txt", None), "b": ("b.txt", "old-b"), "c": ("c.txt", None)}
    outcomes = settled(staged, [Link("c", "a", "a.txt", 0.9123)])
    assert outcomes == [
        FileOutcome("a.txt", "loaded", doc_id="a"),
        FileOutcome("b.txt", "loaded", doc_id="b", reason="changed"),
        FileOutcome("c.txt", "duplicate", doc_id="c", reason="near duplicate", detail="a.txt (similarity 0.91)"),
    ]


def test_the_ledger_gives_every_file_one_outcome_and_the_counts_add_up():
    ledger = Ledger()
    ledger.record([FileOutcome("bin.txt", "quarantined", reason="binary file"), FileOutcome("same.txt", "unchanged", doc_id="s")])
    ledger.stage(_staged("a", "b", "c", replaces={"b": "old-b"}), [Rejection("x", "x.txt", "document", None, "doc_id_unique", "not unique")])
    assert ledger.retiring() == {"old-b"}
    outcomes = ledger.settle([Link("c", "a", "a.txt", 0.95)])
    assert sorted((o.source_file, o.outcome, o.reason) for o in outcomes) == [
        ("a.txt", "loaded", None), ("b.txt", "loaded", "changed"), ("bin.txt", "quarantined", "binary file"),
        ("c.txt", "duplicate", "near duplicate"), ("same.txt", "unchanged", None), ("x.txt", "quarantined", "failed check doc_id_unique"),
    ]
    assert summarize(outcomes) == {
        "files_seen": 6, "files_new": 1, "files_unchanged": 1, "files_loaded": 2, "files_duplicate": 1, "files_quarantined": 2,
        "quarantine_reasons": {"binary file": 1, "failed check doc_id_unique": 1},
        "quarantined_files": [
            {"file": "bin.txt", "reason": "binary file", "detail": None},
            {"file": "x.txt", "reason": "failed check doc_id_unique", "detail": "not unique"},
        ],
    }
