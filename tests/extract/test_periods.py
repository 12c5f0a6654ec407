"""The period a figure covers, read from its clause, its sentence, the years opening its paragraph's sentences, and
the publication date."""

import pytest

from transforms.extract.periods import Period, period_of


def _period(text, number, doc_year=2024):
    start = text.index(number)
    return period_of(text, start, start + len(number), doc_year)


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("2023年，全县整顿软弱涣散村党组织12个。", "12个", Period("flow", 2023, 2023)),
        ("去年，全县培训村干部2600人次。", "2600人次", Period("flow", 2023, 2023)),
        ("今年以来，全县已培训村干部900人次。", "900人次", Period("flow", 2024, 2024)),
        ("上年度全县发展党员156名。", "156名", Period("flow", 2023, 2023)),
        ("全县培训村干部650人次(2022年)。", "650人次", Period("flow", 2022, 2022)),
        ("2019年以来，全县累计发展党员720名。", "720名", Period("cumulative", 2019, 2024)),
        ("近三年来，全县累计投入资金2400万元。", "2400万元", Period("cumulative", 2022, 2024)),
        ("近年来，全县先后选派第一书记300名。", "300名", Period("cumulative", None, 2024)),
        ("2021—2023年，全县累计整顿软弱涣散村党组织30个。", "30个", Period("cumulative", 2021, 2023)),
        ("截至2023年底，全县共有村党组织书记342名。", "342名", Period("stock", 2023, 2023)),
        ("全县现有党员4200名。", "4200名", Period("stock", 2024, 2024)),
        ("力争到2026年建成示范村50个。", "50个", Period("target", 2026, 2026)),
        ("计划储备村级后备力量800名。", "800名", Period("target", 2024, 2024)),
        ("到2022年底，全县已建成党群服务中心120个。", "120个", Period("flow", 2022, 2022)),  # a year gone by
        # a year compared with is not the year of the figure
        ("2023年，全县村集体经济收入是2020年的2.5倍，整顿软弱涣散村党组织6个。", "6个", Period("flow", 2023, 2023)),
        ("2023年，全县培训村干部比2021年增加800人次。", "800人次", Period("flow", 2023, 2023)),
        # a year in an earlier sentence dates that sentence only, unless it opens it
        ("2023年，全县整顿软弱涣散村党组织12个。全县选派第一书记86名。", "86名", Period("flow", 2023, 2023)),
        ("全县于2021年完成换届。全县选派第一书记86名。", "86名", Period("flow", 2024, 2024)),
        # an undated document and no year in the text: no year
        ("全县选派第一书记86名。", "86名", Period("flow", None, None)),
    ],
)
def test_the_period_of_a_figure(text, number, expected):
    doc_year = None if expected == Period("flow", None, None) else 2024
    assert _period(text, number, doc_year) == expected
