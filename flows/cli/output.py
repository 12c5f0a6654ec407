"""What the commands print: a run's summary, and JSON."""

from __future__ import annotations

import json


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
    lines.append(
        f"  off topic         {summary['documents_off_topic']} documents"
        f" (their {summary['metrics_off_topic']} figures kept out of the mart)"
    )
    stages = summary.get("stage_seconds") or {}
    if stages:
        lines.append("  stage seconds     " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
        if summary.get("seconds"):
            lines.append(f"  validate share    {100 * stages.get('validate', 0.0) / summary['seconds']:.1f} % of the run")
    if summary.get("data_docs"):
        lines.append(f"  data docs         {summary['data_docs']}")
    return "\n".join(lines)


def as_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str)
