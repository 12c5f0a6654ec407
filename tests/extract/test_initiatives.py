"""Named initiatives: quoted practice names are kept, quoted idioms and proper names are not."""

import pytest

from transforms.extract.initiatives import find_initiatives


def names(text):
    return [name for name, _, _ in find_initiatives(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全面推行“三分类三提升”工作法。", ["三分类三提升"]),
        ("创建“五型支部”15个。", ["五型支部"]),
        ("推广“12580”党建工作法。", ["12580党建工作法"]),
        ("健全完善“136”人才工作体系,建立人才库。", ["136人才工作体系"]),
        ("探索“支部+合作社”模式。", ["支部+合作社"]),
        ("推行“一村一品”。", ["一村一品"]),
        ("打造“红色领航”品牌。", ["红色领航"]),
        ("落实“三会一课”制度,坚持“三会一课”。", ["三会一课"]),
        ("开展“行动支部”创建。", ["行动支部"]),
    ],
)
def test_practices_are_found(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "打通服务群众“最后一公里”。",
        "树立“干在一线”的鲜明导向。",
        "栽植“胜利百号”红薯1万亩。",
        "群众称赞“好”。",
        "他说:“我们一定办好,请放心。”",
        "被誉为“领头雁”的带头人。",
    ],
)
def test_idioms_quotes_and_proper_names_are_not(text):
    assert names(text) == []


def test_mentions_are_counted_from_the_first_offset():
    text = "推行“两学一做”。深化“两学一做”学习教育。"
    assert find_initiatives(text) == [("两学一做", 2, 2)]
