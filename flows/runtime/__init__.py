"""What a run needs around its stages: its Prefect server, worker processes, prefetched state, memory, progress, time."""
