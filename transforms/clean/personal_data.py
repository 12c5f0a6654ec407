"""Redact personal data (phones, e-mail, QQ and ID-card numbers) from text stored outside the raw layer."""

from __future__ import annotations

import re

from transforms.clean.offsets import MappedText

# id_card and phone open with a lookahead on their first character, which lets the engine skip ahead: led by
# lookbehinds, a pattern is tried at every position, several times slower.
PATTERNS: dict[str, re.Pattern] = {
    "email": re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,10}"),
    "id_card": re.compile(r"(?=[1-6])(?<![\d.])[1-6]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\d.])"),
    "qq": re.compile(r"(?i)qq(?:号|群)?\s{0,3}[:：]?\s{0,3}(?P<number>[1-9]\d{4,11})(?!\d)"),
    "phone": re.compile(
        r"(?=[\d+(（])(?:"
        r"(?<![\d.])(?:\+?86[- ]?)?1[3-9]\d{9}(?![\d.万亿元])"
        r"|(?<![\d.])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)\s?\d{7,8}(?:-\d{1,5})?(?!\d)"
        r"|(?<!\d)[48]00-?\d{3}-?\d{4}(?!\d)"
        r")"
    ),
}
PLACEHOLDER = {"email": "[邮箱]", "id_card": "[身份证号]", "qq": "[QQ号]", "phone": "[电话]"}


def find_pii(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) spans, earliest first."""
    found: list[tuple[int, int, str]] = []
    for kind, pattern in PATTERNS.items():
        if kind == "email" and "@" not in text:  # scanning for the rest of an address costs more than this test
            continue
        for m in pattern.finditer(text):
            start = m.start("number") if kind == "qq" else m.start()  # the number alone, not the "QQ号：" before it
            if not any(s < m.end() and start < e for s, e, _ in found):
                found.append((start, m.end(), kind))
    return sorted(found)


def redact(doc: MappedText) -> tuple[MappedText, int]:
    spans = find_pii(doc.text)
    return doc.edit((s, e, PLACEHOLDER[k]) for s, e, k in spans), len(spans)
