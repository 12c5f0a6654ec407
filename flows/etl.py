"""The `dangjian-etl` Prefect flow: read the warehouse's state; for each slice of new or changed files ingest, clean and
extract, validate, stage; link republished copies; load; record quality; report."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from pathlib import Path

from flows.settings import BATCH_SIZE, MAX_FILE_MB, SLICE, configure_prefect, current

configure_prefect()

from prefect import flow, get_run_logger  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from flows.runtime import prefetch, progress  # noqa: E402
from flows.runtime.clock import StageClock  # noqa: E402
from flows.runtime.memory import freeze_start_up, release_freed_memory, thaw  # noqa: E402
from flows.runtime.runners import batch_executor, one_ahead  # noqa: E402
from flows.tasks import (  # noqa: E402
    clean_extract_task,
    data_docs_task,
    ingest_task,
    link_task,
    load_task,
    open_staging_task,
    quality_artifact_task,
    read_state_task,
    stage_task,
    validate_task,
)
from transforms.batch import warm_up  # noqa: E402
from transforms.errors import QualityGateFailed  # noqa: E402
from transforms.extract.reference import reference_tables  # noqa: E402
from transforms.ingest.read import drop_exact_duplicates  # noqa: E402
from transforms.ingest.scan import SourceFile, scan, skip_unchanged  # noqa: E402
from transforms.link.linking import candidates  # noqa: E402
from transforms.outcomes import Ledger, summarize  # noqa: E402
from transforms.records import Candidate, RawDocument  # noqa: E402
from transforms.tables import Tables  # noqa: E402
from transforms.validate.runner import merge_results, prepare_suites_quietly  # noqa: E402
from warehouse import staging  # noqa: E402
from warehouse.connection import warehouse_state_dir  # noqa: E402
from warehouse.load import RunBatch  # noqa: E402
from warehouse.quality.data_docs import site_index  # noqa: E402

MIB = 1024 * 1024


def staging_path(warehouse: str, run_id: str) -> Path:
    return warehouse_state_dir(warehouse) / "staging" / run_id


def new_run_id() -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


@flow(name="dangjian-etl")
def dangjian_etl(
    source: str,
    warehouse: str,
    batch_size: int = BATCH_SIZE,
    strict: bool = False,
    runner: str = "local",
    address: str | None = None,
    max_file_bytes: int = MAX_FILE_MB * MIB,
    segmenter: str | None = None,
    rehash: bool = False,
    workers: int | None = None,
    load_mb: int | None = None,
) -> dict:
    """Process every new or changed file under `source` into the warehouse; return the run summary.

    With strict=True any critical data-quality failure fails the run before anything is written. `runner` says
    where clean and extract run: "local" (worker processes here when there is more than one batch) or "dask"
    (the cluster at `address`, or a local one); the warehouse is always written by this process alone. Files over
    `max_file_bytes` are quarantined unread. `segmenter`, `workers` and `load_mb` default to the settings
    (flows/settings.py). A file whose size and mtime are those recorded when it was last read is unchanged, unread,
    unless `rehash`.
    """
    settings = current()
    segmenter, workers, load_mb = segmenter or settings.segmenter, workers or settings.workers, load_mb or settings.load_mb
    logger = get_run_logger()
    run_id, started = new_run_id(), datetime.now()
    clock, ledger = StageClock(), Ledger()

    known, stats, originals = read_state_task(warehouse)
    files, total = clock.time("ingest", _files_to_read, Path(source), known, {} if rehash else stats, ledger)
    logger.info("run %s: %d files to read under %s", run_id, len(files), source)
    staged = clock.time("stage", open_staging_task, staging_path(warehouse, run_id))
    freeze_start_up()
    try:
        new: list[Candidate] = []  # what the link stage needs of each staged document
        checks, suite_seconds = [], {}
        with batch_executor(runner, address, workers, -(-len(files) // batch_size), partial(warm_up, segmenter)) as executor:
            if files:
                # Great Expectations' import is slow: spent while this process waits for the workers or for Prefect's
                # API, not after. A run with nothing to read never imports it.
                threading.Thread(target=prepare_suites_quietly, name="prepare-suites", daemon=True).start()
            lanes = workers if executor is not None else 1
            slices = _read_in_slices(files, total, dict(known), ledger, clock, max_file_bytes, batch_size)
            extracted = (
                (covered, _clean_and_extract(executor, _chunks(raw, batch_size, lanes), run_id, segmenter))
                for raw, covered in slices
            )
            # A slice goes to the workers before the slice ahead of it is validated and staged, so they do not wait on
            # this process; at most two slices are held at a time.
            for covered, work in one_ahead(extracted):
                tables = clock.time("clean+extract", _collect, work, ledger, clock, len(files))
                if not tables.documents.num_rows:  # nothing new in this slice
                    continue
                validation = clock.time("validate", validate_task, quote(tables))
                checks.append(validation.results)
                for suite, seconds in validation.seconds.items():
                    suite_seconds[suite] = suite_seconds.get(suite, 0.0) + seconds
                progress.advance("validate", covered, len(files))
                clock.time("stage", stage_task, staged, quote(validation.tables))
                ledger.stage(validation.tables, validation.rejections)
                new.extend(candidates(validation.tables.documents))
                del tables, validation
                release_freed_memory()
            work = None  # the last slice's results: not kept through the load
        quality = merge_results(checks)
        if strict and (critical := [r for r in quality if r.failed_critically]):
            docs_path = data_docs_task(warehouse, run_id, started, quote(quality))
            names = ", ".join(f"{r.suite}.{r.check} ({r.unexpected_count})" for r in critical)
            raise QualityGateFailed(f"--strict: critical checks failed: {names}; nothing was loaded. Data Docs: {docs_path}")
        links = clock.time("link", link_task, quote(new), quote(originals), ledger.retiring())
        del new, originals  # the load, next, is the run's peak of memory
        release_freed_memory()
        outcomes = ledger.settle(links)
        batch = RunBatch(
            run_id=run_id,
            started_at=started,
            source_dir=str(source),
            staging=staged,
            outcomes=outcomes,
            counts=summarize(outcomes),
            reference=reference_tables(),
            rejections=ledger.rejections,
            links=links,
            quality=quality,
            quality_seconds=suite_seconds,
            data_docs=str(site_index(warehouse)) if checks else None,
            strict=strict,
            stage_seconds=clock.seconds,
            flow_run_id=str(flow_run.get_id() or ""),
            working_mb=load_mb,
        )
        summary, results = clock.time("load", load_task, warehouse, quote(batch))
        progress.advance("load", 1, 1)
    finally:
        thaw()
        staging.remove(staged)
    # A run that validated no document adds no page: importing Great Expectations would be most of a rerun with
    # nothing new. Its integrity results are in ops.dq_result and `dangjian quality` like every run's.
    docs_path = clock.time("report", data_docs_task, warehouse, run_id, started, quote(results)) if checks else None
    clock.time("report", quality_artifact_task, warehouse, run_id)
    summary.update(
        run_id=run_id,
        seconds=round((datetime.now() - started).total_seconds(), 2),
        stage_seconds={stage: round(seconds, 3) for stage, seconds in clock.seconds.items()},
        stage_cpu_seconds={stage: round(seconds, 3) for stage, seconds in clock.cpu.items()},
        # a run that validated nothing new adds no page, but the site of the runs before stays where it was
        data_docs=docs_path or (str(site) if (site := site_index(warehouse)).exists() else None),
        segmenter=segmenter,
    )
    logger.info("run %s loaded %d files, %d metrics", run_id, summary["files_loaded"], summary["metrics_loaded"])
    return summary


def _files_to_read(
    source: Path, known: dict[str, str], stats: dict[str, tuple[int, int]], ledger: Ledger
) -> tuple[list[SourceFile], int]:
    """The candidate files under source whose size or mtime moved since the warehouse read them (all, with no stats),
    and how many candidates there are; the rest, and entries that cannot be files, go to the ledger."""
    files, outcomes = prefetch.take(scan, source)
    ledger.record(outcomes)
    to_read, unchanged = skip_unchanged(files, known, stats)
    ledger.record(unchanged)
    progress.advance("ingest", len(unchanged), len(files))
    return to_read, len(files)


def _read_in_slices(
    files: list[SourceFile], total: int, seen: dict[str, str], ledger: Ledger, clock: StageClock, max_file_bytes: int, batch_size: int
) -> Iterator[tuple[list[RawDocument], int]]:
    """(documents, files read) per slice of about SLICE new or changed documents: unchanged files take no room, so a
    rerun that changed 1,000 of 100,000 files validates and stages one slice, not 50. `seen` maps each path read so
    far to its doc_id, so that exact copies are found across slices too."""
    raw: list[RawDocument] = []
    covered = done = 0
    while done < len(files):
        # One task reads what the slice still needs: each task run costs the Prefect API server work of its own.
        chunk = files[done : done + max(batch_size, SLICE - len(raw))]
        found, outcomes = clock.time("ingest", ingest_task, quote(chunk), quote(seen), max_file_bytes)
        raw.extend(found)
        ledger.record(outcomes)
        covered += len(chunk)
        done += len(chunk)
        progress.advance("ingest", len(chunk), total)
        if len(raw) >= SLICE or done == len(files):
            raw, duplicates = drop_exact_duplicates(raw, seen)
            ledger.record(duplicates)
            seen.update((d.source_file, d.doc_id) for d in raw)
            yield raw, covered
            raw, covered = [], 0


def _chunks(items: list, size: int, lanes: int = 1) -> list[list]:
    """items in batches of at most size, as many as a multiple of lanes (the workers) and equal within one: 1,000
    documents on two workers go as 6 batches of ~167, not 5 of 200, of which the last would run alone."""
    count = -(-len(items) // size)
    count = -(-count // lanes) * lanes
    size = max(1, -(-len(items) // count)) if items else size
    return [items[i : i + size] for i in range(0, len(items), size)]


def _clean_and_extract(executor, chunks: list[list[RawDocument]], run_id: str, segmenter: str):
    """Start a slice's clean and extract: (its batch sizes, a call that returns its batches' results). With workers
    the batches go to them now, while this process goes on; without, they are cleaned when the results are asked for."""
    args = (quote(chunks), run_id, datetime.now(), segmenter)
    if executor is None:
        return [len(c) for c in chunks], partial(clean_extract_task, *args)
    return [len(c) for c in chunks], clean_extract_task.submit(*args, quote(executor)).result


def _collect(work, ledger: Ledger, clock: StageClock, total: int) -> Tables:
    """A slice's tables from its batches (work: their sizes, and the call that returns their results); what became of
    documents with no body goes to the ledger."""
    sizes, results = work
    parts = []
    for size, (tables, outcomes, seconds) in zip(sizes, results()):
        ledger.record(outcomes)
        parts.append(tables)
        clock.add_cpu(seconds)
        progress.advance("extract", size, total)
    return Tables.concat(parts)
