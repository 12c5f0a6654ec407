"""Quality: the data-quality results of each run in ops.dq_run and ops.dq_result, their summary, and Data Docs."""
