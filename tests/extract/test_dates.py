"""Publication dates in the shapes pages print them: labelled, in a dateline, a timestamp alone on a line, a citation of
the paper it was printed in, an e-paper's date line; and dates that do not date the article."""

import pytest

from transforms.extract.metadata import extract_metadata, is_date_line, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023-03-08", "2023-03-08"),
        ("2023年3月8日", "2023-03-08"),
        ("2023年03月08日", "2023-03-08"),
        ("2023 年 3 月 8 日", "2023-03-08"),
        ("2023/3/8", "2023-03-08"),
        ("2023.03.08", "2023-03-08"),
        ("08.03.2023  09:15", "2023-03-08"),  # day first
        ("2023-03-08 09:15:42", "2023-03-08"),
        ("2023/3/8 9:15:42", "2023-03-08"),
        ("发布时间：2023-03-08 09:15", "2023-03-08"),
        ("《农民日报》（2023年3月8日，第4版）", "2023-03-08"),
        ("2023-02-30", None),  # not a calendar date
        ("31.04.2023", None),
        ("第2023期", None),
    ],
)
def test_a_date_in_each_shape_is_read_as_iso(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("2023-03-08 09:15:42", True),
        ("08.03.2023  09:15", True),
        ("2023/3/8 9:15:42", True),
        ("（2023年3月8日）", True),
        ("2023年3月8日 星期三", True),
        ("《农民日报》（2023年3月8日，第4版）", True),
        ("【2023-03-08】", True),
        ("全县于2023年3月8日完成换届选举", False),  # a sentence that mentions a date
        ("版权所有 2019-2023", False),
        ("2023-03-08至2023-03-10", False),  # a span, not the article's date
    ],
)
def test_a_line_that_only_dates_the_article_is_told_from_one_that_mentions_a_date(line, alone):
    assert is_date_line(line) is alone


def test_a_timestamp_below_the_body_dates_the_article_when_no_label_does():
    meta = extract_metadata(["县委组织部扎实推进软弱涣散村整顿"], [], ["首页 > 基层党建 > 正文", "2023-03-08 09:15:42"])
    assert meta.publish_date == "2023-03-08"


def test_a_citation_of_the_paper_dates_the_article():
    meta = extract_metadata(["村干部报酬保障到位"], [], ["《农民日报》（2023年3月8日，第4版）", "责任编辑：张三"])
    assert meta.publish_date == "2023-03-08"


def test_a_labelled_date_wins_over_a_date_in_the_chrome():
    meta = extract_metadata(["全市村党组织书记培训班开班"], ["发布时间：2023-03-08"], ["2021-01-01 00:00:00"])
    assert meta.publish_date == "2023-03-08"


def test_a_day_first_stamp_in_the_chrome():
    meta = extract_metadata(["全省村党组织完成换届"], [], ["08.03.2023  09:15"])
    assert meta.publish_date == "2023-03-08"
