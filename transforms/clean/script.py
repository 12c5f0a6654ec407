"""Script: whether a text is Traditional, and its conversion to Simplified with offsets kept (OpenCC)."""

from __future__ import annotations

import operator

from transforms.chars import han_chars, to_simplified
from transforms.clean.offsets import MappedText


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
