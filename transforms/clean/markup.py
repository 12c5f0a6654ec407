"""Strip HTML markup to text lines, keeping offsets; unescape entities in any text."""

from __future__ import annotations

import html
import re

from transforms.clean.offsets import MappedText

_DROPPED = ("script", "style", "noscript", "template", "svg", "iframe")
_OPENER = re.compile(rf"<!--|<({'|'.join(_DROPPED)})\b[^<>]{{0,2000}}>", re.I)
_BREAKING = re.compile(
    r"</?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|title|section|article|header|footer|nav|aside|blockquote|dd|dt|form|hr)\b[^<>]{0,2000}>",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z!][^<>]{0,2000}>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def _dropped_spans(text: str) -> list[tuple[int, int, str]]:
    """Comments and script-like blocks, in one pass from left to right.

    An unclosed comment, script or style runs to the end of the page, as in a browser; an unclosed svg or iframe
    loses only its opening tag. A closing tag found missing once is not searched for again, so a page of
    thousands of unclosed openers costs one scan, not one per opener.
    """
    spans: list[tuple[int, int, str]] = []
    unclosed: set[str] = set()
    pos = 0
    while m := _OPENER.search(text, pos):
        name = (m.group(1) or "").lower()
        if not name:
            close = text.find("-->", m.end())
            end = len(text) if close < 0 else close + 3
        else:
            found = None if name in unclosed else re.compile(rf"</{name}\s*>", re.I).search(text, m.end())
            if found is None:
                unclosed.add(name)
            end = found.end() if found else (len(text) if name in ("script", "style") else m.end())
        spans.append((m.start(), end, ""))
        pos = end
    return spans


def _spans(pattern: re.Pattern, text: str, repl: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), repl) for m in pattern.finditer(text)]


def strip_html(doc: MappedText) -> MappedText:
    """Remove scripts, styles, comments and tags; block-level tags become line breaks."""
    doc = doc.edit(_dropped_spans(doc.text))
    doc = doc.edit(_spans(_BREAKING, doc.text, "\n"))
    doc = doc.edit(_spans(_TAG, doc.text, ""))
    return unescape_entities(doc)


def unescape_entities(doc: MappedText) -> MappedText:
    edits = []
    for m in _ENTITY.finditer(doc.text):
        value = html.unescape(m.group())
        if value != m.group():
            edits.append((m.start(), m.end(), value))
    return doc.edit(edits)
