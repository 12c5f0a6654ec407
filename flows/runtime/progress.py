"""Progress of a run on the terminal: one bar per stage, advanced batch by batch.

Only `dangjian run` on a terminal shows bars; scheduled runs, tests and piped output see nothing.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

_bars = None


@contextmanager
def bars_on_terminal():
    """Show progress bars while the block runs, if stderr is a terminal."""
    global _bars
    if not sys.stderr.isatty():
        yield
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
    if _bars is None:
        return
    progress, tasks = _bars
    if stage not in tasks:
        tasks[stage] = progress.add_task(stage, total=total)
    progress.update(tasks[stage], advance=done, total=total)
