"""Named reports: SQL files in sql/reports/, each a documented query with bound named parameters.

A report file opens with `-- <one-line description>`, then one `-- param: <name> <type> [default <value>] — <doc>`
line per parameter (types int, float, text, date; `default NULL` makes it optional and unset; no default makes it
required), then the SQL, which refers to parameters as `$name`. Values are always bound by DuckDB, never pasted
into the SQL text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from transforms.errors import ReportError, UnknownReport

REPORTS_DIR = Path(__file__).resolve().parents[2] / "sql" / "reports"

TYPES = {"int": int, "float": float, "text": str, "date": date.fromisoformat}
_PARAM = re.compile(r"--\s*param:\s*(?P<name>\w+)\s+(?P<type>\w+)(?:\s+default\s+(?P<default>\S+))?\s+—\s+(?P<doc>.+)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    doc: str
    required: bool = True
    default: object = None

    def convert(self, text: str) -> object:
        try:
            return TYPES[self.type](text)
        except ValueError:
            raise ReportError(f"parameter {self.name} expects {self.type}, got {text!r}") from None

    def describe(self) -> str:
        default = "required" if self.required else f"default {'NULL' if self.default is None else self.default}"
        return f"{self.name} ({self.type}, {default})"


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    sql: str
    params: dict[str, Param] = field(default_factory=dict)
    description_zh: str = ""


def parse(name: str, text: str) -> Report:
    """A report from its file text: the description line, the `-- zh:` line with the description in Chinese, then
    the `-- param:` lines."""
    lines = text.splitlines()
    description = lines[0].removeprefix("--").strip() if lines and lines[0].startswith("--") else ""
    description_zh = ""
    params = {}
    for line in lines[1:]:
        if not line.startswith("--"):
            break
        if re.match(r"--\s*zh:", line):
            description_zh = line.split(":", 1)[1].strip()
            continue
        if not re.match(r"--\s*param:", line):
            continue
        match = _PARAM.fullmatch(line.strip())
        if not match or match["type"] not in TYPES:
            raise ReportError(f"report {name}: bad parameter line {line!r}; expected `-- param: <name> <{'|'.join(TYPES)}> [default <value>] — <doc>`")
        param = Param(match["name"], match["type"], match["doc"].strip())
        if match["default"] is not None:
            value = None if match["default"] == "NULL" else param.convert(match["default"])
            param = replace(param, required=False, default=value)
        params[param.name] = param
    return Report(name, description, text, params, description_zh)


def catalogue() -> dict[str, Report]:
    return {path.stem: parse(path.stem, path.read_text(encoding="utf-8")) for path in sorted(REPORTS_DIR.glob("*.sql"))}


def get(name: str) -> Report:
    reports = catalogue()
    if name not in reports:
        raise UnknownReport(f"no report named {name!r}; `dangjian report --list` shows them: {', '.join(reports)}")
    return reports[name]


def _known(report: Report, names: Iterable[str]) -> None:
    unknown = sorted(set(names) - set(report.params))
    if unknown:
        known = ", ".join(report.params) or "none"
        raise ReportError(f"report {report.name} has no parameter {', '.join(unknown)} (its parameters: {known})")


def resolve(report: Report, params: Mapping[str, object]) -> dict[str, object]:
    """Every parameter's value: the given ones, defaults for the rest; unknown or missing ones are errors."""
    _known(report, params)
    missing = [p.name for p in report.params.values() if p.required and params.get(p.name) is None]
    if missing:
        raise ReportError(f"report {report.name} needs {' '.join(f'--param {m}=...' for m in missing)}")
    return {p.name: params.get(p.name, p.default) for p in report.params.values()}


def bind(report: Report, assignments: Iterable[str]) -> dict[str, object]:
    """Typed values for `key=value` strings (the CLI's --param options), defaults filled in."""
    given = {}
    for assignment in assignments:
        key, sep, value = assignment.partition("=")
        if not sep or not key.strip():
            raise ReportError(f"--param expects key=value, got {assignment!r}")
        given[key.strip()] = value
    _known(report, given)
    return resolve(report, {key: report.params[key].convert(value) for key, value in given.items()})


PLACE_PARAMS = ("province", "city", "county")
# What a place's name may be written without: 青海 for 青海省, 甘孜州 for 甘孜藏族自治州.
_PLACE_SUFFIX = re.compile(r"(省|市|自治区|特别行政区|州|地区|盟|县|区|旗)$")


def _place(con: duckdb.DuckDBPyConnection, level: str, name: str) -> str:
    """The region name of `level` that `name` means (itself, or the one name it is short for), which the warehouse's
    documents are about; else an error naming the candidates or the places the documents are about."""
    names = [n for (n,) in con.execute("SELECT DISTINCT name FROM core.dim_region WHERE level = ?", [level]).fetchall()]
    held = [p for (p,) in con.execute(f"SELECT DISTINCT {level} FROM mart.v_documents WHERE {level} IS NOT NULL ORDER BY 1").fetchall()]
    about = f"the warehouse's documents are about {', '.join(held[:30])}{' …' if len(held) > 30 else ''}" if held else "no document names one"
    stem = _PLACE_SUFFIX.sub("", name) or name
    candidates = [name] if name in names else sorted(n for n in names if n.startswith(stem))
    if len(candidates) > 1:
        raise ReportError(f"{level} {name!r} could be {', '.join(candidates[:10])}: give the full name")
    if not candidates:
        raise ReportError(f"no {level} named {name!r}; {about}")
    if candidates[0] not in held:
        raise ReportError(f"no document is about the {level} {candidates[0]}; {about}")
    return candidates[0]


def _indicator(con: duckdb.DuckDBPyConnection, code: str) -> str:
    codes = [c for (c,) in con.execute("SELECT indicator_code FROM core.dim_indicator ORDER BY 1").fetchall()]
    if code in codes or not codes:  # a warehouse no run has loaded yet knows no indicator
        return code
    if code.upper() in codes:
        return code.upper()
    nearest = difflib.get_close_matches(code.upper(), codes, n=5, cutoff=0.4)
    hint = f"nearest: {', '.join(nearest)}" if nearest else "`dangjian sql \"select indicator_code, name_zh from core.dim_indicator\"` lists them"
    raise ReportError(f"no indicator {code!r}; {hint}")


def check_values(con: duckdb.DuckDBPyConnection, values: Mapping[str, object]) -> dict[str, object]:
    """The parameters with a place written short made full and unknown places or indicator codes as errors: a name
    the warehouse does not know would give an empty report, which reads as "none"."""
    checked = dict(values)
    for key in PLACE_PARAMS:
        if isinstance(checked.get(key), str):
            checked[key] = _place(con, key, checked[key])
    if isinstance(checked.get("indicator"), str):
        checked["indicator"] = _indicator(con, checked["indicator"])
    return checked


def run_report(con: duckdb.DuckDBPyConnection, report: Report, params: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Run the report with its parameters bound by DuckDB (defaults for those not given)."""
    return con.execute(report.sql, check_values(con, resolve(report, params or {}))).df()
