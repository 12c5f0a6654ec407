"""The `dangjian-etl` Prefect flow: ingest -> clean -> extract -> validate -> load, one task per stage and slice."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime
from functools import partial
from pathlib import Path

from flows.settings import configure_prefect

configure_prefect()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from transforms import ingest, segmenters  # noqa: E402
from flows.runners import batch_executor, results, workers  # noqa: E402
from transforms.stages import process_batch, warm_up  # noqa: E402
from transforms.tabulate import Tables  # noqa: E402
from transforms.near_duplicates import Candidate, candidates, link_run  # noqa: E402
from transforms.records import FileOutcome  # noqa: E402
from flows import prefetch, progress  # noqa: E402
from flows.memory import freeze_start_up, release_freed_memory, thaw  # noqa: E402
from flows.output import render_quality  # noqa: E402
from transforms.errors import QualityGateFailed, RetryableError  # noqa: E402
from transforms.validation import merge_results, prepare_suites_quietly, validate  # noqa: E402
from warehouse import staging  # noqa: E402
from warehouse.data_docs import build_data_docs, site_index  # noqa: E402
from warehouse.data_docs import state_dir as warehouse_state_dir  # noqa: E402
from warehouse.connection import connect  # noqa: E402
from warehouse.load import RunBatch, load_run_capped  # noqa: E402
from warehouse.migrate import migrate  # noqa: E402
from warehouse.quality import quality_summary  # noqa: E402
from warehouse import state  # noqa: E402

BATCH_SIZE = 200
# Batches of documents go to tasks wrapped in quote(): Prefect otherwise walks every element of every nested list
# and dataclass looking for upstream futures, which took longer than the work itself on 1,700 documents.
# A run reads, cleans, extracts, validates and stages its new or changed documents a slice at a time, so its memory
# does not grow with the corpus: measured on 10,000 articles, the flow process held 700-890 MB after each slice of
# 2,000. A slice is also one validation and one staging call, and Great Expectations costs ~0.7 s a call whatever the
# size, which is why unchanged files do not count towards a slice.
SLICE = 2000


def staging_path(warehouse: str, run_id: str) -> Path:
    return warehouse_state_dir(warehouse) / "staging" / run_id


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(files: list[ingest.SourceFile], known: dict[str, str], max_bytes: int):
    return ingest.read(files, known, max_bytes)


@task(name="clean-extract", cache_policy=NO_CACHE)
def clean_extract_task(batches, run_id: str, now: datetime, segmenter: str, executor=None):
    """A slice's batches, cleaned, extracted and tabulated; with an executor they run in its worker processes while
    this task waits."""
    if executor is None:
        return [process_batch(docs, run_id, now, segmenter) for docs in batches]
    return results([executor.submit(process_batch, docs, run_id, now, segmenter) for docs in batches])


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: Tables):
    return validate(tables)


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(warehouse: str, run_id: str, started: datetime, results) -> str:
    return str(build_data_docs(warehouse, run_id, started, results))


@task(name="quality-report", cache_policy=NO_CACHE)
def quality_artifact_task(warehouse: str, run_id: str) -> None:
    con = connect(warehouse, read_only=True)
    try:
        summary = quality_summary(con, run_id)
    finally:
        con.close()
    create_markdown_artifact(key="data-quality", markdown=render_quality(summary, "md"), description=f"Data quality of run {run_id}")


@task(name="link-republished", cache_policy=NO_CACHE)
def link_task(new, known, retiring):
    return link_run(new, known, retiring)


@task(name="open-staging", cache_policy=NO_CACHE)
def staging_task(path: Path) -> Path:
    for orphan in staging.remove_orphans(path.parent):
        get_run_logger().info("removed %s, staged by a run that did not finish", orphan)
    return staging.create(path)


@task(name="stage", cache_policy=NO_CACHE)
def stage_task(path: Path, tables: Tables) -> None:
    staging.add(path, tables)


def _retryable(task, task_run, state) -> bool:
    """Retry what may succeed later (another process holds the warehouse), not what would fail again: an out of memory
    error or a strict run's failed check, each retried 30 times, repeated a whole load every two seconds."""
    return isinstance(state.data, RetryableError)


# Waits for the lock: about 10 s before a run starts work, a minute before it gives up work already done.
@task(name="load", cache_policy=NO_CACHE, retries=30, retry_delay_seconds=2, retry_condition_fn=_retryable)
def load_task(warehouse: str, batch: RunBatch) -> dict:
    con = connect(warehouse)
    try:
        migrate(con)
        return load_run_capped(con, batch)
    finally:
        con.close()


def _chunks(items: list, size: int, lanes: int = 1) -> list[list]:
    """items in batches of at most size, as many as a multiple of lanes (the workers) and equal within one: 1,000
    documents on two workers go as 6 batches of ~167, not 5 of 200, of which the last would run alone."""
    count = -(-len(items) // size)
    count = -(-count // lanes) * lanes
    size = max(1, -(-len(items) // count)) if items else size
    return [items[i : i + size] for i in range(0, len(items), size)]


@task(name="read-warehouse-state", cache_policy=NO_CACHE, retries=5, retry_delay_seconds=2, retry_condition_fn=_retryable)
def warehouse_state_task(warehouse: str):
    """Migrate, then read which files and fingerprints the warehouse already holds; wait while another run writes."""
    return prefetch.take(state.read, warehouse)


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
    max_file_bytes: int = ingest.DEFAULT_MAX_BYTES,
    segmenter: str | None = None,
    rehash: bool = False,
) -> dict:
    """Process every new or changed file under `source` into the warehouse; return the run summary.

    With strict=True any critical data-quality failure fails the run before anything is written. `runner` says
    where clean and extract run: "local" (worker processes here when there is more than one batch) or "dask"
    (the cluster at `address`, or a local one); the warehouse is always written by this process alone. Files over
    `max_file_bytes` are quarantined unread. `segmenter` names the word segmenter (default: DANGJIAN_SEGMENTER, or rjieba).
    A file whose size and mtime are those recorded when it was last read is unchanged, unread, unless `rehash`.
    """
    logger = get_run_logger()
    segmenter = segmenter or segmenters.configured()
    run_id, started = new_run_id(), datetime.now()
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(stage: str, fn, *args):
        t0 = time.perf_counter()
        result = fn(*args)
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0
        return result

    known, stats, originals = warehouse_state_task(warehouse)
    files, outcomes = timed("ingest", prefetch.take, ingest.scan, Path(source))
    logger.info("run %s: %d candidate files under %s", run_id, len(files), source)
    total_files = len(files)
    files, unchanged = timed("ingest", ingest.skip_unchanged, files, known, {} if rehash else stats)
    outcomes.extend(unchanged)
    progress.advance("ingest", len(unchanged), total_files)
    staged = timed("stage", staging_task, staging_path(warehouse, run_id))
    freeze_start_up()
    try:
        # What the run keeps of each document between its slice and the load: small records, never the text.
        seen = dict(known)  # path -> doc_id, this run's files included: exact copies across slices
        new: list[Candidate] = []
        docs: dict[str, tuple[str, str | None]] = {}  # doc_id -> (source_file, the doc_id it replaces)
        rejections, checked, suite_seconds = [], [], {}
        with batch_executor(runner, address, -(-len(files) // batch_size), partial(warm_up, segmenter)) as executor:

            def read_slices():
                """(documents, files read) per slice of up to about SLICE new or changed documents: unchanged files
                take no room, so a rerun that changed 1,000 of 100,000 files validates and stages one slice, not 50."""
                raw, covered, done = [], 0, 0
                while done < len(files):
                    # One task reads what the slice still needs: a Prefect task run costs the API server ~50 ms of
                    # CPU, which a task per batch of 200 files turned into 7 % of a run's CPU.
                    chunk = files[done : done + max(batch_size, SLICE - len(raw))]
                    found, batch_outcomes = timed("ingest", ingest_task, quote(chunk), quote(seen), max_file_bytes)
                    raw.extend(found)
                    outcomes.extend(batch_outcomes)
                    covered += len(chunk)
                    done += len(chunk)
                    progress.advance("ingest", len(chunk), total_files)
                    if len(raw) >= SLICE or done == len(files):
                        raw, duplicates = ingest.drop_exact_duplicates(raw, seen)
                        outcomes.extend(duplicates)
                        seen.update((d.source_file, d.doc_id) for d in raw)
                        yield raw, covered
                        raw, covered = [], 0

            def finish_slice(covered: int, sizes: list[int], results) -> None:
                t0 = time.perf_counter()
                parts = []
                for size, (tables, batch_outcomes, seconds) in zip(sizes, results()):
                    outcomes.extend(batch_outcomes)
                    parts.append(tables)
                    for stage, spent in seconds.items():  # CPU seconds summed over workers
                        cpu[stage] = cpu.get(stage, 0.0) + spent
                    progress.advance("extract", size, len(files))
                # With workers, the time this process waited for them: their work overlaps ingest, validate and stage.
                timings["clean+extract"] = timings.get("clean+extract", 0.0) + time.perf_counter() - t0
                tables = Tables.concat(parts)
                if not tables.documents.num_rows:  # nothing new in this slice
                    return
                validation = timed("validate", validate_task, quote(tables))
                rejections.extend(validation.rejections)
                checked.append(validation.results)
                for suite, seconds in validation.seconds.items():
                    suite_seconds[suite] = suite_seconds.get(suite, 0.0) + seconds
                progress.advance("validate", covered, len(files))
                kept = validation.tables
                timed("stage", stage_task, staged, quote(kept))
                replaces = dict(zip(kept.raw["doc_id"].to_pylist(), kept.raw["replaces"].to_pylist()))
                docs.update((d, (f, replaces.get(d))) for d, f in zip(kept.documents["doc_id"].to_pylist(), kept.documents["source_file"].to_pylist()))
                new.extend(candidates(kept.documents))
                release_freed_memory()

            if files:
                # Importing Great Expectations takes ~4 s of this process's CPU: spent while it waits for the workers
                # or for Prefect's API, not after (`dangjian run` began it while Prefect started, flows/prefetch.py,
                # and this then waits for that build). A run with nothing to read never imports it.
                threading.Thread(target=prepare_suites_quietly, name="prepare-suites", daemon=True).start()
            # A slice's batches go to the workers before the slice ahead of it is validated and staged, so the
            # workers do not wait on this process; at most two slices are held at a time.
            pending = None
            for raw, covered in read_slices():
                chunks = _chunks(raw, batch_size, workers() if executor is not None else 1)
                args = (quote(chunks), run_id, datetime.now(), segmenter)
                # Without workers the slice is cleaned when it is finished; with them, now, while this process goes on.
                results = partial(clean_extract_task, *args) if executor is None else clean_extract_task.submit(*args, quote(executor)).result
                if pending:
                    finish_slice(*pending)
                # What this process keeps of the slice until it is finished: its batch sizes and where its tables come from.
                pending = (covered, [len(c) for c in chunks], results)
                del raw, chunks, results
            if pending:
                finish_slice(*pending)
            del pending
        quality = merge_results(checked)
        failed_docs = {r.doc_id: r for r in rejections if r.item == "document"}
        for r in failed_docs.values():
            outcomes.append(FileOutcome(r.source_file, "quarantined", doc_id=r.doc_id, reason=f"failed check {r.check}", detail=r.reason))
        critical = [r for r in quality if r.failed_critically]
        if strict and critical:
            docs_path = data_docs_task(warehouse, run_id, started, quote(quality))
            names = ", ".join(f"{r.suite}.{r.check} ({r.unexpected_count})" for r in critical)
            raise QualityGateFailed(f"--strict: critical checks failed: {names}; nothing was loaded. Data Docs: {docs_path}")
        retiring = {old for _, old in docs.values() if old}
        links = timed("link", link_task, quote(new), quote(originals), retiring)
        # Fingerprints and paths are done with: the load, next, is the run's peak of memory (~90 MB at 100,000 files).
        new.clear()
        originals.clear()
        seen.clear()
        release_freed_memory()
        copies = {link.doc_id: link for link in links}
        for doc_id, (source_file, old) in docs.items():
            if link := copies.get(doc_id):
                detail = f"{link.original_file} (similarity {link.similarity:.2f})"
                outcomes.append(FileOutcome(source_file, "duplicate", doc_id=doc_id, reason="near duplicate", detail=detail))
            else:
                outcomes.append(FileOutcome(source_file, "loaded", doc_id=doc_id, reason="changed" if old else None))
        batch = RunBatch(
            run_id=run_id,
            started_at=started,
            source_dir=str(source),
            tables=None,
            outcomes=outcomes,
            rejections=rejections,
            links=links,
            quality=quality,
            quality_seconds=suite_seconds,
            data_docs=str(site_index(warehouse)) if checked else None,
            strict=strict,
            stage_seconds=timings,
            flow_run_id=str(flow_run.get_id() or ""),
            staging=staged,
        )
        t0 = time.perf_counter()
        summary, results = load_task(warehouse, quote(batch))
        timings["load"] = time.perf_counter() - t0
        progress.advance("load", 1, 1)
    finally:
        thaw()
        staging.remove(staged)
    # A run that validated no document adds no page: importing Great Expectations alone costs ~4 s, most of a
    # rerun with nothing new. Its integrity results are in ops.dq_result and `dangjian quality` like every run's.
    docs_path = timed("report", data_docs_task, warehouse, run_id, started, quote(results)) if checked else None
    timed("report", quality_artifact_task, warehouse, run_id)
    summary.update(
        run_id=run_id,
        seconds=round((datetime.now() - started).total_seconds(), 2),
        stage_seconds=timings,
        stage_cpu_seconds=cpu,
        data_docs=docs_path,
        segmenter=segmenter,
    )
    logger.info("run %s loaded %d files, %d metrics", run_id, summary["files_loaded"], summary["metrics_loaded"])
    return summary
