"""What the commands print: a run's summary, and JSON."""

from __future__ import annotations

import json


def run_summary(summary: dict) -> str:
    took = f"the flow took {summary['seconds']:.1f} s"
    if summary.get("command_seconds"):
        took += f", the command {summary['command_seconds']:.1f} s (with start-up)"
    lines = [
        f"run {summary['run_id']} finished: {took}",
        f"  files seen        {summary['files_seen']}",
        f"  loaded            {summary['files_loaded']} ({summary['files_new']} new, "
        f"{summary['files_loaded'] - summary['files_new']} changed since the last run)",
        f"  unchanged         {summary['files_unchanged']}",
        f"  duplicates        {summary['files_duplicate']}",
        f"  quarantined       {summary['files_quarantined']}",
    ]
    named = summary.get("quarantined_files") or []
    if summary["files_quarantined"] > len(named):  # otherwise each file's line says its reason
        for reason, n in sorted(summary.get("quarantine_reasons", {}).items()):
            lines.append(f"    {n} x {reason}")
    for f in named:
        lines.append(f"    {f['file']}: {f['reason']}" + (f" ({f['detail']})" if f.get("detail") else ""))
    if summary["files_quarantined"] > len(named):
        lines.append(
            f"    and {summary['files_quarantined'] - len(named)} more: dangjian sql \"select source_file, reason, detail "
            f"from ops.file_outcome where run_id = '{summary['run_id']}' and outcome = 'quarantined'\""
        )
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
