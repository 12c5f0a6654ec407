"""The clean stage: raw decoded text -> simplified article body with chrome removed and offsets kept."""

from __future__ import annotations

import re
from array import array

from transforms.chrome import han_count, repeated_lines, separate
from transforms.markup import strip_html, unescape_entities
from transforms.mojibake import garbled_spans
from transforms.normalize import normalize
from transforms.pii import redact
from transforms.pinyin import remove_annotations
from transforms.records import CleanDocument, FileOutcome, RawDocument
from transforms.script import detect_script, simplify
from transforms.textmap import MappedText

_TERMINAL = re.compile(r"[。！？!?”’」』)）…\]】]\s*$")


def prepare(doc: RawDocument) -> tuple[MappedText, int, int, str]:
    """Markup, character forms, pinyin, personal data and script: (text, annotations, pii, script)."""
    text = MappedText(doc.text)
    text = strip_html(text) if doc.media_type == "html" else unescape_entities(text)
    text = normalize(text)
    text, annotations = remove_annotations(text)
    text, pii = redact(text)
    script = detect_script(text.text)
    if script == "traditional":
        text = simplify(text)
    return text, annotations, pii, script


def _lines(text: MappedText) -> list[MappedText]:
    out, pos = [], 0
    for line in text.text.split("\n"):
        out.append(text.slice(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _strip(line: MappedText) -> MappedText:
    left = len(line.text) - len(line.text.lstrip())
    right = len(line.text.rstrip())
    return line.slice(left, right)


def quality_score(body: str, han: int, garbled: list[tuple[int, int]], truncated: bool) -> float:
    """1.0 for a clean, complete article; lowered by garbled text, truncation and a body of few (han) characters."""
    score = 1.0
    if body:
        score -= min(0.6, 20 * sum(e - s for s, e in garbled) / len(body))
    if truncated:
        score -= 0.3
    if han < 200:
        score -= 0.2
    return round(max(0.0, score), 3)


def clean_batch(docs: list[RawDocument]) -> tuple[list[CleanDocument], list[FileOutcome]]:
    """Clean a batch; lines repeated across several of its documents count as chrome."""
    prepared = [(doc, *prepare(doc)) for doc in docs]
    split = [_lines(text) for _, text, *_ in prepared]
    repeated = repeated_lines([[line.text for line in lines] for lines in split]) if len(docs) >= 3 else set()
    cleaned: list[CleanDocument] = []
    outcomes: list[FileOutcome] = []
    for (doc, _text, annotations, pii, script), lines in zip(prepared, split):
        texts = [line.text for line in lines]
        layout = separate(texts, repeated)
        body = MappedText.join([_strip(lines[i]) for i in layout.body], "\n")
        han = han_count(body.text)
        if han < 20:
            outcomes.append(
                FileOutcome(doc.source_file, "quarantined", doc_id=doc.doc_id, reason="no article body",
                            detail="nothing but page chrome, markup or non-Chinese text after cleaning")
            )
            continue
        garbled = garbled_spans(body.text)
        truncated = not _TERMINAL.search(texts[layout.body[-1]])
        cleaned.append(
            CleanDocument(
                doc_id=doc.doc_id,
                source_file=doc.source_file,
                text=body.text,
                origin=array("i", body.origin),
                script=script,
                metadata_lines=[texts[i].strip() for i in layout.metadata],
                chrome_lines=[texts[i].strip() for i in layout.chrome],
                header_lines=[texts[i].strip() for i in layout.header],
                annotation_count=annotations,
                garbled_spans=garbled,
                truncated=truncated,
                pii_removed=pii,
                quality_score=quality_score(body.text, han, garbled, truncated),
            )
        )
    return cleaned, outcomes
