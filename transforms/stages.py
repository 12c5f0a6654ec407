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


# A sentence that touches every table a batch loads on first use: the segmenter's dictionary, the IDF table, the
# gazetteer's name index, the unit and indicator patterns.
_WARM_UP_TEXT = "海晏县委组织部：2023年，全县整顿提升软弱涣散村党组织5个，培训党员干部1.2万人次。"


def warm_up(segmenter: str = DEFAULT) -> None:
    """Load what every batch needs, ahead of the first one (~0.8 s in a new process, after ~0.5 s of imports)."""
    doc = RawDocument("warm-up", "warm-up.txt", _WARM_UP_TEXT.encode(), "utf-8", _WARM_UP_TEXT, "text")
    clean_and_extract([doc], segmenter)


def process_batch(
    docs: list[RawDocument], run_id: str, now: datetime, segmenter: str = DEFAULT
) -> tuple[Tables, list[FileOutcome], dict[str, float]]:
    """The batch cleaned, extracted and tabulated: its tables, what became of documents with no body, seconds per stage."""
    clean, outcomes, extractions, seconds = clean_and_extract(docs, segmenter)
    started = time.perf_counter()
    tables = tabulate(docs, clean, extractions, run_id, now)
    seconds["tabulate"] = time.perf_counter() - started
    return tables, outcomes, seconds
