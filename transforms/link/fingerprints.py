"""Fingerprints of a document for the link stage: MinHash of its body's character shingles, and its figures' keys.

Computed with the extraction, in the worker processes, so the link stage compares numbers, not texts.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

from transforms.chars import code_points

SHINGLE = 5
PERMUTATIONS = 64
_NOT_WORD = re.compile(r"[\W_]+")
_rng = np.random.default_rng(20261123)
_A = _rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
BASE = np.uint64(1_000_003)


def fingerprint(text: str) -> list[int]:
    """MinHash signature of the text's character 5-shingles, ignoring punctuation and white space."""
    chars = code_points(_NOT_WORD.sub("", text)).astype(np.uint64)
    if len(chars) < SHINGLE:
        chars = np.concatenate([chars, np.zeros(SHINGLE - len(chars), dtype=np.uint64)])
    n = len(chars) - SHINGLE + 1
    shingles = chars[:n].copy()
    # A polynomial hash of each shingle, wrapping modulo 2**64. Repeated shingles are left in: they cannot change a minimum.
    with np.errstate(over="ignore"):
        for k in range(1, SHINGLE):
            shingles *= BASE
            shingles += chars[k : n + k]
        hashed = np.multiply.outer(shingles, _A)
        hashed += _B
    # The top 32 bits of the least hash are the least top 32 bits: shifting 64 minima, not every hash, saves a pass.
    return (hashed.min(axis=0) >> np.uint64(32)).astype(np.int64).tolist()


def figure_keys(figures) -> list[int]:
    """The distinct (value, unit) pairs of a document's figures as sorted integers, the same in every process."""
    return sorted({zlib.crc32(f"{round(value, 4)!r}|{unit}".encode()) for value, unit in figures})
