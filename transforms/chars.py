"""Characters every stage reads the same way: what a Han character is, the pinyin tone letters, Traditional to Simplified.

One definition here, so that decoding, cleaning, extraction and fingerprints agree on what counts as Chinese text.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
# Imported with the module, not on first use: a SIGTERM that lands inside opencc's import is swallowed by its
# fallbacks and comes out as 'opencc_clib not found', a traceback instead of a clean stop.
import opencc

# CJK Unified Ideographs, the block every article character in the genre falls in. HAN is for regular expressions
# ("[" + HAN + "]"), HAN_FIRST and HAN_LAST for numpy over code points.
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
HAN = "\u4e00-\u9fff"
# Toned pinyin letters, as converters write them in annotations (設(shè)) and as garbled annotations leave them.
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
TONELESS = "aaaaeeeeiiiioooouuuuvvvvvnnnm"


def code_points(text: str) -> np.ndarray:
    """The text's characters as a uint32 array (UTF-32), for numpy to scan without a Python loop."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


# Two characters as one number, for numpy to look pairs up in a sorted array: a code point has 21 bits.
_PAIR_SHIFT = np.uint64(21)


def pair_code(pair: str) -> int:
    return ord(pair[0]) << 21 | ord(pair[1])


def known_pairs(points: np.ndarray, codes: np.ndarray, at: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (all, or those in `at`) where a text's two characters are a pair among `codes` (sorted pair_code
    numbers), and each one's index in `codes`."""
    if not len(codes):
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    first, second = (points[:-1], points[1:]) if at is None else (points[at], points[at + 1])
    pairs = (first.astype(np.uint64) << _PAIR_SHIFT) | second
    found = np.minimum(np.searchsorted(codes, pairs), len(codes) - 1)
    hit = codes[found] == pairs
    return (np.flatnonzero(hit) if at is None else at[hit]), found[hit]


def _han_mask(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's code points, and which are Han characters.

    Several times faster on an article than a regular expression that deletes the runs of other characters.
    """
    points = code_points(text)
    return points, (points >= HAN_FIRST) & (points <= HAN_LAST)


def han_chars(text: str) -> str:
    """The text's Han characters, in order."""
    points, han = _han_mask(text)
    return points[han].tobytes().decode("utf-32-le")


def is_han(char: str) -> bool:
    return HAN_FIRST <= ord(char) <= HAN_LAST


# Below this length a regular expression counts faster than numpy, whose every call costs a few microseconds: page
# lines and headlines are short, bodies long.
_SHORT = 100
_NOT_HAN_RUN = re.compile(f"[^{HAN}]+")


def han_count(text: str) -> int:
    if len(text) < _SHORT:
        return len(_NOT_HAN_RUN.sub("", text))
    return int(np.count_nonzero(_han_mask(text)[1]))


@lru_cache(maxsize=1)
def _converter():
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The text in Simplified script (OpenCC's t2s: phrases first, then characters)."""
    return _converter().convert(text)
