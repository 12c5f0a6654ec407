"""Progress of `dangjian run`: on a terminal one bar per stage, advanced batch by batch; otherwise (a scheduler's
log, piped output) one line per slice validated, so that a long run's log does not stay empty until the end.

Runs started otherwise (`dangjian serve`, tests) show neither.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

_bars = None
_lines: dict | None = None  # off a terminal: {"started": monotonic time, "validated": files}


@contextmanager
def bars_on_terminal():
    """Show progress bars while the block runs, if stderr is a terminal."""
    global _bars, _lines
    if not sys.stderr.isatty():
        _lines = {"started": time.monotonic(), "validated": 0}
        try:
            yield
        finally:
            _lines = None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True)
    ) as progress:
        _bars = (progress, {})
        try:
            yield
        finally:
            _bars = None


def advance(stage: str, done: int, total: int) -> None:
    """Record that `done` more of `total` items went through `stage`."""
    if _lines is not None:
        if stage == "validate":  # once per slice
            _lines["validated"] += done
            seconds = time.monotonic() - _lines["started"]
            print(f"progress: {_lines['validated']} of {total} files read, cleaned, extracted and validated ({seconds:.0f} s)", file=sys.stderr, flush=True)
        return
    if _bars is None:
        return
    progress, tasks = _bars
    if stage not in tasks:
        tasks[stage] = progress.add_task(stage, total=total)
    progress.update(tasks[stage], advance=done, total=total)
