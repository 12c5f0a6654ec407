"""Typed errors: terminal ones quarantine an input, retryable ones may succeed if tried again."""


class PipelineError(Exception):
    """Base class for errors the pipeline reports as one clear line."""


class TerminalInputError(PipelineError):
    """The input itself is unusable; retrying cannot help. The file is quarantined with this reason."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class RetryableError(PipelineError):
    """A transient condition (a busy warehouse, a lock); the same call may succeed later."""


class QualityGateFailed(PipelineError):
    """A strict run met a critical data-quality failure and loaded nothing."""
