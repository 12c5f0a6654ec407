"""The CPU-bound stages of one batch (clean, extract, tabulate) as one unit of work for a worker process.

Shipping a batch to a worker once, and only its tables back, costs less than a round trip per stage.
"""

from __future__ import annotations

import time
from datetime import datetime

from transforms.clean import clean_batch
from transforms.extract import extract_batch
from transforms.records import CleanDocument, Extraction, FileOutcome, RawDocument
from transforms.segmenters import DEFAULT
from transforms.tabulate import Tables, tabulate


def clean_and_extract(
    docs: list[RawDocument], segmenter: str = DEFAULT
) -> tuple[list[CleanDocument], list[FileOutcome], list[Extraction], dict[str, float]]:
    """Clean documents, what became of those that had no body, their extractions, and seconds per stage."""
    started = time.perf_counter()
    clean, outcomes = clean_batch(docs)
    cleaned = time.perf_counter()
    extractions = extract_batch(clean, segmenter)
    return clean, outcomes, extractions, {"clean": cleaned - started, "extract": time.perf_counter() - cleaned}


def process_batch(
    docs: list[RawDocument], run_id: str, now: datetime, segmenter: str = DEFAULT
) -> tuple[Tables, list[FileOutcome], dict[str, float]]:
    """The batch cleaned, extracted and tabulated: its tables, what became of documents with no body, seconds per stage."""
    clean, outcomes, extractions, seconds = clean_and_extract(docs, segmenter)
    started = time.perf_counter()
    tables = tabulate(docs, clean, extractions, run_id, now)
    seconds["tabulate"] = time.perf_counter() - started
    return tables, outcomes, seconds
