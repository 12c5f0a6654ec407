"""Clean one batch of documents: raw decoded text -> Simplified article body, page chrome set apart, offsets kept."""

from __future__ import annotations

import re
from array import array

from transforms.chars import han_count
from transforms.clean.chrome import repeated_lines, separate
from transforms.clean.forms import normalize
from transforms.clean.markup import strip_html, unescape_entities
from transforms.clean.mojibake import garbled_spans
from transforms.clean.offsets import MappedText
from transforms.clean.personal_data import redact
from transforms.clean.pinyin import remove_annotations
from transforms.clean.script import detect_script, simplify
from transforms.clean.wrapping import unwrap
from transforms.records import CleanDocument, FileOutcome, RawDocument

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


def _lines(text: str) -> tuple[list[str], list[int]]:
    """The text's lines and the offset each starts at: only body lines need their origins, sliced by `_strip`."""
    lines = text.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return lines, starts


def _strip(text: MappedText, start: int, line: str) -> MappedText:
    """The line that starts at `start` without its surrounding white space, with its origins."""
    left = len(line) - len(line.lstrip())
    return text.slice(start + left, start + len(line.rstrip()))


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
    split = [_lines(text.text) for _, text, *_ in prepared]
    repeated = repeated_lines([texts for texts, _ in split]) if len(docs) >= 3 else set()
    cleaned: list[CleanDocument] = []
    outcomes: list[FileOutcome] = []
    for (doc, text, annotation_count, pii, script), (texts, starts) in zip(prepared, split):
        layout = separate(texts, repeated)
        body = MappedText.join(unwrap([_strip(text, starts[i], texts[i]) for i in layout.body]), "\n")
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
                annotation_count=annotation_count,
                garbled_spans=garbled,
                truncated=truncated,
                pii_removed=pii,
                quality_score=quality_score(body.text, han, garbled, truncated),
            )
        )
    return cleaned, outcomes
