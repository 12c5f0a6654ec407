"""Read input files, identify them by the SHA-256 of their bytes, and decode them; set exact copies aside."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from transforms.errors import TerminalInputError
from transforms.ingest.decoding import decode, media_type
from transforms.ingest.scan import SourceFile
from transforms.records import FileOutcome, RawDocument

# A file modified this soon before it was read may change again within the same mtime tick (2 s on FAT) without its
# stat changing: its stat is not recorded, so the next run reads it again (git calls such index entries "racy").
RACY_NS = 2_000_000_000


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; TerminalInputError if there are more than max_bytes, found before they are all read."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TerminalInputError("file too large", f"{size:,} bytes > limit {max_bytes:,} (set with --max-file-mb)")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise TerminalInputError("file too large", f"more than the limit of {max_bytes:,} bytes (set with --max-file-mb)")
    return data


def read(files: list[SourceFile], known: dict[str, str], max_bytes: int) -> tuple[list[RawDocument], list[FileOutcome]]:
    """Read and decode a batch. `known` maps source_file -> doc_id already in the warehouse.

    Files whose content hash equals what the warehouse holds for that path are 'unchanged' and not decoded. Each
    document and unchanged outcome carries the file's mtime to record, unless the file was modified too recently
    to trust (RACY_NS).
    """
    docs: list[RawDocument] = []
    outcomes: list[FileOutcome] = []
    for f in files:
        trusted_before = time.time_ns() - RACY_NS
        try:
            data = read_limited(f.path, max_bytes)
        except TerminalInputError as exc:
            outcomes.append(FileOutcome(f.source_file, "quarantined", reason=exc.reason, detail=exc.detail))
            continue
        except OSError as exc:
            outcomes.append(FileOutcome(f.source_file, "quarantined", reason="unreadable", detail=exc.strerror or type(exc).__name__))
            continue
        doc_id = hashlib.sha256(data).hexdigest()
        # The stat is the one scan took; it describes these bytes only if the size still matches.
        mtime_ns = f.mtime_ns if f.mtime_ns < trusted_before and len(data) == f.size else None
        if known.get(f.source_file) == doc_id:
            outcomes.append(FileOutcome(f.source_file, "unchanged", doc_id=doc_id, mtime_ns=mtime_ns))
            continue
        try:
            text, encoding = decode(data)
        except TerminalInputError as exc:
            outcomes.append(FileOutcome(f.source_file, "quarantined", doc_id=doc_id, reason=exc.reason, detail=exc.detail))
            continue
        docs.append(
            RawDocument(
                doc_id=doc_id,
                source_file=f.source_file,
                content=data,
                encoding=encoding,
                text=text,
                media_type=media_type(f.source_file, text),
                replaces=known.get(f.source_file),
                mtime_ns=mtime_ns,
            )
        )
    return docs, outcomes


def drop_exact_duplicates(docs: list[RawDocument], known: dict[str, str]) -> tuple[list[RawDocument], list[FileOutcome]]:
    """Keep the first document of each content hash; later copies become 'duplicate of <path>' outcomes.

    Content the warehouse already holds under another path counts as seen first.
    """
    first = {doc_id: path for path, doc_id in known.items()}
    kept: list[RawDocument] = []
    outcomes: list[FileOutcome] = []
    for doc in sorted(docs, key=lambda d: d.source_file):
        original = first.get(doc.doc_id)
        if original is not None and original != doc.source_file:
            outcomes.append(FileOutcome(doc.source_file, "duplicate", doc_id=doc.doc_id, reason="exact duplicate", detail=original))
            continue
        first[doc.doc_id] = doc.source_file
        kept.append(doc)
    return kept, outcomes
