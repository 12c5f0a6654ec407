"""Find input files, read them, identify them by content hash, and decide which need processing."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from transforms.decoding import decode, media_type
from transforms.errors import TerminalInputError
from transforms.records import FileOutcome, RawDocument

EXTENSIONS = (".txt", ".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A file modified this soon before it was read may change again within the same mtime tick (2 s on FAT) without its
# stat changing: its stat is not recorded, so the next run reads it again (git calls such index entries "racy").
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class SourceFile:
    source_file: str  # path relative to the source folder, POSIX separators
    path: Path
    size: int
    mtime_ns: int


def scan(source: Path) -> tuple[list[SourceFile], list[FileOutcome]]:
    """Walk the folder; return the candidate files, plus outcomes for entries that cannot be files."""
    root = source.resolve()
    files: list[SourceFile] = []
    outcomes: list[FileOutcome] = []
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        try:
            info = here.stat()
        except OSError:
            dirnames[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:  # a symlink loop: walk each real directory once
            dirnames[:] = []
            continue
        seen_dirs.add(key)
        inside = []
        for name in sorted(dirnames):
            rel = (here / name).relative_to(root).as_posix()
            if not (here / name).resolve().is_relative_to(root):
                outcomes.append(FileOutcome(rel, "quarantined", reason="outside source folder", detail="directory link points outside the source folder"))
                continue
            inside.append(name)
            if name.lower().endswith(EXTENSIONS):
                outcomes.append(FileOutcome(rel, "quarantined", reason="not a file", detail="a directory named like a document"))
        dirnames[:] = inside
        # `here` is inside the source folder (checked above for every directory link), so only a file that is itself a
        # link needs resolving: resolving every file took 12 s of a scan of 100,000.
        prefix = here.relative_to(root).as_posix()
        wanted = {name for name in filenames if name.lower().endswith(EXTENSIONS)}
        with os.scandir(here) as listing:
            entries = sorted((e for e in listing if e.name in wanted), key=lambda e: e.name)
        for entry in entries:
            path = here / entry.name
            rel = entry.name if prefix == "." else f"{prefix}/{entry.name}"
            if entry.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    outcomes.append(FileOutcome(rel, "quarantined", reason="unreadable", detail="broken or looping link"))
                    continue
                if not real.is_relative_to(root):
                    outcomes.append(FileOutcome(rel, "quarantined", reason="outside source folder", detail="link points outside the source folder"))
                    continue
            try:
                info = entry.stat()
            except OSError as exc:
                outcomes.append(FileOutcome(rel, "quarantined", reason="unreadable", detail=exc.strerror or type(exc).__name__))
                continue
            if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
                outcomes.append(FileOutcome(rel, "quarantined", reason="not a file", detail="a pipe, socket or device named like a document"))
                continue
            files.append(SourceFile(rel, path, info.st_size, info.st_mtime_ns))
    return files, outcomes


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


def stat_unchanged(f: SourceFile, stats: dict[str, tuple[int, int]]) -> bool:
    """Whether the file's size and modification time are those in `stats` (source_file -> (size, mtime_ns))."""
    return stats.get(f.source_file) == (f.size, f.mtime_ns)


def skip_unchanged(
    files: list[SourceFile], known: dict[str, str], stats: dict[str, tuple[int, int]]
) -> tuple[list[SourceFile], list[FileOutcome]]:
    """Set aside, unread, as 'unchanged' the files whose size and modification time are those recorded when the
    warehouse last read them, as git trusts its index; return the files still to read.

    `stats` maps source_file -> (size, mtime_ns); `known` maps source_file -> doc_id.
    """
    to_read: list[SourceFile] = []
    unchanged: list[FileOutcome] = []
    for f in files:
        if stat_unchanged(f, stats):
            unchanged.append(FileOutcome(f.source_file, "unchanged", doc_id=known[f.source_file]))
        else:
            to_read.append(f)
    return to_read, unchanged


def read(files: list[SourceFile], known: dict[str, str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawDocument], list[FileOutcome]]:
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
