"""What several test modules do: run the stages without Prefect, exactly as the flow chains them, and load the result."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).parent / "fixtures" / "seeds_gold.json"
MAX_BYTES = 20 * 1024 * 1024
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}


def stage_tables(tables, folder: Path) -> Path:
    """A staging folder holding these tables, as one validated slice of a run."""
    from warehouse import staging

    path = staging.create(folder / "staging")
    staging.add(path, tables)
    return path


def run_batch(run_id: str, tables, ledger, folder: Path, links=(), quality=(), strict=False, source="seeds"):
    """The RunBatch the flow hands to the load for tables staged and recorded in ledger, linked by links."""
    from transforms.extract.reference import reference_tables
    from transforms.outcomes import summarize
    from warehouse.load import RunBatch

    outcomes = ledger.settle(list(links))
    return RunBatch(
        run_id, datetime.now(), source, stage_tables(tables, folder), outcomes, summarize(outcomes), reference_tables(),
        rejections=ledger.rejections, links=list(links), quality=list(quality), strict=strict,
    )


def load_validated(con, validation, run_id: str, folder: Path, strict: bool = False):
    """Load one validation's kept tables as a run whose files are those documents: the load's summary and results."""
    from transforms.outcomes import Ledger
    from warehouse.load import load_run

    ledger = Ledger()
    ledger.stage(validation.tables, validation.rejections)
    batch = run_batch(run_id, validation.tables, ledger, folder, quality=validation.results, strict=strict)
    return load_run(con, batch)


def run_without_prefect(source: Path, path: Path, run_id: str = "r1", folder: Path | None = None):
    """Every stage from ingest to link, as plain function calls in the flow's order, against what the warehouse at
    path holds: the RunBatch the load would get."""
    from transforms.batch import process_batch
    from transforms.ingest.read import drop_exact_duplicates, read
    from transforms.ingest.scan import scan, skip_unchanged
    from transforms.link.linking import candidates, link_run
    from transforms.outcomes import Ledger
    from transforms.validate.runner import validate
    from warehouse.state import read as read_state

    ledger = Ledger()
    known, stats, originals = read_state(str(path))
    files, outcomes = scan(source)
    ledger.record(outcomes)
    files, unchanged = skip_unchanged(files, known, stats)
    ledger.record(unchanged)
    raw, outcomes = read(files, known, MAX_BYTES)
    ledger.record(outcomes)
    raw, duplicates = drop_exact_duplicates(raw, known)
    ledger.record(duplicates)
    tables, outcomes, _ = process_batch(raw, run_id, datetime.now())
    ledger.record(outcomes)
    checked = validate(tables)
    ledger.stage(checked.tables, checked.rejections)
    links = link_run(candidates(checked.tables.documents), originals, ledger.retiring())
    folder = folder or Path(tempfile.mkdtemp(prefix="dangjian-test-"))
    return run_batch(run_id, checked.tables, ledger, folder, links, checked.results, source=str(source))


def load_without_prefect(source: Path, path: Path) -> Path:
    """Every stage from ingest to load, as plain function calls, from source into the warehouse at path."""
    from warehouse.load import load_into

    load_into(path, run_without_prefect(source, path))
    return path
