"""A run's data-quality summary, read back from ops.dq_run and ops.dq_result, as a table, Markdown or JSON."""

from __future__ import annotations

import json

import duckdb

from warehouse.connection import scalar

NO_PAGE = "none (the run validated no new document; its integrity checks are above)"


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
    records = failures.to_dict("records")
    names = _file_names(con, {str(i).split(":")[0] for f in records for i in list(f["sample_ids"])})
    for f in records:
        f["samples"] = [_readable(str(i), names) for i in list(f["sample_ids"])]
    return {
        "run_id": run_id,
        "success": bool(suites["success"].all()),
        "suites": suites.drop(columns="data_docs").to_dict("records"),
        "failures": records,
        "data_docs": suites["data_docs"].dropna().iloc[0] if suites["data_docs"].notna().any() else None,
    }


def _file_names(con: duckdb.DuckDBPyConnection, doc_ids: set[str]) -> dict[str, str]:
    if not doc_ids:
        return {}
    rows = con.execute("SELECT DISTINCT doc_id, source_file FROM core.dim_document WHERE list_contains(?, doc_id)", [sorted(doc_ids)]).fetchall()
    return dict(rows)


def _readable(sample: str, names: dict[str, str]) -> str:
    """A sample as a reader finds it: the document's file, and a figure's number within it (`a.txt, figure 3`)."""
    doc_id, _, ordinal = sample.partition(":")
    if doc_id not in names:
        return sample
    return f"{names[doc_id]}, figure {ordinal}" if ordinal else names[doc_id]


def render_quality(summary: dict, fmt: str) -> str:
    """A run's data-quality summary as a terminal table, Markdown (the Prefect artifact) or JSON."""
    if fmt == "json":
        return json.dumps(summary, ensure_ascii=False, indent=1, default=str)
    verdict = "passed" if summary["success"] else "FAILED"
    failures = summary["failures"]
    if fmt == "md":
        lines = [f"# Data quality of run `{summary['run_id']}`: {verdict}", "", "| suite | result | expectations | critical failed | warnings | rows checked | rows quarantined |",
                 "|---|---|---|---|---|---|---|"]
        lines += [f"| {s['suite']} | {'passed' if s['success'] else 'FAILED'} | {s['evaluated']} | {s['failed_critical']} | {s['failed_warning']} | "
                  f"{s['rows_checked']} | {s['rows_quarantined']} |" for s in summary["suites"]]
        if failures:
            lines += ["", "| suite | check | severity | column | unexpected | % | samples |", "|---|---|---|---|---|---|---|"]
            lines += [f"| {f['suite']} | {f['check_name']}: {f['description']} | {f['severity']} | {f['column_name'] or ''} | {f['unexpected_count']} | "
                      f"{f['unexpected_percent']} | {'; '.join(f['samples'][:5])} |" for f in failures]
        lines += ["", f"Data Docs: `{summary['data_docs']}`" if summary["data_docs"] else f"Data Docs: {NO_PAGE}"]
        return "\n".join(lines)
    lines = [f"data quality of run {summary['run_id']}: {verdict}"]
    for s in summary["suites"]:
        lines.append(f"  {s['suite']:<10} {'passed' if s['success'] else 'FAILED':<7} {s['evaluated']} expectations, {s['failed_critical']} critical and "
                     f"{s['failed_warning']} warnings failed, {s['rows_checked']} rows checked, {s['rows_quarantined']} quarantined")
    for f in failures:
        sample = "; ".join(f["samples"][:3])
        lines.append(f"  {f['severity']:<8} {f['suite']}.{f['check_name']}: {f['description']} — {f['unexpected_count']} rows "
                     f"({f['unexpected_percent']} %), e.g. {sample}")
    lines.append(f"  data docs: {summary['data_docs'] or NO_PAGE}")
    return "\n".join(lines)
