"""Where the clean and extract batches run: in this process, in local worker processes, or on a Dask cluster.

jieba and the extractor are pure Python, so threads would not help: parallel work needs processes. Workers run
the plain stage function and return its records; the flow's own process writes the warehouse. (Running whole
Prefect tasks in workers, through Prefect's process-pool runner, measured slower than one process.)
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from flows.runtime.memory import settle_worker
from flows.settings import DASK_CONNECT_SECONDS
from transforms.errors import SchedulerUnreachable, WorkerLost

RUNNERS = ("local", "dask")
T = TypeVar("T")


def results(futures: list) -> list:
    """The futures' results, in order; a worker that died is one clear error instead of a pool's traceback."""
    lost: tuple[type[BaseException], ...] = (BrokenProcessPool,)
    if "distributed" in sys.modules:  # only a Dask run has imported it
        from distributed import KilledWorker

        lost += (KilledWorker,)
    try:
        return [future.result() for future in futures]
    except lost as exc:
        raise WorkerLost(
            f"a worker process ended while cleaning and extracting ({type(exc).__name__}: killed, or out of memory?); "
            "nothing of this run was loaded; run it again"
        ) from None


def one_ahead(items: Iterable[T]) -> Iterator[T]:
    """The items, each handed out only once the next one has been taken: work that taking an item starts (a slice
    sent to the workers) runs while the item before it is handled."""
    pending: list[T] = []
    for item in items:
        yield from pending
        pending = [item]
    yield from pending


def start_worker(warm_up: Callable[[], None]) -> None:
    """A local worker's first call: load what batches need, then settle its garbage collection."""
    warm_up()
    settle_worker()


@contextmanager
def batch_executor(runner: str, address: str | None, workers: int, batches: int, warm_up: Callable[[], None] | None = None):
    """An executor (submit(fn, *args) -> future) for the batches on `workers` processes, or None to run them here,
    one after another.

    Local worker processes start running `warm_up` at once, while this process still reads the first batches.
    """
    if runner not in RUNNERS:
        raise ValueError(f"unknown runner {runner!r}; use one of {', '.join(RUNNERS)}")
    if runner == "dask":
        from distributed import Client, LocalCluster

        if address:
            try:
                client = Client(address, timeout=DASK_CONNECT_SECONDS)
            except (OSError, TimeoutError, ValueError) as exc:  # unreachable, or an address Dask cannot parse
                reason = "no answer" if isinstance(exc, (OSError, TimeoutError)) else str(exc).splitlines()[0]
                raise SchedulerUnreachable(
                    f"cannot reach the Dask scheduler at {address} within {DASK_CONNECT_SECONDS} s ({reason}); "
                    "is it running, and is the address tcp://HOST:PORT?"
                ) from None
            with client:
                yield client
        else:
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                with Client(cluster) as client:
                    yield client
    elif batches > 1 and workers > 1:
        # Starting a worker costs seconds (imports, jieba's dictionary): worth it only for more than one batch.
        # spawn, not fork: the flow process runs threads (Prefect's), which fork does not copy safely.
        count = min(workers, batches)
        with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
            for _ in range(count if warm_up else 0):  # a pool starts a process per call while none is idle
                pool.submit(start_worker, warm_up)
            try:
                yield pool
            except BaseException:
                # An interrupted run waits for the batches being worked on, not for the slices queued behind them.
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    else:
        yield None
