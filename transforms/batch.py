"""The CPU-bound work on one batch of documents, as one call a worker process makes: clean, extract, fingerprint,
tabulate.

Shipping a batch to a worker once, and only its tables back, costs less than a round trip per stage.
"""

from __future__ import annotations

import time
from datetime import datetime

from transforms.clean.document import clean_batch
from transforms.extract.document import extract_batch
from transforms.extract.segmenters import DEFAULT
from transforms.link.fingerprints import figure_keys, fingerprint
from transforms.records import CleanDocument, Extraction, FileOutcome, RawDocument
from transforms.tables import Tables, tabulate


def extract_for_link(docs: list[CleanDocument], segmenter: str = DEFAULT) -> list[Extraction]:
    """The documents' extractions with what the link stage compares: each body's MinHash and its figures' keys."""
    extractions = extract_batch(docs, segmenter)
    for doc, x in zip(docs, extractions):
        x.fingerprint = fingerprint(doc.text)
        x.figure_keys = figure_keys((f.value, f.unit) for f in x.figures)
    return extractions


def clean_and_extract(
    docs: list[RawDocument], segmenter: str = DEFAULT
) -> tuple[list[CleanDocument], list[FileOutcome], list[Extraction], dict[str, float]]:
    """Clean documents, what became of those that had no body, their extractions, and seconds per stage."""
    started = time.perf_counter()
    clean, outcomes = clean_batch(docs)
    cleaned = time.perf_counter()
    extractions = extract_for_link(clean, segmenter)
    return clean, outcomes, extractions, {"clean": cleaned - started, "extract": time.perf_counter() - cleaned}


# A sentence that touches every table a batch loads on first use: the segmenter's dictionary, the IDF table, the
# gazetteer's name index, the unit and indicator patterns.
_WARM_UP_TEXT = "海晏县委组织部：2023年，全县整顿提升软弱涣散村党组织5个，培训党员干部1.2万人次。"


def warm_up(segmenter: str = DEFAULT) -> None:
    """Load what every batch needs, ahead of the first one, while the flow still reads files."""
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
