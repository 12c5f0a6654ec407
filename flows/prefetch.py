"""The work a run does first, started while Prefect starts, for the run to take up when it begins.

`dangjian run` waits ~5 s for its Prefect server and flow run, with a core to spare. Listing the source folder and
reading what the warehouse holds, the run's first steps, took 2-2.5 s of every run over 100,000 files. Done a few
seconds before the run begins, either is as good as done when it begins: files are read and hashed later anyway, and
another run may commit between this run's reading of the warehouse and its load in either case.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

_started: dict[tuple, Future] = {}


def start(fn: Callable, *args) -> None:
    """Call fn(*args) in a background thread; the next `take(fn, *args)` in this process returns its result."""
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(fn(*args))
        except BaseException as exc:  # raised again by `take`, where the run would have raised it
            future.set_exception(exc)

    _started[(fn, *args)] = future
    threading.Thread(target=work, name=f"prefetch-{fn.__name__}", daemon=True).start()


def take(fn: Callable, *args):
    """fn(*args): the result of the call `start` began, once, or else a call made now."""
    future = _started.pop((fn, *args), None)
    return future.result() if future else fn(*args)
