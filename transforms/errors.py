"""Every exception the project raises on purpose, on one base that says whether trying again can help.

As in dlt: a `RetryableError` is a passing condition (a held lock, a lost worker, a server slow to start) and the same
call may succeed later; a `TerminalError` would fail the same way again. Either is reported as one line (exit code 2),
never as a traceback.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every project error; `retryable` tells a scheduler whether to try again."""

    retryable = False


class RetryableError(PipelineError):
    """A transient condition; the same call may succeed later."""

    retryable = True


class TerminalError(PipelineError):
    """Trying again with the same input and settings fails the same way."""


# Settings


class BadSetting(TerminalError):
    """An environment variable of the project holds a value it cannot use."""


# Ingest and clean


class TerminalInputError(TerminalError):
    """The input file itself is unusable. The file is quarantined with this reason."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class UnknownSegmenter(TerminalError, ValueError):
    """A segmenter name that is not one of the backends."""


# Validate


class CheckCouldNotRun(TerminalError):
    """An expectation raised instead of judging the data: a defect in the suite, not in the input."""


class QualityGateFailed(TerminalError):
    """A strict run met a critical data-quality failure and loaded nothing."""


# Warehouse


class WarehouseBusy(RetryableError):
    """Another process holds the warehouse file's write lock."""


class WarehouseMissing(TerminalError):
    """The warehouse file does not exist yet."""


class WarehouseUnreadable(TerminalError):
    """The warehouse path is not a DuckDB database DuckDB can open (another kind of file, a newer format, a folder)."""


class IntegrityFailure(TerminalError):
    """A dimension failed a key or reference check; the run was rolled back."""


class LoadOutOfMemory(TerminalError):
    """The load needed more memory than its limit; the same load under the same limit would fail again."""


class UnknownReport(TerminalError, LookupError):
    """No report file of that name."""


class ReportError(TerminalError, ValueError):
    """A report file or a parameter value that cannot be used; the message is one line for the user."""


# Developer tools


class GoldFileError(TerminalError, ValueError):
    """A gold annotation file `dangjian eval` cannot score against."""


# Runtime


class WorkerLost(RetryableError):
    """A worker process ended while it held batches: killed, or out of memory."""


class ServerDidNotStart(RetryableError):
    """A Prefect server did not answer in time."""


class SchedulerUnreachable(RetryableError):
    """`run --runner dask --address` could not connect to the scheduler."""


class PortTaken(TerminalError):
    """Something that is not a Prefect server already listens on the port."""
