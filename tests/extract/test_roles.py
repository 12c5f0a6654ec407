"""The role of a figure among its document's figures, and whether it may be added to others of its indicator."""

import pytest

from transforms.extract.context import describe
from transforms.extract.figures import find_figures
from transforms.extract.indicators import assign


def _roles(text, doc_adcode=None):
    figures = find_figures(text)
    assign(text, figures)
    describe(text, figures, "2024-03-01", doc_adcode)
    return [(f.number_text, f.role, f.additive) for f in figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县共培训村干部1200人次，其中村党组织书记300人次。", [("1200人次", "total", True), ("300人次", "part", False)]),
        (
            "全县选派驻村工作队员150名，分别来自县直部门90名、乡镇机关60名。",
            [("150名", "total", True), ("90名", "part", False), ("60名", "part", False)],
        ),
        ("社区工作经费从6万元增加至11万元。", [("6万元", "before", False), ("11万元", "after", False)]),
        ("每村每年落实运转经费10万元。", [("10万元", "rate", False)]),
        ("村党组织书记人均年报酬达到4.2万元。", [("4.2万元", "rate", False)]),
        ("每月开办培训班3期。", [("3期", "rate", False)]),
        ("村党组织书记平均年龄下降4.2岁。", [("4.2岁", "change", False)]),
        ("大专以上学历占比达到62%。", [("62%", "share", False)]),
        ("村集体经济收入10万元以上的村达到85个。", [("10万元以上", "threshold", False), ("85个", "total", True)]),
        ("35岁以下的有83名。", [("35岁以下", "threshold", False), ("83名", "total", True)]),
        (
            "全县选派第一书记86名。总之，全县选派第一书记86名。",
            [("86名", "total", True), ("86名", "restatement", False)],
        ),
        ("力争到2026年创建示范党支部50个。", [("50个", "total", False)]),  # a plan adds to nothing
        ("制定五个方面的任务。", [("五个", "total", False)]),  # a count of aspects is no quantity to sum
    ],
)
def test_the_role_of_each_figure(text, expected):
    assert _roles(text) == expected


def test_a_part_for_a_place_within_the_documents_is_that_places_total():
    text = "白银市选派驻村第一书记130名，其中会宁县选派驻村第一书记48名。"
    assert _roles(text, doc_adcode="620400") == [("130名", "total", True), ("48名", "part", True)]


def test_a_total_whose_parts_fall_in_two_years_covers_both():
    text = "全县共整顿软弱涣散村党组织30个，其中2022年18个、2023年12个。"
    figures = find_figures(text)
    assign(text, figures)
    describe(text, figures, "2024-03-01", None)
    assert [(f.period_kind, f.period_start_year, f.period_end_year) for f in figures] == [
        ("cumulative", 2022, 2023), ("flow", 2022, 2022), ("flow", 2023, 2023),
    ]


# The seeds' figures whose text states their period, by (file prefix, number as written): (kind, start, end).
SEED_PERIODS = {
    ("002", "1亿元"): ("cumulative", 2017, 2019),  # 三年来市财政累计投入, published 2019
    ("002", "6万元"): ("flow", 2019, 2019),  # 2019年起…从6万元增加至11万元
    ("002", "11万元"): ("flow", 2019, 2019),
    ("004", "660余万元"): ("cumulative", 2021, 2022),  # 2021年以来…先后投入, published 2022
    ("004", "14个"): ("cumulative", 2021, 2022),
    ("004", "12个"): ("cumulative", 2017, 2022),  # 2017年以来，共拿出12个公务员岗位
    ("004", "102人"): ("cumulative", None, 2022),  # 近年来共向宣城市推荐
    ("000", "2600余场"): ("cumulative", None, None),  # 近两年来, in an undated article
}


def test_the_seeds_figures_carry_the_periods_their_text_states(extracted_seeds):
    found = {
        (name[:3], f.number_text): (f.period_kind, f.period_start_year, f.period_end_year)
        for name, x in extracted_seeds.items()
        for f in x.figures
        if (name[:3], f.number_text) in SEED_PERIODS
    }
    assert found == SEED_PERIODS


def test_no_rate_before_after_share_or_threshold_of_the_seeds_adds_up(extracted_seeds):
    figures = [f for x in extracted_seeds.values() for f in x.figures]
    assert {f.role for f in figures} >= {"rate", "before", "after", "part", "change"}
    assert [f.number_text for f in figures if f.additive and f.role not in ("total", "part")] == []
