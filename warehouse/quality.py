"""Data-quality results in the warehouse: rows for ops.dq_run and ops.dq_result, and the summary read back."""

from __future__ import annotations

import duckdb
import pandas as pd

from transforms.expectations import WARNING
from transforms.validation import CheckResult, Rejection
from warehouse.connection import scalar


def dq_run_frame(run_id: str, results: list[CheckResult], rejections: list[Rejection], seconds: dict[str, float], docs_path: str | None) -> pd.DataFrame:
    rows = []
    for suite in dict.fromkeys(r.suite for r in results):
        mine = [r for r in results if r.suite == suite]
        rows.append(
            {
                "run_id": run_id,
                "suite": suite,
                "success": not any(r.failed_critically for r in mine),
                "evaluated": len(mine),
                "failed_critical": sum(1 for r in mine if r.failed_critically),
                "failed_warning": sum(1 for r in mine if r.severity == WARNING and not r.success),
                "rows_checked": max(r.element_count for r in mine),
                "rows_quarantined": sum(1 for q in rejections if q.suite == suite),
                "seconds": seconds.get(suite),
                "data_docs": docs_path,
            }
        )
    return pd.DataFrame(rows)


def dq_result_frame(run_id: str, results: list[CheckResult]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "run_id": run_id,
                "suite": r.suite,
                "check_name": r.check,
                "expectation": r.expectation,
                "column_name": r.column,
                "severity": r.severity,
                "success": r.success,
                "element_count": r.element_count,
                "unexpected_count": r.unexpected_count,
                "unexpected_percent": r.unexpected_percent,
                "sample_ids": r.sample_ids,
                "description": r.reason,
            }
            for r in results
        ]
    )


def quality_summary(con: duckdb.DuckDBPyConnection, run_id: str | None = None) -> dict:
    """The suites and failing expectations of one run (the latest with results when run_id is None)."""
    if run_id is None:
        run_id = scalar(con, "SELECT q.run_id FROM ops.dq_run q JOIN ops.pipeline_run p USING (run_id) ORDER BY p.started_at DESC LIMIT 1")
        if run_id is None:
            raise LookupError("no run with quality results yet: run `dangjian run` first")
    suites = con.execute(
        "SELECT suite, success, evaluated, failed_critical, failed_warning, rows_checked, rows_quarantined, seconds, data_docs "
        "FROM ops.dq_run WHERE run_id = ? ORDER BY suite",
        [run_id],
    ).df()
    if suites.empty:
        raise LookupError(f"run {run_id} has no quality results")
    failures = con.execute(
        "SELECT suite, check_name, severity, column_name, unexpected_count, round(unexpected_percent, 2) AS unexpected_percent, "
        "sample_ids, description FROM ops.dq_result WHERE run_id = ? AND NOT success ORDER BY suite, severity, check_name",
        [run_id],
    ).df()
    return {
        "run_id": run_id,
        "success": bool(suites["success"].all()),
        "suites": suites.drop(columns="data_docs").to_dict("records"),
        "failures": failures.to_dict("records"),
        "data_docs": suites["data_docs"].dropna().iloc[0] if suites["data_docs"].notna().any() else None,
    }
