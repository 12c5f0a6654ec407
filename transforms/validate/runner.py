"""The validate stage: the Great Expectations suites run over a batch's documents and figures before loading.

A critical failure quarantines exactly the offending documents or figures; warnings are only reported.
Checks run on DataFrames (Great Expectations' SQL path fails silently on DuckDB), built once per batch.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pandas as pd
import pyarrow.compute as pc

from transforms.errors import CheckCouldNotRun
from transforms.extract.gazetteer import regions
from transforms.extract.indicators import CATEGORIES, taxonomy
from transforms.extract.units import CANONICAL_UNITS
from transforms.records import CRITICAL, SAMPLE_SIZE, CheckResult, Rejection
from transforms.tables import Tables
from transforms.validate.context import gx_context
from transforms.validate.suites import ID_COLUMNS, SUITES, Check

_ROW = "_row"
_QUOTED = {(suite, c.name): c.quotes for suite, checks in SUITES.items() for c in checks}
_ABOUT_PRESENCE = ("expect_column_values_to_not_be_null", "expect_column_values_to_be_unique")


@dataclass
class Validation:
    """What the validate stage returns for a batch."""

    tables: Tables  # what passed every critical check
    rejections: list[Rejection]
    results: list[CheckResult]
    seconds: dict[str, float] = field(default_factory=dict)  # per suite

    @property
    def critical_failures(self) -> list[CheckResult]:
        return [r for r in self.results if r.failed_critically]


def document_frame(tables: Tables) -> pd.DataFrame:
    columns = ["doc_id", "source_file", "char_count", "script", "quality_score", "publish_date", "adcode", "extracted"]
    frame = tables.documents.select(columns).to_pandas()
    known = regions()
    frame["place_known"] = [None if adcode is None else adcode in known for adcode in tables.documents["adcode"].to_pylist()]
    frame[_ROW] = range(len(frame))
    return frame


def figure_frame(tables: Tables) -> pd.DataFrame:
    """One row per figure; `text_at_offsets` is what the clean text holds where the evidence says it stands."""
    columns = ["metric_id", "doc_id", "ordinal", "value", "unit", "kind", "indicator_code", "category", "evidence",
               "start_offset", "end_offset", "text_at_offsets"]
    frame = tables.metrics.select(columns).to_pandas()
    frame["share_percent"] = frame["value"].where((frame["unit"] == "%") & (frame["kind"] == "ratio"))
    # As a column, not a set of the batch's document ids: Great Expectations serialises a set argument again at each
    # of its hundreds of internal reads, which slowed every validation.
    frame["document_in_run"] = pc.is_in(tables.metrics["doc_id"], value_set=tables.documents["doc_id"]).to_numpy(zero_copy_only=False)
    frame[_ROW] = range(len(frame))
    return frame


def _environment(today: date) -> dict:
    """Reference values for the suites."""
    return {
        "today": today,
        "indicator_codes": sorted(i.code for i in taxonomy()),
        "categories": list(CATEGORIES),
        "units": sorted(CANONICAL_UNITS),
    }


def _plain(value):
    """Expectation arguments as JSON-ready values, for the results store and Data Docs."""
    return value.isoformat() if isinstance(value, date) else value


def _column(config_kwargs: dict) -> str | None:
    if "column" in config_kwargs:
        return config_kwargs["column"]
    if "column_A" in config_kwargs:
        return f"{config_kwargs['column_A']}, {config_kwargs['column_B']}"
    return None


_BUILDING = threading.Lock()


@lru_cache(maxsize=1)
def _definitions(today: date) -> dict:
    """Per suite, its validation definition over a pandas frame, built once a day per process.

    Building the suites (Great Expectations serialises each expectation into its store) costs as much as a good part
    of a validation.
    """
    import great_expectations as gx
    import great_expectations.expectations as gxe

    env = _environment(today)
    context = gx_context()
    source = context.data_sources.add_pandas("run")
    definitions = {}
    for suite_name, checks in SUITES.items():
        suite = context.suites.add(gx.ExpectationSuite(name=suite_name))
        for check in checks:
            expectation = check.build(gxe, env)
            expectation.severity = check.severity
            expectation.meta = {"check": check.name, "reason": check.reason}
            suite.add_expectation(expectation)
        batch = source.add_dataframe_asset(suite_name).add_batch_definition_whole_dataframe("batch")
        definitions[suite_name] = context.validation_definitions.add(gx.ValidationDefinition(name=suite_name, data=batch, suite=suite))
    return definitions


def prepare_suites() -> dict:
    """Today's validation definitions, importing Great Expectations and building them on first use.

    Called ahead of the first validation too (e.g. while workers extract), from another thread: a validation that
    starts meanwhile waits for these suites instead of building its own.
    """
    with _BUILDING:
        return _definitions(date.today())


def prepare_suites_quietly() -> None:
    """`prepare_suites` ahead of time, from another thread; a failure is left for the validation itself to report."""
    try:
        prepare_suites()
    except Exception:  # noqa: BLE001 - raised again by the validation that needs the suites
        pass


def run_suites(frames: dict[str, pd.DataFrame]) -> dict[str, tuple[list[CheckResult], dict[str, list[int]], float]]:
    """Run each suite on its frame: per suite, the check results, the offending row positions per check, seconds."""
    definitions = prepare_suites()
    out = {}
    for suite_name, frame in frames.items():
        started = time.perf_counter()
        checks: dict[str, Check] = {c.name: c for c in SUITES[suite_name]}
        outcome = definitions[suite_name].run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [_ROW]},
        )
        ids = frame[ID_COLUMNS[suite_name]].astype(str).tolist()
        results, offending = [], {}
        for r in outcome.results:
            check = checks[r.expectation_config.meta["check"]]
            if r.exception_info.get("raised_exception"):
                raise CheckCouldNotRun(f"check {check.name} could not run: {r.exception_info.get('exception_message')}")
            rows = [item[_ROW] for item in r.result.get("unexpected_index_list") or []]
            offending[check.name] = rows
            results.append(
                CheckResult(
                    suite=suite_name,
                    check=check.name,
                    expectation=r.expectation_config.type,
                    column=_column(r.expectation_config.kwargs),
                    severity=check.severity,
                    reason=check.reason,
                    element_count=int(r.result.get("element_count", len(frame))),
                    unexpected_count=int(r.result.get("unexpected_count") or 0),
                    sample_ids=[ids[i] for i in rows[:SAMPLE_SIZE]],
                    kwargs={k: _plain(v) for k, v in r.expectation_config.kwargs.items() if k != "batch_id"},
                )
            )
        out[suite_name] = (results, offending, time.perf_counter() - started)
    return out


def _describe(frame: pd.DataFrame, row: int, result: CheckResult) -> str:
    """The quarantine reason, with the offending value when the check is about one column's value."""
    column = _QUOTED.get((result.suite, result.check)) or result.column
    if column not in frame.columns or result.expectation in _ABOUT_PRESENCE:
        return result.reason
    value = frame.iloc[row][column]
    if isinstance(value, float) and math.isfinite(value):
        value = round(value, 4)
    return f"{result.reason} ({column} = {value})"


def validate(tables: Tables) -> Validation:
    """Run the suites; keep what passes every critical check and record everything quarantined."""
    documents = document_frame(tables)
    figures = figure_frame(tables)
    outcome = run_suites({"documents": documents, "figures": figures})
    rejections: list[Rejection] = []
    bad_docs: set[int] = set()
    results = {(r.suite, r.check): r for suite_results, _, _ in outcome.values() for r in suite_results}

    def flagged(suite: str):
        """(check result, row) for every row a critical check of the suite flagged, in the suite's order."""
        for name, rows in outcome[suite][1].items():
            if results[(suite, name)].severity == CRITICAL:
                yield from ((results[(suite, name)], row) for row in rows)

    for result, row in flagged("documents"):
        if row in bad_docs:
            continue
        bad_docs.add(row)
        doc = documents.iloc[row]
        rejections.append(Rejection(doc["doc_id"], doc["source_file"], "document", None, result.check, _describe(documents, row, result), "documents"))
    rejected_ids = set(documents.iloc[sorted(bad_docs)]["doc_id"]) if bad_docs else set()
    bad_figures: dict[str, set[int]] = {}
    sources = dict(zip(documents["doc_id"], documents["source_file"]))
    for result, row in flagged("figures"):
        fig = figures.iloc[row]
        ordinals = bad_figures.setdefault(fig["doc_id"], set())
        if fig["doc_id"] in rejected_ids or fig["ordinal"] in ordinals:
            continue
        ordinals.add(int(fig["ordinal"]))
        rejections.append(
            Rejection(fig["doc_id"], sources.get(fig["doc_id"]), "figure", str(fig["ordinal"]), result.check, _describe(figures, row, result), "figures")
        )
    kept_ids = [doc_id for doc_id in dict.fromkeys(documents["doc_id"]) if doc_id not in rejected_ids]
    dropped = {f"{doc_id}:{ordinal}" for doc_id, ordinals in bad_figures.items() for ordinal in ordinals}
    # Always filtered: an extraction without a document has rows to leave out even when it has no figure to flag.
    kept = tables.keep(kept_ids, [m for m in figures["metric_id"] if m not in dropped] if dropped else None)
    seconds = {suite: spent for suite, (_, _, spent) in outcome.items()}
    return Validation(kept, rejections, list(results.values()), seconds)


def merge_results(batches: list[list[CheckResult]]) -> list[CheckResult]:
    """One result per check over all the run's batches."""
    merged: dict[tuple[str, str], CheckResult] = {}
    for results in batches:
        for r in results:
            key = (r.suite, r.check)
            if key in merged:
                merged[key].absorb(r)
            else:
                merged[key] = CheckResult(**{**r.__dict__, "sample_ids": list(r.sample_ids)})
    return list(merged.values())
