"""Start one run of the flow from a command's process, in the order that lets it start soonest.

The run's Prefect server starts first, its start-up overlapping the imports that follow; the scan of the source and
the warehouse's state are read in background threads meanwhile (flows/runtime/prefetch.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from transforms.errors import PipelineError

MIB = 1024 * 1024


class _PipelineErrorsOnce(logging.Filter):
    """Pipeline errors are printed once, as one line, by the command; keep Prefect's tracebacks and its
    "Finished in state Failed(... WarehouseBusy: ...)" lines about them off the console (the Prefect UI keeps them)."""

    _NAMED = re.compile(r"exception (\w+):")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PipelineError):
            return False
        named = self._NAMED.search(record.getMessage())
        return not (named and named.group(1) in _subclass_names(PipelineError))


def _subclass_names(cls: type) -> set[str]:
    return {cls.__name__}.union(*(_subclass_names(sub) for sub in cls.__subclasses__()))


def run_flow(
    source: Path,
    warehouse: Path,
    strict: bool = False,
    runner: str = "local",
    address: str | None = None,
    max_file_mb: float | None = None,
    segmenter: str | None = None,
    rehash: bool = False,
) -> dict:
    """Run the flow over source into warehouse; its summary. Pipeline errors are raised as they are."""
    from flows.runtime.api_server import start_run_api

    server = start_run_api()
    from flows.runtime.prefetch import start_run

    start_run(source, str(warehouse), rehash)
    from flows.etl import dangjian_etl
    from flows.settings import MAX_FILE_MB

    if server:
        server.wait_ready()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    for handler in logging.getLogger().handlers:  # Prefect's console handler sits on the root logger
        handler.addFilter(_PipelineErrorsOnce())
    # Heartbeats let a lasting server mark a run whose process died; this run's own server dies with it, and stopping
    # the heartbeat thread, which sleeps in steps of a second, delayed the end of every run.
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None} if server else {}):
        return dangjian_etl(
            str(source), str(warehouse), strict=strict, runner=runner, address=address,
            max_file_bytes=int((max_file_mb or MAX_FILE_MB) * MIB), segmenter=segmenter, rehash=rehash,
        )
