"""Where a run's time goes: wall seconds per stage in the flow's process, CPU seconds per stage in the workers."""

from __future__ import annotations

import time
from collections import defaultdict


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)  # the flow's process, per stage
        self.cpu: dict[str, float] = defaultdict(float)  # summed over the workers, per stage

    def time(self, stage: str, fn, *args, **kwargs):
        """fn(*args, **kwargs), its wall time added to the stage's."""
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def add_cpu(self, seconds: dict[str, float]) -> None:
        for stage, spent in seconds.items():
            self.cpu[stage] += spent
