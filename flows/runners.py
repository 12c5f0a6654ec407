"""Where the clean and extract batches run: in this process, in local worker processes, or on a Dask cluster.

jieba and the extractor are pure Python, so threads would not help: parallel work needs processes. Workers run
the plain stage function and return its records; the flow's own process writes the warehouse. (Running whole
Prefect tasks in workers, through Prefect's process-pool runner, measured slower than one process.)
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

RUNNERS = ("local", "dask")


def workers() -> int:
    return int(os.environ.get("DANGJIAN_WORKERS", os.cpu_count() or 1))


@contextmanager
def batch_executor(runner: str, address: str | None, batches: int):
    """An executor (submit(fn, *args) -> future) for the batches, or None to run them here, one after another."""
    if runner not in RUNNERS:
        raise ValueError(f"unknown runner {runner!r}; use one of {', '.join(RUNNERS)}")
    if runner == "dask":
        from distributed import Client, LocalCluster

        if address:
            with Client(address) as client:
                yield client
        else:
            with LocalCluster(n_workers=workers(), threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                with Client(cluster) as client:
                    yield client
    elif batches > 1 and workers() > 1:
        # Starting a worker costs seconds (imports, jieba's dictionary): worth it only for more than one batch.
        # spawn, not fork: the flow process runs threads (Prefect's), which fork does not copy safely.
        with ProcessPoolExecutor(min(workers(), batches), mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool
    else:
        yield None
