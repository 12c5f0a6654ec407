"""Turn a file's bytes into text, deciding its encoding and its kind (plain text or HTML)."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

from transforms.chars import han_chars, to_simplified
from transforms.errors import TerminalInputError

_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "zip archive"),
    (b"%PDF", "PDF document"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
]
_HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|div|p|br|span|table|meta|script)\b", re.I)


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: zero bytes present, and one byte order yields readable text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(c.isprintable() or c in "\n\r\t" for c in text) / len(text)
        if readable > 0.95 and _plausibility(text) > 0.8:
            return encoding
    return None


COMMON_CHARS = Path(__file__).parent / "reference" / "common_chars.txt"


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Characters of the 60,000 most frequent words in jieba's dictionary: a yardstick for plausible Chinese.

    Read from a file derived once (reference/README.md beside this module), not from jieba's dictionary at run time.
    """
    return frozenset(COMMON_CHARS.read_text(encoding="utf-8").removesuffix("\n"))


def _plausibility(text: str) -> float:
    cjk = han_chars(to_simplified(text[:4000]))
    if not cjk:
        return 0.0
    return sum(map(_common_chars().__contains__, cjk)) / len(cjk)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises TerminalInputError for binary or undecodable input."""
    if not data:
        raise TerminalInputError("empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise TerminalInputError("binary file", kind)
    encoding = _bom(data) or _utf16_without_bom(data)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise TerminalInputError("undecodable text", f"{encoding} declared but invalid at byte {exc.start}") from None
    if b"\x00" in data:
        raise TerminalInputError("binary file", "contains NUL bytes")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
        if exc.reason == "unexpected end of data" and exc.end == len(data):  # cut off inside the last character
            return data[: exc.start].decode("utf-8"), "utf-8"
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise TerminalInputError(
            "undecodable text", f"not UTF-8 (invalid at byte {utf8_error}), UTF-16, GB18030 or Big5; possibly mixed encodings"
        )
    # The first of equally plausible decodings: GB18030 before Big5.
    score, text, encoding = max(((_plausibility(text), text, encoding) for text, encoding in candidates), key=lambda c: c[0])
    if score < 0.5:
        raise TerminalInputError("undecodable text", f"decodes as {encoding} but yields implausible characters")
    return text, encoding


def media_type(source_file: str, text: str) -> str:
    """'html' for .html/.htm files and for text files that are really markup, else 'text'."""
    if source_file.lower().endswith((".html", ".htm")):
        return "html"
    return "html" if len(_HTML_HINT.findall(text[:20000])) >= 3 else "text"
