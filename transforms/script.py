"""Traditional-to-Simplified conversion (OpenCC) with offsets, and script detection."""

from __future__ import annotations

import operator
from functools import lru_cache

import numpy as np

from transforms.textmap import MappedText


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def code_points(text: str) -> np.ndarray:
    """The text's characters as a uint32 array (UTF-32), for numpy to scan without a Python loop."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _han_mask(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's code points, and which are Han characters (CJK Unified Ideographs).

    Seven times faster on an article than a regular expression that deletes the runs of other characters.
    """
    points = code_points(text)
    return points, (points >= 0x4E00) & (points <= 0x9FFF)


def han_chars(text: str) -> str:
    """The text's Han characters, in order."""
    points, han = _han_mask(text)
    return points[han].tobytes().decode("utf-32-le")


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def han_count(text: str) -> int:
    return int(np.count_nonzero(_han_mask(text)[1]))


def detect_script(text: str) -> str:
    """'traditional' when a noticeable share of Han characters change under t2s, else 'simplified'."""
    sample = han_chars(text)[:5000]
    if not sample:
        return "simplified"
    converted = to_simplified(sample)
    changed = sum(map(operator.ne, sample, converted)) if converted != sample else 0
    return "traditional" if changed / len(sample) >= 0.03 else "simplified"


def simplify(doc: MappedText) -> MappedText:
    """Convert line by line; a line whose length changes under phrase conversion is converted char by char."""
    out_lines: list[MappedText] = []
    pos = 0
    for line in doc.text.split("\n"):
        part = doc.slice(pos, pos + len(line))
        pos += len(line) + 1
        converted = to_simplified(line)
        if len(converted) != len(line):
            converted = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in line)
        out_lines.append(MappedText(converted, part.origin))
    return MappedText.join(out_lines, "\n")
