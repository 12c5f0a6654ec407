"""Great Expectations Data Docs for each run, in the warehouse's state folder, readable offline.

The run's results are merged over its batches, so each suite gets one validation page per run. Data Docs
fetch their styles, scripts and a logo (with a tracking query) from CDNs; offline, the index would show an
empty table. Each page therefore gets a static list of its links and the remote logo is replaced by the
copy shipped with the site.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from pathlib import Path

from transforms.records import CheckResult
from transforms.validate.context import gx_context
from warehouse.connection import warehouse_state_dir

_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets[^\"')\s]*")
_LIST_LIMIT = 30


def site_index(warehouse: str | Path) -> Path:
    return warehouse_state_dir(warehouse) / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _shown(value):
    if isinstance(value, (list, tuple, set)) and len(value) > _LIST_LIMIT:
        return sorted(value)[:_LIST_LIMIT] + [f"… ({len(value)} in all)"]
    return value


def _suite_results(suite: str, results: list[CheckResult], run, gx_version: str):
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult, ExpectationValidationResult
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    evaluated = []
    for r in results:
        kwargs = {k: _shown(v) for k, v in r.kwargs.items()}
        meta = {"check": r.check, "reason": r.reason}
        # Which rows a check covered is prose here ("rows written by this run"); Great Expectations takes a string
        # row_condition for a filter to parse, which GX 1.9 deprecated and 2.0 removes.
        if rows := kwargs.pop("row_condition", None):
            meta["rows"] = rows
        config = ExpectationConfiguration(type=r.expectation, kwargs=kwargs, severity=r.severity, meta=meta)
        evaluated.append(
            ExpectationValidationResult(
                success=r.success,
                expectation_config=config,
                result={
                    "element_count": r.element_count,
                    "unexpected_count": r.unexpected_count,
                    "unexpected_percent": r.unexpected_percent,
                    "unexpected_percent_total": r.unexpected_percent,
                    "unexpected_percent_nonmissing": r.unexpected_percent,
                    "missing_count": 0,
                    "missing_percent": 0.0,
                    "partial_unexpected_list": r.sample_ids,
                },
            )
        )
    failed = sum(1 for r in results if not r.success)
    return ExpectationSuiteValidationResult(
        success=not any(r.failed_critically for r in results),
        results=evaluated,
        suite_name=suite,
        statistics={
            "evaluated_expectations": len(results),
            "successful_expectations": len(results) - failed,
            "unsuccessful_expectations": failed,
            "success_percent": 100.0 * (len(results) - failed) / len(results) if results else 100.0,
        },
        meta={"run_id": run, "batch_spec": {"data_asset_name": suite}, "batch_markers": {}, "great_expectations_version": gx_version},
    )


def _offline(page: Path, site: Path) -> None:
    text = page.read_text(encoding="utf-8")
    depth = len(page.relative_to(site).parts) - 1
    text = _REMOTE_LOGO.sub(f'{"../" * depth}static/images/logo-long-vector.svg', text)
    page.write_text(text, encoding="utf-8")


def _static_index(index: Path) -> None:
    """Insert a plain list of every validation page, readable without the CDN scripts that draw the table."""
    site = index.parent
    links = []
    for page in sorted(site.glob("validations/*/*/*/*.html"), reverse=True):
        suite, run_name = page.parts[-4], page.parts[-3]
        links.append(f'<li><a href="{page.relative_to(site).as_posix()}">{html.escape(suite)}</a> — run {html.escape(run_name)}</li>')
    for page in sorted(site.glob("expectations/*.html")):
        links.append(f'<li><a href="{page.relative_to(site).as_posix()}">suite {html.escape(page.stem)}: expectations</a></li>')
    block = '<section id="dangjian-static-index"><h2>Validation results</h2><ul>' + "".join(links) + "</ul></section>"
    text = index.read_text(encoding="utf-8")
    text = re.sub(r'<section id="dangjian-static-index">.*?</section>', "", text, flags=re.S)
    text = text.replace("<body>", "<body>" + block, 1) if "<body>" in text else block + text
    index.write_text(text, encoding="utf-8")


def build_data_docs(warehouse: str | Path, run_id: str, started_at: datetime, results: list[CheckResult]) -> Path:
    """Store the run's results in the site's Great Expectations project and rebuild the site; return index.html."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier, ValidationResultIdentifier

    root = warehouse_state_dir(warehouse)
    root.mkdir(parents=True, exist_ok=True)
    context = gx_context(str(root))
    run = RunIdentifier(run_name=run_id, run_time=started_at.astimezone(timezone.utc))
    for suite in dict.fromkeys(r.suite for r in results):
        validation = _suite_results(suite, [r for r in results if r.suite == suite], run, gx.__version__)
        context.suites.add_or_update(
            gx.ExpectationSuite(name=suite, expectations=[v.expectation_config.to_domain_obj() for v in validation.results])
        )
        key = ValidationResultIdentifier(ExpectationSuiteIdentifier(name=suite), run, suite)
        context.validation_results_store.set(key, validation)
    context.build_data_docs()
    index = site_index(warehouse)
    for page in [index, *index.parent.glob(f"validations/*/{run_id}/*/*.html"), *index.parent.glob("expectations/*.html")]:
        _offline(page, index.parent)
    _static_index(index)
    return index
