"""The flow's Prefect tasks: each a thin wrapper over one stage's library call, over a batch or slice of documents.

Batches of documents go to tasks wrapped in quote() by the flow: Prefect otherwise walks every element of every
nested list and dataclass looking for upstream futures, which costs more than the work itself on large slices.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.runtime import prefetch
from flows.runtime.runners import results
from transforms.batch import process_batch
from transforms.errors import RetryableError
from transforms.ingest.read import read
from transforms.ingest.scan import SourceFile
from transforms.link.linking import link_run
from transforms.records import Candidate
from transforms.tables import Tables
from transforms.validate.runner import validate
from warehouse import staging, state
from warehouse.connection import connect
from warehouse.load import RunBatch, load_into
from warehouse.quality.data_docs import build_data_docs
from warehouse.quality.summary import quality_summary, render_quality


def _retryable(task, task_run, state) -> bool:
    """Retry what may succeed later (another process holds the warehouse), not what would fail again: an out of memory
    error or a strict run's failed check would be retried whole, load after load."""
    return isinstance(state.data, RetryableError)


@task(name="read-warehouse-state", cache_policy=NO_CACHE, retries=5, retry_delay_seconds=2, retry_condition_fn=_retryable)
def read_state_task(warehouse: str):
    """Migrate, then read which files and fingerprints the warehouse already holds; wait while another run writes."""
    return prefetch.take(state.read, warehouse)


@task(name="open-staging", cache_policy=NO_CACHE)
def open_staging_task(path: Path) -> Path:
    for orphan in staging.remove_orphans(path.parent):
        get_run_logger().info("removed %s, staged by a run that did not finish", orphan)
    return staging.create(path)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(files: list[SourceFile], known: dict[str, str], max_bytes: int):
    return read(files, known, max_bytes)


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


@task(name="stage", cache_policy=NO_CACHE)
def stage_task(path: Path, tables: Tables) -> None:
    staging.add(path, tables)


@task(name="link-republished", cache_policy=NO_CACHE)
def link_task(new: list[Candidate], originals, retiring: set[str]):
    return link_run(new, originals, retiring)


# Waits for the lock: about 10 s before a run starts work, a minute before it gives up work already done.
@task(name="load", cache_policy=NO_CACHE, retries=30, retry_delay_seconds=2, retry_condition_fn=_retryable)
def load_task(warehouse: str, batch: RunBatch) -> tuple[dict, list]:
    return load_into(warehouse, batch)


@task(name="data-docs", cache_policy=NO_CACHE)
def data_docs_task(warehouse: str, run_id: str, started: datetime, checks) -> str:
    return str(build_data_docs(warehouse, run_id, started, checks))


@task(name="quality-report", cache_policy=NO_CACHE)
def quality_artifact_task(warehouse: str, run_id: str) -> None:
    con = connect(warehouse, read_only=True)
    try:
        summary = quality_summary(con, run_id)
    finally:
        con.close()
    create_markdown_artifact(key="data-quality", markdown=render_quality(summary, "md"), description=f"Data quality of run {run_id}")
