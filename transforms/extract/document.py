"""Extract from one clean document: metadata, place, figures with indicators, keywords, initiatives, time references
and how much it is about the genre."""

from __future__ import annotations

from collections import Counter

from transforms.extract.context import describe
from transforms.extract.figures import find_figures
from transforms.extract.indicators import assign
from transforms.extract.initiatives import find_initiatives
from transforms.extract.keywords import keywords
from transforms.extract.metadata import extract_metadata
from transforms.extract.places import resolve_place
from transforms.extract.segmenters import DEFAULT, segment
from transforms.extract.timerefs import find_time_refs
from transforms.extract.topic import on_topic, topic_score
from transforms.records import CleanDocument, Extraction


def extract_document(doc: CleanDocument, segmenter: str = DEFAULT) -> Extraction:
    metadata = extract_metadata(doc.header_lines, doc.metadata_lines, doc.chrome_lines)
    place = resolve_place(metadata.title, doc.header_lines + doc.metadata_lines, doc.text)
    figures = find_figures(doc.text)
    for ordinal, f in enumerate(figures):
        f.ordinal = ordinal
    assign(doc.text, figures)
    describe(doc.text, figures, metadata.publish_date, place.adcode)
    counts = Counter(segment(doc.text, segmenter))
    score = topic_score(counts, len(doc.text))
    return Extraction(
        doc_id=doc.doc_id,
        metadata=metadata,
        place=place,
        figures=figures,
        keywords=keywords(counts),
        initiatives=find_initiatives(doc.text),
        time_refs=find_time_refs(doc.text),
        topic_score=score,
        on_topic=on_topic(score),
    )


def extract_batch(docs: list[CleanDocument], segmenter: str = DEFAULT) -> list[Extraction]:
    return [extract_document(doc, segmenter) for doc in docs]
