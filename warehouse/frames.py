"""DataFrames shaped like the warehouse's reference dimensions and run logs (staged rows: transforms/tabulate.py)."""

from __future__ import annotations

import pandas as pd

from transforms.gazetteer import regions
from transforms.indicators import TAXONOMY_VERSION, taxonomy
from transforms.records import FileOutcome
from transforms.validation import Rejection


def region_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [(r.adcode, r.name, r.level, r.province, r.city, r.county, r.parent) for r in regions().values()],
        columns=["adcode", "name", "level", "province", "city", "county", "parent_adcode"],
    )


def indicator_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [(i.code, i.name_zh, i.name_en, i.category, i.expected_unit or None, i.tier, TAXONOMY_VERSION) for i in taxonomy()],
        columns=["indicator_code", "name_zh", "name_en", "category", "expected_unit", "tier", "taxonomy_version"],
    )


def outcome_frame(outcomes: list[FileOutcome], run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(run_id, o.source_file, o.doc_id, o.outcome, o.reason, o.detail) for o in outcomes],
        columns=["run_id", "source_file", "doc_id", "outcome", "reason", "detail"],
    )


def rejection_frame(rejections: list[Rejection], run_id: str) -> pd.DataFrame:
    return pd.DataFrame(
        [(run_id, r.source_file, r.doc_id, r.item, r.item_id, r.check, r.reason, r.suite, r.severity) for r in rejections],
        columns=["run_id", "source_file", "doc_id", "item", "item_id", "check_name", "reason", "suite", "severity"],
    )
