"""Data Docs read offline: the index says which run's suites passed or failed, and status icons show without a CDN.

Opened in Debian's chromium with every request beyond local files refused."""

from datetime import datetime

import pytest

from helpers import VIEWPORT
from transforms.records import CheckResult
from warehouse.quality.data_docs import build_data_docs


def _check(suite, check, severity, unexpected):
    return CheckResult(suite, check, "expect_column_values_to_not_be_null", "doc_id", severity, f"{check} must hold",
                       element_count=10, unexpected_count=unexpected, sample_ids=["a.txt"] * unexpected, kwargs={"column": "doc_id"})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("docs") / "wh.duckdb"
    build_data_docs(warehouse, "run-1", datetime(2026, 1, 1, 8), [_check("documents", "ids", "critical", 0), _check("figures", "units", "warning", 2)])
    return build_data_docs(warehouse, "run-2", datetime(2026, 1, 2, 8), [_check("documents", "ids", "critical", 3)])


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    requested = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:///") else (requested.append(route.request.url), route.abort()))
    yield context.new_page()
    context.close()
    assert not requested, f"the page tried the network: {requested}"


def _icons(page):
    """Each status icon's box and whether a picture is drawn in it."""
    return page.locator("i.fas").evaluate_all(
        "icons => icons.map(i => ({cls: i.className, width: i.getBoundingClientRect().width, image: getComputedStyle(i).backgroundImage}))"
    )


def test_the_index_lists_each_runs_suites_with_pass_or_fail(site, offline_page, tmp_path):
    page = offline_page
    page.goto(site.as_uri())
    rows = page.locator("#dangjian-static-index tbody tr").evaluate_all("rows => rows.map(r => Array.from(r.cells, c => c.textContent.trim()))")
    assert [(r[0], r[2], r[3], r[5]) for r in rows] == [
        ("run-2", "documents", "FAILED", "1"), ("run-1", "documents", "passed", "0"), ("run-1", "figures", "passed", "1"),
    ]
    icons = _icons(page)
    assert len(icons) == 3 and all(i["width"] > 8 and i["image"].startswith('url("data:image/svg+xml') for i in icons)
    assert page.get_by_text("Clear Filters").count() == 0
    page.screenshot(path=tmp_path / "index.png")
    page.locator("#dangjian-static-index a", has_text="documents").first.click()
    assert "run-2" in page.url


def test_a_validation_page_shows_its_status_icons(site, offline_page, tmp_path):
    page = offline_page
    (failed,) = site.parent.glob("validations/documents/run-2/*/documents.html")
    page.goto(failed.as_uri())
    icons = _icons(page)
    assert icons and all(i["width"] > 8 and i["image"] != "none" for i in icons)
    assert any("fa-times" in i["cls"] for i in icons)
    (earlier,) = site.parent.glob("validations/figures/run-1/*/figures.html")
    assert "https://unpkg.com" not in earlier.read_text(encoding="utf-8")  # rebuilt by the later run, and cleaned again
    page.screenshot(path=tmp_path / "validation.png", full_page=True)
