"""The reference data extraction reads, as the rows of the warehouse's dimensions: the gazetteer and the taxonomy."""

from __future__ import annotations

import pyarrow as pa

from transforms.extract.gazetteer import regions
from transforms.extract.indicators import TAXONOMY_VERSION, taxonomy


def reference_tables() -> dict[str, pa.Table]:
    """Rows of core.dim_region and core.dim_indicator, by table."""
    places = list(regions().values())
    indicators = taxonomy()
    return {
        "core.dim_region": pa.table({
            "adcode": [r.adcode for r in places],
            "name": [r.name for r in places],
            "level": [r.level for r in places],
            "province": [r.province for r in places],
            "city": pa.array([r.city for r in places], pa.string()),
            "county": pa.array([r.county for r in places], pa.string()),
            "parent_adcode": pa.array([r.parent for r in places], pa.string()),
        }),
        "core.dim_indicator": pa.table({
            "indicator_code": [i.code for i in indicators],
            "name_zh": [i.name_zh for i in indicators],
            "name_en": [i.name_en for i in indicators],
            "category": [i.category for i in indicators],
            "expected_unit": pa.array([i.expected_unit or None for i in indicators], pa.string()),
            "tier": pa.array([i.tier for i in indicators], pa.int32()),
            "taxonomy_version": [TAXONOMY_VERSION] * len(indicators),
        }),
    }
