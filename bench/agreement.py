"""`dangjian agreement`: how often a faster segmenter cuts clean texts exactly where jieba, the reference, does."""

from __future__ import annotations

import re
from pathlib import Path

from transforms.chars import HAN
from transforms.extract.segmenters import segment

_HAN_TOKEN = re.compile(f"[{HAN}]+")


def clean_texts(corpus: Path) -> list[str]:
    """Every article's clean text, as the flow's extract stage receives it."""
    from flows.settings import MAX_FILE_MB
    from transforms.clean.document import clean_batch
    from transforms.ingest.read import read
    from transforms.ingest.scan import scan

    docs, _ = clean_batch(read(scan(corpus)[0], {}, MAX_FILE_MB * 1024 * 1024)[0])
    return [d.text for d in docs]


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for token in tokens:
        spans.add((pos, pos + len(token)))
        pos += len(token)
    return spans


def agreement(texts: list[str], backend: str = "rjieba", reference: str = "jieba") -> dict:
    """Share of the reference's tokens that the backend cuts at the same two offsets, overall and on Chinese tokens,
    the share of texts cut identically, and a few differing tokens for a reader to judge."""
    same = total = same_han = total_han = identical = 0
    differing: list[str] = []
    for text in texts:
        ours, theirs = segment(text, reference), segment(text, backend)
        identical += ours == theirs
        spans = _spans(theirs)
        pos = 0
        for token in ours:
            hit = (pos, pos + len(token)) in spans
            han = bool(_HAN_TOKEN.fullmatch(token))
            same, total = same + hit, total + 1
            same_han, total_han = same_han + (hit and han), total_han + han
            if not hit and len(differing) < 20:
                differing.append(token)
            pos += len(token)
    return {
        "backend": backend,
        "reference": reference,
        "texts": len(texts),
        "texts_identical": identical,
        "tokens": total,
        "token_agreement": round(same / total, 6) if total else 1.0,
        "chinese_tokens": total_han,
        "chinese_token_agreement": round(same_han / total_han, 6) if total_han else 1.0,
        "differing_examples": differing,
    }
