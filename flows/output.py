"""Render query results and run summaries for the terminal."""

from __future__ import annotations

import json

import pandas as pd


def render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=1)
    if frame.empty:
        return "(no rows)"
    with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 250, "display.max_colwidth", 60):
        return frame.to_string(index=False)


def run_summary(summary: dict) -> str:
    lines = [
        f"run {summary['run_id']} finished in {summary['seconds']:.1f} s",
        f"  files seen        {summary['files_seen']}",
        f"  new               {summary['files_new']}",
        f"  unchanged         {summary['files_unchanged']}",
        f"  loaded            {summary['files_loaded']}",
        f"  duplicates        {summary['files_duplicate']}",
        f"  quarantined       {summary['files_quarantined']}",
    ]
    for reason, n in sorted(summary.get("quarantine_reasons", {}).items()):
        lines.append(f"    {n} x {reason}")
    lines.append(f"  metrics loaded    {summary['metrics_loaded']}")
    stages = summary.get("stage_seconds") or {}
    if stages:
        lines.append("  stage seconds     " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    return "\n".join(lines)


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)
