"""Republished articles: MinHash fingerprints of the article body and LSH to find copies of one text.

The same report often appears on a county site, the city's site and a provincial portal with different page
chrome and small edits. Copies are linked to the first-loaded (or, within one run, earliest published) copy
so their figures are counted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from transforms.records import CleanDocument, Extraction

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 meet in some band with probability > 0.999
THRESHOLD = 0.8
_ROWS = PERMUTATIONS // BANDS
_NOT_WORD = re.compile(r"[\W_]+")
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


def fingerprint(text: str) -> list[int]:
    """MinHash signature of the text's character 5-shingles, ignoring punctuation and white space."""
    chars = np.frombuffer(_NOT_WORD.sub("", text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(chars) < SHINGLE:
        chars = np.concatenate([chars, np.zeros(SHINGLE - len(chars), dtype=np.uint64)])
    shingles = np.zeros(len(chars) - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):  # a polynomial hash of each shingle, wrapping modulo 2**64
            shingles = shingles * _BASE + chars[k : len(chars) - SHINGLE + 1 + k]
        shingles = np.unique(shingles)
        hashed = (shingles[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return hashed.min(axis=0).astype(np.int64).tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    source_file: str
    fingerprint: list[int] | np.ndarray
    order: tuple = ()  # lower sorts first and becomes the original


@dataclass(frozen=True)
class Link:
    doc_id: str
    original: str
    original_file: str
    similarity: float


def link_copies(new: list[Candidate], known: list[Candidate]) -> list[Link]:
    """Links from each new document that copies another to its original.

    Known documents (already in the warehouse) are originals by right; among new ones the lower `order` wins.
    """
    buckets: dict[tuple, list[Candidate]] = {}

    def bands(c: Candidate):
        return [(i, *c.fingerprint[i * _ROWS : (i + 1) * _ROWS]) for i in range(BANDS)]

    for c in known:
        for key in bands(c):
            buckets.setdefault(key, []).append(c)
    links = []
    for c in sorted(new, key=lambda c: c.order):
        seen: set[str] = set()
        best: tuple[float, Candidate] | None = None
        for key in bands(c):
            for other in buckets.get(key, ()):
                if other.doc_id in seen or other.doc_id == c.doc_id:
                    continue
                seen.add(other.doc_id)
                score = similarity(c.fingerprint, other.fingerprint)
                if score >= THRESHOLD and (best is None or score > best[0]):
                    best = (score, other)
        if best:
            links.append(Link(c.doc_id, best[1].doc_id, best[1].source_file, round(best[0], 4)))
            continue
        for key in bands(c):  # only originals enter the index, so every copy links to an original
            buckets.setdefault(key, []).append(c)
    return links


def candidates(docs: list[CleanDocument], extractions: list[Extraction]) -> list[Candidate]:
    """The documents as link candidates, earliest published first; fingerprints as compact arrays, since a run keeps
    one per document until it is linked."""
    by_id = {x.doc_id: x for x in extractions}
    return [
        Candidate(d.doc_id, d.source_file, np.asarray(by_id[d.doc_id].fingerprint, dtype=np.int64),
                  (by_id[d.doc_id].metadata.publish_date or "9999", d.source_file))
        for d in docs
    ]


def link_run(docs: list[CleanDocument], extractions: list[Extraction], known: list[Candidate], retiring: set[str]) -> list[Link]:
    """Links for this run's documents; `retiring` are known documents this run replaces with a new version."""
    return link_copies(candidates(docs, extractions), [k for k in known if k.doc_id not in retiring])
