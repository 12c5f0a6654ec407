"""Garbage collection and freed memory: in the flow's process after each slice, and in worker processes."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def freeze_start_up() -> None:
    """Leave what the run holds so far (imported modules, Prefect's objects, the warehouse state: hundreds of thousands
    of objects) out of later collections: they live as long as the run, and the collection after each slice need not
    walk them. `thaw` at the end of the run, so that a process running many flows still collects them."""
    gc.collect()
    gc.freeze()


def thaw() -> None:
    gc.unfreeze()


# A worker's batch allocates hundreds of thousands of short-lived objects, and Python collects young objects after
# every 700 allocations by default.
WORKER_GC_THRESHOLD = 10_000


def settle_worker() -> None:
    """Leave what a warmed-up worker holds (imports, dictionaries, the gazetteer) out of later collections, which
    it outlives anyway, and collect young objects less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD)


def release_freed_memory() -> None:
    """Free what a finished slice left behind, and give the pages back to the system.

    A slice's tables stay reachable from a reference cycle through its Prefect future and result state, which
    Python's cyclic collector reaches only now and then: without a collection here the flow's process grew with every
    slice. glibc then keeps the
    pages of freed blocks in its heaps for reuse; malloc_trim returns them (a no-op where the C library is not glibc).
    """
    gc.collect()
    if libc := _libc():
        libc.malloc_trim(0)
