"""Off-topic documents in the warehouse: listed in v_documents, their figures loaded into the core but kept out of
v_metrics, the reports and the HTML page, visible in v_metrics_all, and counted by the run."""

import shutil

import pytest

from helpers import ROOT, run_without_prefect
from warehouse.connection import connect
from warehouse.load import load_run
from warehouse.migrate import migrate
from warehouse.publish.reports import catalogue, run_report

FOOTBALL = ROOT / "tests" / "fixtures" / "topic" / "off" / "football.txt"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The seeds and a football report, loaded: (connection, the run's summary)."""
    folder = tmp_path_factory.mktemp("topic")
    source = folder / "source"
    shutil.copytree(ROOT / "seeds", source)
    shutil.copy(FOOTBALL, source / "football.txt")
    con = connect(folder / "wh.duckdb")
    migrate(con)
    summary, _ = load_run(con, run_without_prefect(source, folder / "wh.duckdb", "r1", folder / "r1"))
    yield con, summary
    con.close()


def _football(con, query):
    return con.execute(query, ["football.txt"]).fetchall()


def test_the_off_topic_document_is_listed_with_its_score(loaded):
    con, _ = loaded
    assert _football(con, "SELECT province, topic_score, on_topic FROM mart.v_documents WHERE source_file = ?") == [("北京市", 0.0, False)]
    assert con.execute("SELECT count(*) FROM mart.v_documents WHERE on_topic").fetchone()[0] == 5


def test_its_figures_are_loaded_but_kept_out_of_v_metrics(loaded):
    con, _ = loaded
    core = _football(con, "SELECT count(*) FROM core.fact_metric JOIN core.dim_document USING (doc_id) WHERE source_file = ?")[0][0]
    assert core > 0
    assert _football(con, "SELECT count(*) FROM mart.v_metrics WHERE source_file = ?") == [(0,)]
    assert _football(con, "SELECT count(*), bool_or(on_topic) FROM mart.v_metrics_all WHERE source_file = ?") == [(core, False)]
    assert ("3亿元", "元", False) in _football(con, "SELECT number_text, unit, on_topic FROM mart.v_metrics_all WHERE source_file = ?")
    all_, on = con.execute("SELECT (SELECT count(*) FROM mart.v_metrics_all), (SELECT count(*) FROM mart.v_metrics)").fetchone()
    assert all_ - on == core


def test_v_metrics_keeps_its_columns_and_v_metrics_all_adds_on_topic(loaded):
    con, _ = loaded
    metrics = [r[0] for r in con.execute("DESCRIBE mart.v_metrics").fetchall()]
    assert [r[0] for r in con.execute("DESCRIBE mart.v_metrics_all").fetchall()] == metrics + ["on_topic"]
    documents = [r[0] for r in con.execute("DESCRIBE mart.v_documents").fetchall()]
    assert documents[-3:] == ["duplicate_similarity", "topic_score", "on_topic"]


def test_no_report_over_figures_shows_the_football_reports_place(loaded):
    con, _ = loaded
    for name in ("metrics_by_place", "money_by_county", "figures_pivot"):
        assert "北京市" not in set(run_report(con, catalogue()[name])["province"]), name
    coverage = run_report(con, catalogue()["coverage_by_province_year"])
    assert coverage.loc[coverage["province"] == "北京市", ["documents", "figures", "off_topic_documents"]].values.tolist() == [[0, 0, 1]]


def test_the_html_pages_summary_counts_documents_on_topic_only(loaded):
    from warehouse.publish.html_report import _summary

    cards = {key: value for key, _, value in _summary(loaded[0])}
    assert (cards["documents"], cards["provinces"]) == ("5", "5")
    assert cards["figures"] == str(loaded[0].execute("SELECT count(*) FROM mart.v_metrics").fetchone()[0])


def test_keywords_and_initiatives_of_the_off_topic_document_stay_out_too(loaded):
    con, _ = loaded
    keywords = run_report(con, catalogue()["top_keywords_by_province"])
    assert "北京市" not in set(keywords["province"])
    assert con.execute("SELECT count(*) FROM core.fact_keyword JOIN core.dim_document USING (doc_id) WHERE source_file = 'football.txt'").fetchone()[0] > 0


def test_the_run_counts_what_it_kept_out(loaded):
    con, summary = loaded
    core = _football(con, "SELECT count(*) FROM core.fact_metric JOIN core.dim_document USING (doc_id) WHERE source_file = ?")[0][0]
    assert (summary["documents_off_topic"], summary["metrics_off_topic"]) == (1, core)
    logged = con.execute("SELECT documents_off_topic, metrics_off_topic FROM ops.pipeline_run WHERE run_id = 'r1'").fetchall()
    assert logged == [(1, core)]
