"""Great Expectations Data Docs for each run, in the warehouse's state folder, readable offline.

The run's results are merged over its batches, so each suite gets one validation page per run. Data Docs
fetch their styles, scripts, icon font and a logo (with a tracking query) from CDNs; offline, the index is an empty
table and every status icon is blank. So the pages are post-processed: the remote tags go, an inline stylesheet draws
the status icons as inline SVG and lays out the tables, the logo is the copy shipped with the site, and the index is
rewritten as a plain table of every run's suites with pass or fail, read from the stored validation results.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from transforms.records import CheckResult
from transforms.validate.context import gx_context
from warehouse.connection import warehouse_state_dir

_REMOTE_LOGO = re.compile(r"https://great-expectations-web-assets[^\"')\s]*")
_REMOTE_TAG = re.compile(r'<link\b[^>]*\bhref="https?://[^"]*"[^>]*>|<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', re.S)
_LIST_LIMIT = 30


def _icon(body: str) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>{body}</svg>"
    return 'url("data:image/svg+xml,' + svg.replace("<", "%3C").replace(">", "%3E").replace("#", "%23") + '")'


_PASSED = _icon("<circle cx='8' cy='8' r='8' fill='#1e7e34'/><path d='M4 8.5l2.6 2.6L12 5.6' stroke='#fff' stroke-width='2' fill='none'/>")
_FAILED = _icon("<circle cx='8' cy='8' r='8' fill='#c82333'/><path d='M5 5l6 6M11 5l-6 6' stroke='#fff' stroke-width='2'/>")
_UNKNOWN = _icon("<circle cx='8' cy='8' r='8' fill='#6c757d'/><path d='M6 6a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6 1v.6M8 11.5v.5' stroke='#fff' stroke-width='1.6' fill='none'/>")
# Offline stand-ins for what Bootstrap and Font Awesome gave the pages: readable tables, and the status icons as SVG
# (no font needed, so no builder or reader font decides whether a status shows).
STYLE = f"""<style id="dangjian-offline">
body {{ font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 12px 20px; color: #1f2933; }}
body * {{ position: static !important; }}
table {{ border-collapse: collapse; margin: 8px 0 16px; }}
th, td {{ border-bottom: 1px solid #e4e7eb; padding: 4px 10px; text-align: left; vertical-align: top; }}
.fas, .far, .fa {{ display: inline-block; width: 1.1em; height: 1.1em; vertical-align: -0.15em; background: center / contain no-repeat; }}
.fa-check-circle, .fa-check {{ background-image: {_PASSED}; }}
.fa-times, .fa-times-circle, .fa-exclamation-triangle {{ background-image: {_FAILED}; }}
.fa-question-circle {{ background-image: {_UNKNOWN}; }}
.text-success {{ color: #1e7e34; }} .text-danger {{ color: #c82333; }}
.d-none, .modal, .btn {{ display: none; }}
</style>"""


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
    """The page without its remote styles and scripts, with the inline stylesheet and the shipped logo."""
    text = page.read_text(encoding="utf-8")
    depth = len(page.relative_to(site).parts) - 1
    text = _REMOTE_LOGO.sub(f'{"../" * depth}static/images/logo-long-vector.svg', text)
    text = _REMOTE_TAG.sub("", text)
    if 'id="dangjian-offline"' not in text:
        text = text.replace("</head>", STYLE + "</head>", 1)
    page.write_text(text, encoding="utf-8")


def _static_index(index: Path, validations: Path) -> None:
    """The index as one table of every run's suites, newest first, each passed or failed with its counts and a link to
    its page, and the suites' expectation pages: readable without the CDN scripts that drew GE's table."""
    site = index.parent
    rows = []
    for page in site.glob("validations/*/*/*/*.html"):
        suite, run_name, run_time = page.parts[-4], page.parts[-3], page.parts[-2]
        stored = validations / suite / run_name / run_time / f"{suite}.json"
        result = json.loads(stored.read_text(encoding="utf-8")) if stored.exists() else {}
        stats = result.get("statistics", {})
        passed = result.get("success")
        icon, word = {True: ("fa-check-circle", "passed"), False: ("fa-times-circle", "FAILED")}.get(passed, ("fa-question-circle", "unknown"))
        rows.append((run_time, run_name, suite, (
            f'<tr class="{word.lower()}"><td>{html.escape(run_name)}</td><td>{html.escape(run_time)}</td>'
            f'<td><a href="{page.relative_to(site).as_posix()}">{html.escape(suite)}</a></td>'
            f'<td><i class="fas {icon}" aria-hidden="true"></i> {word}</td>'
            f'<td>{stats.get("evaluated_expectations", "")}</td><td>{stats.get("unsuccessful_expectations", "")}</td></tr>'
        )))
    by_suite = sorted(rows, key=lambda r: r[2])
    table = "".join(row for *_, row in sorted(by_suite, key=lambda r: (r[0], r[1]), reverse=True))  # newest run first
    suites = "".join(
        f'<li><a href="{page.relative_to(site).as_posix()}">suite {html.escape(page.stem)}: expectations</a></li>'
        for page in sorted(site.glob("expectations/*.html"))
    )
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Data Docs: dangjian data quality</title>'
        f'{STYLE}</head><body><h1>Data quality of every run</h1>'
        '<p>A suite failed when an expectation of severity critical failed; failed warnings are counted, and a run passes '
        'with them. `dangjian quality` prints the same for a run.</p>'
        '<section id="dangjian-static-index"><h2>Validation results</h2><table><thead><tr><th>run</th><th>time (UTC)</th>'
        '<th>suite</th><th>result</th><th>expectations</th><th>failed</th></tr></thead>'
        f'<tbody>{table}</tbody></table><h2>Expectation suites</h2><ul>{suites}</ul></section></body></html>\n',
        encoding="utf-8",
    )


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
    # GE writes every page of the site again on each build, the earlier runs' pages with their CDN tags too
    for page in [*index.parent.glob("validations/*/*/*/*.html"), *index.parent.glob("expectations/*.html")]:
        _offline(page, index.parent)
    _static_index(index, root / "gx" / "uncommitted" / "validations")
    return index
