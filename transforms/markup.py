"""Strip HTML markup to text lines, keeping offsets; unescape entities in any text."""

from __future__ import annotations

import html
import re

from transforms.textmap import MappedText

_DROP_BLOCK = re.compile(r"<(script|style|noscript|template|svg|iframe)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_BREAKING = re.compile(
    r"</?(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|title|section|article|header|footer|nav|aside|blockquote|dd|dt|form|hr)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"</?[a-zA-Z!][^<>]{0,2000}>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_UNCLOSED_DROP = re.compile(r"<(script|style)\b[^>]*>.*\Z", re.I | re.S)


def _spans(pattern: re.Pattern, text: str, repl: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), repl) for m in pattern.finditer(text)]


def strip_html(doc: MappedText) -> MappedText:
    """Remove scripts, styles, comments and tags; block-level tags become line breaks."""
    doc = doc.edit(_spans(_COMMENT, doc.text, "") + _spans(_DROP_BLOCK, doc.text, ""))
    doc = doc.edit(_spans(_UNCLOSED_DROP, doc.text, ""))
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
