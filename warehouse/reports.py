"""Named reports: SQL files in sql/reports/, each opening with a one-line description comment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPORTS_DIR = Path(__file__).resolve().parent.parent / "sql" / "reports"


@dataclass(frozen=True)
class Report:
    name: str
    description: str
    sql: str


class UnknownReport(LookupError):
    pass


def catalogue() -> dict[str, Report]:
    reports = {}
    for path in sorted(REPORTS_DIR.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        description = first.removeprefix("--").strip() if first.startswith("--") else ""
        reports[path.stem] = Report(path.stem, description, text)
    return reports


def get(name: str) -> Report:
    reports = catalogue()
    if name not in reports:
        raise UnknownReport(f"no report named {name!r}; `dangjian report --list` shows them: {', '.join(reports)}")
    return reports[name]
