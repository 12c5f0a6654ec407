"""Data-quality results of a run: Data Docs, `dangjian quality`, and the Prefect artifact."""

import pytest
from click.testing import CliRunner

from flows.cli import main


@pytest.mark.filterwarnings("error:Passing a string to the row_condition parameter:DeprecationWarning")
def test_data_docs_and_quality_summary_after_a_run(flow, seed_copy, warehouse_path):
    summary = flow(str(seed_copy), str(warehouse_path))
    index = warehouse_path.parent / "wh.state" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    assert summary["data_docs"] == str(index) and index.exists()
    page = index.read_text(encoding="utf-8")
    static = page[page.index('id="dangjian-static-index"') :]
    for suite in ("documents", "figures", "integrity"):
        assert f">{suite}</a>" in static
        assert (index.parent / "expectations" / f"{suite}.html").exists()
    assert "great-expectations-web-assets" not in page
    runner = CliRunner()
    out = runner.invoke(main, ["quality", "--warehouse", str(warehouse_path)])
    assert out.exit_code == 0, out.output
    assert f"data quality of run {summary['run_id']}: passed" in out.output
    assert str(index) in out.output
    undated = next(line for line in out.output.splitlines() if "publish_date_found" in line)
    assert undated.split("e.g. ")[1].split("; ")[0].endswith(".txt")  # samples are files, not hashes
    md = runner.invoke(main, ["quality", "--warehouse", str(warehouse_path), "--format", "md", "--run", summary["run_id"]])
    assert "| figures | passed |" in md.output


def test_each_flow_run_publishes_the_quality_summary_as_a_markdown_artifact(flow, seed_copy, warehouse_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    summary = flow(str(seed_copy), str(warehouse_path))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["data-quality"])))
    mine = [a for a in artifacts if summary["run_id"] in (a.data or "")]
    assert len(mine) == 1 and mine[0].type == "markdown"
    assert "| documents | passed |" in mine[0].data and str(warehouse_path.parent / "wh.state") in mine[0].data
