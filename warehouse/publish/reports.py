"""Named reports: SQL files in sql/reports/, each a documented query with bound named parameters.

A report file opens with `-- <one-line description>`, then one `-- param: <name> <type> [default <value>] — <doc>`
line per parameter (types int, float, text, date; `default NULL` makes it optional and unset; no default makes it
required), then the SQL, which refers to parameters as `$name`. Values are always bound by DuckDB, never pasted
into the SQL text.
"""

from __future__ import annotations

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


def parse(name: str, text: str) -> Report:
    """A report from its file text: the description line, then the `-- param:` lines."""
    lines = text.splitlines()
    description = lines[0].removeprefix("--").strip() if lines and lines[0].startswith("--") else ""
    params = {}
    for line in lines[1:]:
        if not line.startswith("--"):
            break
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
    return Report(name, description, text, params)


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


def run_report(con: duckdb.DuckDBPyConnection, report: Report, params: Mapping[str, object] | None = None) -> pd.DataFrame:
    """Run the report with its parameters bound by DuckDB (defaults for those not given)."""
    return con.execute(report.sql, resolve(report, params or {})).df()
