"""The HTML report is one offline page: checked as text, then opened in Debian's chromium with the network blocked."""

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from helpers import VIEWPORT, run_batch
from transforms.outcomes import Ledger
from transforms.tables import tabulate
from warehouse.connection import connect
from warehouse.publish.html_report import PLACE, TOP_PLACES, build_html_report, html_id, write_html_report
from warehouse.load import load_run
from warehouse.migrate import migrate

ASTRAL = "\U00020000"  # one code point in Python, two UTF-16 units in JavaScript


def _seeds_warehouse(raw_seeds, clean_seeds, extracted_seeds, folder: Path):
    """The seeds loaded without Prefect, and without the validate stage, which takes seconds and rejects nothing in them."""
    names = sorted(clean_seeds)
    tables = tabulate(raw_seeds, [clean_seeds[n] for n in names], [extracted_seeds[n] for n in names], "r1", datetime.now())
    ledger = Ledger()
    ledger.stage(tables, [])
    con = connect(folder / "wh.duckdb")
    migrate(con)
    load_run(con, run_batch("r1", tables, ledger, folder))
    return con


@pytest.fixture(scope="module")
def con(raw_seeds, clean_seeds, extracted_seeds, tmp_path_factory):
    """The seeds' warehouse, one article starting with ASTRAL (its figures' offsets moved along) so that the page's
    code-point offsets are tested against JavaScript's UTF-16 strings."""
    con = _seeds_warehouse(raw_seeds, clean_seeds, extracted_seeds, tmp_path_factory.mktemp("html"))
    astral_doc = con.execute("SELECT min(doc_id) FROM core.fact_metric").fetchall()[0][0]
    con.execute("UPDATE core.dim_document SET clean_text = ? || clean_text WHERE doc_id = ?", [ASTRAL, astral_doc])
    con.execute("UPDATE core.fact_metric SET start_offset = start_offset + 1, end_offset = end_offset + 1 WHERE doc_id = ?", [astral_doc])
    yield con
    con.close()


@pytest.fixture(scope="module")
def report(con, tmp_path_factory) -> Path:
    return write_html_report(con, tmp_path_factory.mktemp("report") / "report.html")


def test_page_is_self_contained(con, report):
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="zh">' in text
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<(?:link|img|iframe)\b|<script[^>]*\bsrc=|@import", text, re.I)
    # The articles' JSON cannot end its <script> early: no '<' at all, and it parses back to the clean texts.
    block = re.search(r'<script type="application/json" id="articles">(.*?)</script>', text, re.S).group(1)
    assert "<" not in block
    texts = {t for (t,) in con.execute("SELECT clean_text FROM core.dim_document d JOIN mart.v_metrics USING (doc_id)").fetchall()}
    assert {a["text"] for a in json.loads(block)} == texts
    figures = json.loads(re.search(r'<script type="application/json" id="figures-data">(.*?)</script>', text, re.S).group(1))
    assert sorted(f[0] for f in figures) == sorted(m for (m,) in con.execute("SELECT metric_id FROM mart.v_metrics").fetchall())


def test_summary_and_charts_are_drawn(con, report, page, browser, tmp_path):
    page.goto(report.as_uri())
    documents, figures = con.execute("SELECT (SELECT count(*) FROM mart.v_documents), (SELECT count(*) FROM mart.v_metrics)").fetchall()[0]
    expect(page.locator('[data-key="documents"] dd')).to_have_text(str(documents))
    expect(page.locator('[data-key="figures"] dd')).to_have_text(str(figures))
    for key in ("places", "money", "years"):
        svg = page.locator(f"#chart-{key} svg")
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50, key
        assert svg.locator(".mark-rect path").count() > 0, f"no bars in chart {key}"
    place = con.execute("SELECT province || ' ' || county FROM mart.v_metrics WHERE county IS NOT NULL LIMIT 1").fetchall()[0][0]
    assert place in page.locator("#chart-places svg text").all_text_contents()

    shot = page.screenshot(path=tmp_path / "report.png")
    blank = browser.new_page(viewport=VIEWPORT)
    blank.set_content("<html><body></body></html>")
    # A blank (single-colour) page compresses to a few KB; cards, charts and text make a much larger PNG.
    assert (tmp_path / "report.png").stat().st_size == len(shot) > 5 * len(blank.screenshot())
    blank.close()


def test_clicking_a_row_marks_its_evidence_in_the_article(con, report, page):
    rows = {html_id(m): (d, e) for m, d, e in con.execute("SELECT metric_id, doc_id, evidence FROM mart.v_metrics").fetchall()}
    page.goto(report.as_uri())
    first = {}  # the first row of each article, the one starting with ASTRAL among them
    for row_id in page.locator("#figures tbody tr").evaluate_all("rows => rows.map(r => r.id)"):
        first.setdefault(rows[row_id][0], row_id)
    assert len(first) > 1
    for row_id in first.values():
        page.locator(f"#{row_id}").click()
        mark = page.locator("#evidence mark")
        expect(mark).to_be_visible()
        expect(mark).to_be_in_viewport()
        assert mark.text_content() == rows[row_id][1]
        assert page.evaluate("location.hash") == f"#{row_id}"


def test_opening_the_page_at_a_metric_id_reveals_its_evidence(con, report, page):
    metric_id, doc_id, evidence = con.execute(
        "SELECT metric_id, doc_id, evidence FROM mart.v_metrics ORDER BY doc_id, start_offset LIMIT 1"
    ).fetchall()[0]
    assert con.execute("SELECT starts_with(clean_text, ?) FROM core.dim_document WHERE doc_id = ?", [ASTRAL, doc_id]).fetchall()[0][0]
    page.goto(f"{report.as_uri()}#m-{metric_id}")
    mark = page.locator("#evidence mark")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(evidence)
    expect(page.locator(f"#{html_id(metric_id)}")).to_have_class(re.compile(r"\bselected\b"))


def test_the_panel_shows_a_chosen_indicator_by_place_and_period_with_its_evidence(con, report, page):
    page.goto(report.as_uri())
    options = page.locator("#panel-indicator option").evaluate_all("os => os.map(o => o.value)")
    assert len(options) > 1
    page.select_option("#panel-indicator", options[1])
    visible = page.locator("table.panel:visible")
    expect(visible).to_have_count(1)
    assert visible.get_attribute("data-key") == options[1]
    code, unit = options[1].rsplit("-", 1)
    cell = visible.locator("td a").first
    ids = cell.get_attribute("data-metrics").split()
    value, evidence = con.execute(
        "SELECT p.value, m.evidence FROM mart.v_indicator_panel p, unnest(p.metric_ids) u(id) JOIN mart.v_metrics m ON m.metric_id = u.id "
        "WHERE p.indicator_code = ? AND p.unit = ? AND m.metric_id = ?", [code, unit, ids[0]]
    ).fetchall()[0]
    assert float(cell.text_content().replace(",", "")) == value
    cell.click()
    expect(page.locator("#evidence mark")).to_have_text(evidence)


def _shown(page) -> list[list[str]]:
    return page.locator("#figures tbody tr").evaluate_all("rows => rows.map(r => Array.from(r.cells, c => c.textContent))")


def test_the_table_filters_searches_and_sorts_every_figure(con, report, page):
    total = con.execute("SELECT count(*) FROM mart.v_metrics").fetchall()[0][0]
    page.goto(report.as_uri())
    expect(page.locator("#figure-count")).to_have_text(f"共 {total} 条数字,符合条件 {total} 条")
    assert len(_shown(page)) == total  # fewer than a page
    province, n = con.execute("SELECT province, count(*) FROM mart.v_metrics WHERE province IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchall()[0]
    page.select_option('[data-filter="province"]', province)
    assert len(_shown(page)) == n and all(row[0].startswith(province) for row in _shown(page))
    page.select_option('[data-filter="province"]', "")
    evidence = con.execute("SELECT evidence FROM mart.v_metrics WHERE evidence LIKE '%第一书记%' LIMIT 1").fetchall()[0][0]
    page.fill("#figure-search", "第一书记")
    expected = con.execute("SELECT count(*) FROM mart.v_metrics WHERE evidence LIKE '%第一书记%' OR indicator_name_zh LIKE '%第一书记%'").fetchall()[0][0]
    expect(page.locator("#figures tbody tr")).to_have_count(expected)
    assert evidence in [row[7] for row in _shown(page)]
    page.fill("#figure-search", "")
    expect(page.locator("#figures tbody tr")).to_have_count(total)
    page.locator('#figures th[data-column="4"]').click()  # 数值, ascending, then descending
    values = [float(row[4].replace(",", "")) for row in _shown(page)]
    assert values == sorted(values)
    page.locator('#figures th[data-column="4"]').click()
    assert [float(row[4].replace(",", "")) for row in _shown(page)][0] == max(values)
    expect(page.locator('#figures th[data-column="4"]')).to_have_attribute("data-sorted", "desc")


def test_empty_warehouse_gives_a_page_saying_no_data(page, tmp_path):
    con = connect(tmp_path / "empty.duckdb")
    migrate(con)
    path = write_html_report(con, tmp_path / "empty.html")
    con.close()
    page.goto(path.as_uri())
    expect(page.locator('[data-key="documents"] dd')).to_have_text("0")
    expect(page.locator('[data-key="last-run"] dd')).to_have_text("—")
    expect(page.locator(".no-data")).to_have_count(5)  # three charts, the panel and the table
    expect(page.locator(".no-data").first).to_have_text("暂无数据")
    assert page.locator("svg").count() == 0


def test_values_are_escaped(con):
    title = "</script><img src=x onerror=alert(1)>"
    con.execute("BEGIN")
    con.execute("UPDATE core.fact_metric SET number_text = '<b>' || number_text || '</b>&'")
    con.execute("UPDATE core.dim_document SET title = ?", [title])
    page = build_html_report(con)
    con.execute("ROLLBACK")
    assert "<b>" not in page and title not in page and "<img" not in page
    figures = json.loads(re.search(r'<script type="application/json" id="figures-data">(.*?)</script>', page, re.S).group(1))
    assert all(f[9].startswith("<b>") and f[9].endswith("</b>&") for f in figures)
    block = re.search(r'<script type="application/json" id="articles">(.*?)</script>', page, re.S).group(1)
    assert {a["title"] for a in json.loads(block)} == {title}


@pytest.fixture(scope="module")
def scaled(raw_seeds, clean_seeds, extracted_seeds, tmp_path_factory):
    """A warehouse of 2,000 articles about counties of every province: the seeds, each loaded again 399 times under
    another county (one of each province first), with their figures."""
    con = _seeds_warehouse(raw_seeds, clean_seeds, extracted_seeds, tmp_path_factory.mktemp("scale"))
    con.execute(
        """CREATE TEMP TABLE places AS
           SELECT adcode, row_number() OVER (ORDER BY k, province) - 1 AS n
           FROM (SELECT adcode, province, row_number() OVER (PARTITION BY province ORDER BY adcode) AS k
                 FROM core.dim_region WHERE level = 'county')"""
    )
    con.execute(
        """CREATE TEMP TABLE copies AS
           SELECT d.doc_id AS original, md5(d.doc_id || i) || md5(i || d.doc_id) AS doc_id, i * 5 + s AS n
           FROM (SELECT doc_id, row_number() OVER (ORDER BY doc_id) - 1 AS s FROM core.dim_document) d, range(399) r(i)"""
    )
    con.execute(
        """INSERT INTO core.dim_document
           SELECT d.* REPLACE (c.doc_id AS doc_id, 'scale/' || c.n || '.txt' AS source_file, p.adcode AS adcode,
                               'county' AS place_level)
           FROM core.dim_document d JOIN copies c ON c.original = d.doc_id
           JOIN places p ON p.n = c.n % (SELECT count(*) FROM places)"""
    )
    con.execute(
        """INSERT INTO core.fact_metric
           SELECT m.* REPLACE (c.doc_id AS doc_id, c.doc_id || ':' || split_part(m.metric_id, ':', 2) AS metric_id,
                               d.adcode AS figure_adcode)
           FROM core.fact_metric m JOIN copies c ON c.original = m.doc_id JOIN core.dim_document d ON d.doc_id = c.doc_id"""
    )
    yield con
    con.close()


def _axis_labels(page, key: str) -> list[dict]:
    """The y-axis labels of a chart, with their box and the chart's."""
    return page.evaluate(
        """key => {
            const svg = document.querySelector(`#chart-${key} svg`), outer = svg.getBoundingClientRect();
            const axis = [...svg.querySelectorAll(".role-axis")].find(a => a.getAttribute("aria-label")?.startsWith("Y-axis"));
            return [...axis.querySelectorAll(".role-axis-label text")].map(t => {
                const box = t.getBoundingClientRect();
                return {text: t.textContent, left: box.left - outer.left, right: box.right - outer.left};
            });
        }""",
        key,
    )


@pytest.mark.parametrize("size", ["seeds", "2000"])
def test_screenshots_at_5_and_2000_articles(con, scaled, report, page, tmp_path, size):
    source = con if size == "seeds" else scaled
    path = report if size == "seeds" else write_html_report(scaled, tmp_path / "scaled.html")
    page.goto(path.as_uri())
    names = {p for (p,) in source.execute(f"SELECT DISTINCT {PLACE} FROM mart.v_metrics").fetchall()}
    for key in ("places", "money"):
        labels = _axis_labels(page, key)
        assert 0 < len(labels) <= TOP_PLACES + 1
        for label in labels:  # whole names, inside the picture
            assert label["text"] in names or re.fullmatch(r"其他 \d+ 个地区", label["text"]), label
            assert label["left"] >= 0, label
        assert page.locator(f"#chart-{key} svg").bounding_box()["height"] < 900
    provinces = {p for (p,) in source.execute("SELECT DISTINCT province FROM mart.v_metrics WHERE province IS NOT NULL").fetchall()}
    offered = set(page.locator('[data-filter="province"] option').evaluate_all("os => os.map(o => o.value)")) - {""}
    assert offered == provinces and (size == "seeds" or len(provinces) >= 31)
    total = source.execute("SELECT count(*) FROM mart.v_metrics").fetchall()[0][0]
    expect(page.locator("#figure-count")).to_contain_text(f"共 {total:,} 条数字")
    page.screenshot(path=tmp_path / f"report-{size}.png", full_page=True)
    assert (tmp_path / f"report-{size}.png").stat().st_size > 50_000
