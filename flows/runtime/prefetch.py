"""The work a run does first, started while Prefect starts, for the run to take up when it begins.

`dangjian run` waits seconds for its Prefect server and flow run, with a core to spare. Listing the source folder and
reading what the warehouse holds, the run's first steps, take seconds on a large archive. Done a few
seconds before the run begins, either is as good as done when it begins: files are read and hashed later anyway, and
another run may commit between this run's reading of the warehouse and its load in either case.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from transforms.ingest.scan import scan, stat_unchanged
from transforms.validate.runner import prepare_suites_quietly
from warehouse import state

_started: dict[tuple, Future] = {}


def start(fn: Callable, *args) -> Future:
    """Call fn(*args) in a background thread; the next `take(fn, *args)` in this process returns its result."""
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # raised again by `take`, where the run would have raised it
            future.set_exception(exc)

    _started[(fn, *args)] = future
    threading.Thread(target=work, name=f"prefetch-{fn.__name__}", daemon=True).start()
    return future


def take(fn: Callable, *args):
    """fn(*args): the result of the call `start` began, once, or else a call made now."""
    future = _started.pop((fn, *args), None)
    return future.result() if future else fn(*args)


def start_run(source: Path, warehouse: str, rehash: bool) -> None:
    """Start a run's first steps: the scan of source and the warehouse's state, then, if they show a file to read,
    the validation suites. Importing Great Expectations for them is slow, and a run with new documents would wait for it
    later; a rerun with nothing to read never needs it, and building it anyway would slow one down."""
    scanned, known = start(scan, source), start(state.read, warehouse)

    def suites_if_needed() -> None:
        try:
            files, _ = scanned.result()
            _, stats, _ = known.result()
        except Exception:  # noqa: BLE001 - the run reports it, where it takes the step up
            return
        if rehash or not all(stat_unchanged(f, stats) for f in files):
            prepare_suites_quietly()

    threading.Thread(target=suites_if_needed, name="prefetch-suites", daemon=True).start()
