"""The Prefect flow end to end, and the command line over the warehouse it builds."""

import json
from pathlib import Path

from click.testing import CliRunner

from flows.cli import main
from warehouse import staging


def test_flow_loads_seeds_then_finds_them_unchanged(flow, seed_copy, warehouse_path):
    first = flow(str(seed_copy), str(warehouse_path))
    assert (first["files_seen"], first["files_loaded"], first["files_new"]) == (5, 5, 5)
    assert first["metrics_loaded"] >= 90
    from flows.etl import staging_path

    # what a killed run leaves: its staging folder, owned by a process that is gone
    killed = staging_path(str(warehouse_path), "killed-run")
    killed.mkdir(parents=True)
    (killed / staging.OWNER).write_text("999999999 0.0", encoding="ascii")
    second = flow(str(seed_copy), str(warehouse_path))
    assert not killed.parent.exists() or list(killed.parent.iterdir()) == []
    assert (second["files_unchanged"], second["files_loaded"], second["metrics_loaded"]) == (5, 0, 0)
    # nothing validated, so no new Data Docs page (and no Great Expectations import), but the site stays where it was;
    # the integrity checks still ran
    assert first["data_docs"] and second["data_docs"] == first["data_docs"]
    site = Path(first["data_docs"]).parent
    assert {p.parts[-3] for p in site.glob("validations/*/*/*/*.html")} == {first["run_id"]}
    quality = CliRunner().invoke(main, ["quality", "--run", second["run_id"], "--warehouse", str(warehouse_path)])
    assert quality.exit_code == 0 and "integrity" in quality.output and "validated no new document" in quality.output

    runner = CliRunner()
    out = runner.invoke(main, ["sql", "select count(*) as n from mart.v_metrics", "--warehouse", str(warehouse_path), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)[0]["n"] == first["metrics_loaded"]
    report = runner.invoke(main, ["report", "last_runs", "--warehouse", str(warehouse_path), "--format", "csv"])
    assert report.exit_code == 0 and report.output.count("succeeded") == 2


def test_flow_quarantines_bad_files_and_records_every_outcome(flow, seed_copy, warehouse_path):
    (seed_copy / "empty.txt").write_bytes(b"")
    (seed_copy / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (seed_copy / "chrome_only.txt").write_text("首页 > 新闻 > 正文\n打印 分享\n版权所有 某某网", encoding="utf-8")
    summary = flow(str(seed_copy), str(warehouse_path))
    assert summary["files_seen"] == 8
    assert summary["files_quarantined"] == 3
    assert summary["quarantine_reasons"] == {"empty file": 1, "binary file": 1, "no article body": 1}
    runner = CliRunner()
    out = runner.invoke(main, ["sql", "select outcome, count(*) n from ops.file_outcome group by 1 order by 1",
                               "--warehouse", str(warehouse_path), "--format", "json"])
    assert json.loads(out.output) == [{"outcome": "loaded", "n": 5}, {"outcome": "quarantined", "n": 3}]
