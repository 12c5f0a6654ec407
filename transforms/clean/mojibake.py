"""Find garbled spans: replacement characters, lost bytes shown as '?', stray annotation fragments."""

from __future__ import annotations

import re

from transforms.chars import HAN, TONED

# The lookahead on the first character lets the engine skip ahead; led by lookbehinds, the pattern is tried at
# every position.
_GARBLE = re.compile(
    rf"(?=[\ufffd?a-z{TONED}\u00c0-\u00ff锟烫屯])(?:"
    rf"\ufffd+"
    rf"|(?<=[{HAN}])\?(?:[a-z{TONED}]{{1,6}}\)?)?(?:[{HAN}]{{0,3}}_)?(?=[{HAN}\d])"
    rf"|(?<![(（a-z{TONED}])[a-z{TONED}]{{1,6}}[)）](?=[{HAN}])"
    r"|[\u00c0-\u00ff]{3,}"
    r"|(?:锟斤拷|烫烫烫|屯屯屯)+"
    r")"
)


def garbled_spans(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) spans of text that did not survive encoding."""
    spans: list[tuple[int, int]] = []
    for m in _GARBLE.finditer(text):
        if spans and m.start() <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
        else:
            spans.append((m.start(), m.end()))
    return spans
