"""Scan a run's source folder while Prefect starts, for the run to take up when it begins.

`dangjian run` spends ~5 s waiting for its Prefect server and flow run, with a core to spare; listing and stat-ing the
source folder, which the run does first, took 1-1.5 s of every run over 100,000 files. A scan taken a few seconds
before the run begins is as good as one taken when it begins: files are read and hashed later either way.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

from transforms import ingest

_scans: dict[Path, Future] = {}


def start_scan(source: Path) -> None:
    """Scan source in a background thread; the next `scan` of the same folder in this process returns its result."""
    future: Future = Future()

    def work() -> None:
        try:
            future.set_result(ingest.scan(source))
        except BaseException as exc:  # raised again, where the run scans
            future.set_exception(exc)

    _scans[source.resolve()] = future
    threading.Thread(target=work, name="prefetch-scan", daemon=True).start()


def scan(source: Path) -> tuple[list[ingest.SourceFile], list]:
    """The files and outcomes of `ingest.scan(source)`: the prefetched scan when one was started, else a new one."""
    future = _scans.pop(source.resolve(), None)
    return future.result() if future else ingest.scan(source)
