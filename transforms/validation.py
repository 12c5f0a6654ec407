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

import duckdb
import pandas as pd

from transforms.errors import PipelineError
from transforms.expectations import CRITICAL, ID_COLUMNS, SUITES, Check, gx_context
from transforms.gazetteer import regions
from transforms.indicators import CATEGORIES, taxonomy
from transforms.records import CleanDocument, Extraction

SAMPLE_SIZE = 20
_ROW = "_row"
_QUOTED = {(suite, c.name): c.quotes for suite, checks in SUITES.items() for c in checks}
_ABOUT_PRESENCE = ("expect_column_values_to_not_be_null", "expect_column_values_to_be_unique")


class CheckCouldNotRun(PipelineError):
    """An expectation raised instead of judging the data: a defect in the suite, not in the input."""


@dataclass(frozen=True)
class Rejection:
    doc_id: str | None
    source_file: str | None
    item: str  # document or figure
    item_id: str | None
    check: str
    reason: str
    suite: str = ""
    severity: str = CRITICAL


@dataclass
class CheckResult:
    """The outcome of one expectation over one or more batches."""

    suite: str
    check: str
    expectation: str
    column: str | None
    severity: str
    reason: str
    element_count: int = 0
    unexpected_count: int = 0
    sample_ids: list[str] = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)

    @property
    def success(self) -> bool:
        return self.unexpected_count == 0

    @property
    def failed_critically(self) -> bool:
        return self.severity == CRITICAL and not self.success

    @property
    def unexpected_percent(self) -> float:
        return 100.0 * self.unexpected_count / self.element_count if self.element_count else 0.0

    def absorb(self, other: CheckResult) -> None:
        self.element_count += other.element_count
        self.unexpected_count += other.unexpected_count
        self.sample_ids = (self.sample_ids + other.sample_ids)[:SAMPLE_SIZE]


@dataclass
class Validation:
    """What the validate stage returns for a batch."""

    docs: list[CleanDocument]
    extractions: list[Extraction]
    rejections: list[Rejection]
    results: list[CheckResult]
    seconds: dict[str, float] = field(default_factory=dict)  # per suite

    @property
    def critical_failures(self) -> list[CheckResult]:
        return [r for r in self.results if r.failed_critically]


def document_frame(docs: list[CleanDocument], extractions: dict[str, Extraction]) -> pd.DataFrame:
    rows = []
    for d in docs:
        x = extractions.get(d.doc_id)
        rows.append(
            {
                "doc_id": d.doc_id,
                "source_file": d.source_file,
                "char_count": len(d.text),
                "script": d.script,
                "quality_score": d.quality_score,
                "publish_date": date.fromisoformat(x.metadata.publish_date) if x and x.metadata.publish_date else None,
                "adcode": x.place.adcode if x else None,
                "extracted": x is not None,
            }
        )
    columns = ["doc_id", "source_file", "char_count", "script", "quality_score", "publish_date", "adcode", "extracted"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["place_known"] = frame["adcode"].isin(regions().keys()).where(frame["adcode"].notna())
    frame[_ROW] = range(len(frame))
    return frame


def figure_frame(docs: list[CleanDocument], extractions: list[Extraction]) -> pd.DataFrame:
    """One row per figure; `text_at_offsets` is what the clean text holds where the evidence says it stands."""
    rows = [
        (f"{x.doc_id}:{f.ordinal}", x.doc_id, f.ordinal, f.value, f.unit, f.kind, f.indicator_code, f.category, f.evidence,
         f.clause_start, f.clause_start + len(f.evidence or ""))
        for x in extractions
        for f in x.figures
    ]
    columns = ["metric_id", "doc_id", "ordinal", "value", "unit", "kind", "indicator_code", "category", "evidence", "start_offset", "end_offset"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["value"] = frame["value"].astype("float64")
    frame["share_percent"] = frame["value"].where((frame["unit"] == "%") & (frame["kind"] == "ratio"))
    # Typed, so that a batch with no documents is still a frame of strings to DuckDB.
    texts = pd.DataFrame({
        "doc_id": pd.Series([d.doc_id for d in docs], dtype="string"), "text": pd.Series([d.text for d in docs], dtype="string"),
    }).drop_duplicates("doc_id")
    con = duckdb.connect()
    try:
        con.register("figures", frame[["metric_id", "doc_id", "start_offset", "end_offset"]])
        con.register("texts", texts)
        slices = con.execute(
            """SELECT f.metric_id, substr(t.text, f.start_offset + 1, f.end_offset - f.start_offset) AS text_at_offsets
               FROM figures f LEFT JOIN texts t USING (doc_id)"""
        ).df()
    finally:
        con.close()
    frame = frame.merge(slices.drop_duplicates("metric_id"), on="metric_id", how="left")
    # As a column, not a set of the batch's document ids: Great Expectations serialises a set argument again at each
    # of its hundreds of internal reads, which took a third of the validation of 2,000 documents.
    frame["document_in_run"] = frame["doc_id"].isin(texts["doc_id"])
    frame[_ROW] = range(len(frame))
    return frame


def _environment(today: date) -> dict:
    """Reference values for the suites."""
    return {"today": today, "indicator_codes": sorted(i.code for i in taxonomy()), "categories": list(CATEGORIES)}


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

    Building the suites (Great Expectations serialises each expectation into its store) took a quarter of
    every validation of 2,000 documents.
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


def validate(docs: list[CleanDocument], extractions: list[Extraction]) -> Validation:
    """Run the suites; keep what passes every critical check and record everything quarantined."""
    by_id = {x.doc_id: x for x in extractions}
    documents = document_frame(docs, by_id)
    figures = figure_frame(docs, extractions)
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
    sources = {d.doc_id: d.source_file for d in docs}
    for result, row in flagged("figures"):
        fig = figures.iloc[row]
        ordinals = bad_figures.setdefault(fig["doc_id"], set())
        if fig["doc_id"] in rejected_ids or fig["ordinal"] in ordinals:
            continue
        ordinals.add(int(fig["ordinal"]))
        rejections.append(
            Rejection(fig["doc_id"], sources.get(fig["doc_id"]), "figure", str(fig["ordinal"]), result.check, _describe(figures, row, result), "figures")
        )
    kept_docs = [d for d in docs if d.doc_id not in rejected_ids]
    kept_ids = {d.doc_id for d in kept_docs}
    kept_x = []
    for x in extractions:
        if x.doc_id not in kept_ids:
            continue
        dropped = bad_figures.get(x.doc_id, set())
        x.figures = [f for f in x.figures if f.ordinal not in dropped]
        kept_x.append(x)
    seconds = {suite: spent for suite, (_, _, spent) in outcome.items()}
    return Validation(kept_docs, kept_x, rejections, list(results.values()), seconds)


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
