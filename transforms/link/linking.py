"""Republished articles: copies of one text found by LSH over MinHash fingerprints, linked to their original.

The same report often appears on a county site, the city's site and a provincial portal with different page
chrome and small edits. Copies are linked to the first-loaded (or, within one run, earliest published) copy
so their figures are counted once.
"""

from __future__ import annotations

from array import array

import numpy as np
import pyarrow as pa

from transforms.link.fingerprints import BASE, PERMUTATIONS
from transforms.records import Candidate, Link

BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.8 meet in some band with probability > 0.999
THRESHOLD = 0.8
# A copy at Jaccard 0.8 shares 6.5 of the 16 bands with its original on average, an article that only shares
# boilerplate with it one or two: comparing the 64 band-mates with the most shared bands finds the copy's original.
SCORED = 64
# A copy reports its original's figures. Two articles cut from one template (a county's report of this year and of
# last, or two counties' versions of a city's model text) share most of their wording, enough for the estimate to pass
# THRESHOLD, but not their figures: when both have FIGURES_TO_JUDGE distinct figures or more, a copy must share at
# least FIGURES_SHARED of the fewer.
FIGURES_TO_JUDGE = 3
FIGURES_SHARED = 0.5
_ROWS = PERMUTATIONS // BANDS


def figures_agree(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    """Whether two documents' figure keys allow one to be a copy of the other (unknown or too few keys: yes)."""
    if a is None or b is None or min(len(a), len(b)) < FIGURES_TO_JUDGE:
        return True
    return len(np.intersect1d(a, b, assume_unique=True)) >= FIGURES_SHARED * min(len(a), len(b))


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def _matrix(candidates: list[Candidate]) -> np.ndarray:
    """The candidates' fingerprints as one (documents, PERMUTATIONS) int64 matrix."""
    return np.array([np.asarray(c.fingerprint, dtype=np.int64) for c in candidates], dtype=np.int64).reshape(-1, PERMUTATIONS)


def band_keys(prints: np.ndarray) -> np.ndarray:
    """(documents, BANDS) int64 keys: each band's rows and the band's number hashed into one number.

    Two documents share a key when they agree on a whole band (or, once in 2**64, by accident: that only adds a
    candidate to score).
    """
    rows = np.ascontiguousarray(prints, dtype=np.int64).view(np.uint64).reshape(len(prints), BANDS, _ROWS)
    keys = np.tile(np.arange(BANDS, dtype=np.uint64) + np.uint64(0x9E3779B97F4A7C15), (len(prints), 1))
    with np.errstate(over="ignore"):
        for r in range(_ROWS):
            keys = (keys * BASE) ^ rows[:, :, r]
    return keys.view(np.int64)


def link_copies(new: list[Candidate], known: list[Candidate]) -> list[Link]:
    """Links from each new document that copies another to its original.

    Known documents (already in the warehouse) are originals by right; among new ones the lower `order` wins.
    """
    members: list[Candidate] = list(known)
    prints = np.empty((len(known) + len(new), PERMUTATIONS), dtype=np.int64)
    prints[: len(known)] = _matrix(known)
    # Known documents' band keys, sorted, looked up by binary search rather than indexed one Python step per band (an
    # archive holds hundreds of thousands of bands). New originals, indexed as they are found, go in a dict.
    known_keys = band_keys(prints[: len(known)]).ravel()
    order = np.argsort(known_keys, kind="stable")
    sorted_keys, sorted_rows = known_keys[order], (order // BANDS).astype(np.int64)
    buckets: dict[int, array] = {}  # band key -> rows of `members` and `prints`, as int64
    rows_of: dict[str, list[int]] = {}  # doc_id -> its rows, so a document is never its own copy
    for row, c in enumerate(known):
        rows_of.setdefault(c.doc_id, []).append(row)
    ranked = sorted(new, key=lambda c: c.order)
    links = []
    for c, keys in zip(ranked, band_keys(_matrix(ranked))):
        lows, highs = np.searchsorted(sorted_keys, keys, "left"), np.searchsorted(sorted_keys, keys, "right")
        keys = keys.tolist()  # plain ints hash several times faster than numpy scalars
        # Band-mates run to thousands per document in a large corpus of templated articles (they share boilerplate):
        # gathered as arrays, never one Python step each, and only the SCORED that share the most bands are compared.
        mates = [sorted_rows[lo:hi] for lo, hi in zip(lows.tolist(), highs.tolist()) if hi > lo]
        mates += [np.frombuffer(buckets[key].tobytes(), dtype=np.int64) for key in keys if key in buckets]
        rows, hits = np.unique(np.concatenate(mates) if mates else np.empty(0, np.int64), return_counts=True)
        if c.doc_id in rows_of:
            keep = ~np.isin(rows, rows_of[c.doc_id])
            rows, hits = rows[keep], hits[keep]
        if len(rows) > SCORED:
            rows = np.sort(rows[np.argsort(-hits, kind="stable")[:SCORED]])
        original = None
        if len(rows):
            scores = (prints[rows] == np.asarray(c.fingerprint)).mean(axis=1)
            for best in np.argsort(-scores, kind="stable").tolist():  # of equal scores, the earliest indexed first
                if scores[best] < THRESHOLD:
                    break
                if figures_agree(c.figures, members[rows[best]].figures):
                    original = members[rows[best]]
                    links.append(Link(c.doc_id, original.doc_id, original.source_file, round(float(scores[best]), 4)))
                    break
        if original is not None:
            continue
        # Only originals enter the index, so every copy links to an original.
        row = len(members)
        prints[row] = c.fingerprint
        for key in keys:
            buckets.setdefault(key, array("q")).append(row)
        rows_of.setdefault(c.doc_id, []).append(row)
        members.append(c)
    return links


def fingerprint_rows(minhash: pa.ChunkedArray) -> np.ndarray:
    """A column of fingerprints (lists of PERMUTATIONS int64) as the rows of one (documents, PERMUTATIONS) matrix."""
    return np.asarray(minhash.combine_chunks().flatten(), dtype=np.int64).reshape(-1, PERMUTATIONS)


def figure_key_rows(keys: pa.ChunkedArray) -> list[np.ndarray | None]:
    """A column of figure_keys lists as one int64 array per row (views into one buffer), None for a null."""
    column = keys.combine_chunks()
    values = np.asarray(column.flatten(), dtype=np.int64)
    offsets = np.asarray(column.offsets)
    rows = np.split(values, offsets[1:-1]) if len(column) else []  # combine_chunks starts the offsets at 0
    return [None if null else row for row, null in zip(rows, column.is_null().to_pylist())]


def candidates(documents: pa.Table) -> list[Candidate]:
    """The documents (tabulated: doc_id, source_file, publish_date, minhash, figure_keys) as link candidates,
    earliest published first; fingerprints as rows of one int64 matrix, since a run keeps one per document until it
    is linked."""
    prints = fingerprint_rows(documents["minhash"])
    names, dates = documents["source_file"].to_pylist(), documents["publish_date"].to_pylist()
    keys = figure_key_rows(documents["figure_keys"])
    return [
        Candidate(doc_id, name, row, (published.isoformat() if published else "9999", name), figures)
        for doc_id, name, published, row, figures in zip(documents["doc_id"].to_pylist(), names, dates, prints, keys)
    ]


def known_candidates(originals: pa.Table) -> list[Candidate]:
    """The warehouse's originals (doc_id, source_file, minhash, figure_keys) as candidates: what a new copy can link to.

    Their fingerprints are the rows of one int64 matrix, read through Arrow, never one list of Python ints each.
    """
    prints, keys = fingerprint_rows(originals["minhash"]), figure_key_rows(originals["figure_keys"])
    return [
        Candidate(doc_id, source_file, row, figures=figures)
        for doc_id, source_file, row, figures in zip(originals["doc_id"].to_pylist(), originals["source_file"].to_pylist(), prints, keys)
    ]


def link_run(new: list[Candidate], originals: pa.Table | None, retiring: set[str]) -> list[Link]:
    """Links for this run's documents to each other and to the warehouse's originals (as `warehouse.state` reads
    them; None for none); `retiring` are originals this run replaces with a new version."""
    if not new:  # a rerun with nothing new does not index the whole archive's fingerprints
        return []
    known = known_candidates(originals) if originals is not None else []
    return link_copies(new, [k for k in known if k.doc_id not in retiring])
