"""Data-quality results as rows of ops.dq_run and ops.dq_result."""

from __future__ import annotations

import pandas as pd

from transforms.records import WARNING, CheckResult, Rejection


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
