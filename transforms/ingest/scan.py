"""Find the input files under a source folder, and set aside those whose size and mtime say they are unchanged."""

from __future__ import annotations

import os
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from transforms.records import FileOutcome

EXTENSIONS = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class SourceFile:
    source_file: str  # path relative to the source folder, POSIX separators
    path: Path
    size: int
    mtime_ns: int


def nothing_to_read(source: Path) -> str | None:
    """Why a folder gives a run nothing to read (which extensions are read, which it holds), or None if it has a
    file to read."""
    others: Counter[str] = Counter()
    for _, _, filenames in os.walk(source, followlinks=True):
        for name in filenames:
            if name.lower().endswith(EXTENSIONS):
                return None
            others[Path(name).suffix.lower() or "(no extension)"] += 1
    read = ", ".join(EXTENSIONS)
    if not others:
        return f"source folder {source} holds no files; dangjian reads {read} files (in subfolders too)"
    held = ", ".join(f"{n} {suffix}" for suffix, n in others.most_common(5))
    return f"source folder {source} holds no {read} files (only {held}); dangjian reads articles saved as {read}"


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
        # link needs resolving: resolving every file made a large scan many times slower.
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
