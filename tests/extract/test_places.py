"""Which place an article is about: full and short names, where they stand (title, source line, dateline, lead), and
what only looks like a place (an everyday word, a paper's name, a place visited)."""

import importlib.util
from pathlib import Path

import pytest

from transforms.extract.gazetteer import FREQUENT_WORDS_PATH, ORDINARY_WORDS_PATH, _short_names, name_index
from transforms.extract.places import resolve_place


def test_the_everyday_short_names_are_those_jiebas_dictionary_gives():
    path = Path(importlib.util.find_spec("jieba").submodule_search_locations[0]) / "dict.txt"
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split(" ")
        words[word] = (int(freq), tag)
    shorts = {n for n, cands in name_index().items() if not any(full for _, full in cands)}
    derived = sorted(n for n in shorts if n in words and words[n][1] != "ns" and words[n][0] >= 300)
    assert ORDINARY_WORDS_PATH.read_text(encoding="utf-8").split() == derived


def test_the_frequent_short_names_are_those_jiebas_dictionary_gives():
    path = Path(importlib.util.find_spec("jieba").submodule_search_locations[0]) / "dict.txt"
    words = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, _ = line.split(" ")
        words[word] = int(freq)
    shorts = {n for n, cands in name_index().items() if not any(full for _, full in cands)}
    assert FREQUENT_WORDS_PATH.read_text(encoding="utf-8").split() == sorted(n for n in shorts if words.get(n, 0) >= 300)


def test_the_peoples_named_in_an_autonomous_county_are_taken_off_its_short_name():
    assert _short_names("彭水苗族土家族自治县", "county") == {"彭水", "彭水县"}  # 水 is a people too: not 彭
    assert _short_names("海北藏族自治州", "city") == {"海北", "海北州"}


def _place(title, meta, body):
    p = resolve_place(title, meta, body)
    return p.province, p.city, p.county


@pytest.mark.parametrize(
    ("title", "meta", "body", "expected"),
    [
        # a full county name in the body
        (None, [], "近日，洛南县召开村党组织书记工作会，部署软弱涣散村整顿工作。", ("陕西省", "商洛市", "洛南县")),
        # the county of the paper that reports it counts less than the county the article is about
        (None, [], "商洛日报讯 洛南县自开展选派第一书记工作以来，累计落实帮扶项目200个。", ("陕西省", "商洛市", "洛南县")),
        (None, [], "安庆日报讯 怀宁县切实加大党建引领扶贫工程经费保障力度。", ("安徽省", "安庆市", "怀宁县")),
        # a short county name in the lead, unique and no everyday word
        (None, [], "11日，崇阳为期两天的农村党支部书记培训班开班。来自全县各村的党支部书记参训。", ("湖北省", "咸宁市", "崇阳县")),
        # a short county name in a source line
        (None, ["来源：垣曲融媒"], "近日，马湾村新建党群服务中心正式开工建设，预计投资180余万元。", ("山西省", "运城市", "垣曲县")),
        # a short name that is an everyday word is no place
        (None, [], "全县坚持抓党建促乡村振兴，建设平安乡村，推动村级集体经济发展。", (None, None, None)),
        (None, ["平安开化 专题 综合新闻"], "开化县实施农村党员星级管理，督促党员永葆先进性。", ("浙江省", "衢州市", "开化县")),
        # places visited to learn count less than the place that sends its cadres
        (None, [], "陵城区神头镇组织村党支部书记29人赴莱西、即墨、崂山等地参观学习，拓宽眼界。", ("山东省", "德州市", "陵城区")),
        # a university's name is no place the article is about
        (None, [], "芜湖市委组织部联合浙江大学举办村党组织书记示范培训班，来自芜湖市各区县的100名书记参加。", ("安徽省", "芜湖市", None)),
        # a short name in the title, opening a word
        ("湄潭：党建引领乡村振兴", [], "全县选派第一书记120名。", ("贵州省", "遵义市", "湄潭县")),
        # a short name that only ends a word in the title is no place
        ("抓党建促乡村振兴", [], "全县选派第一书记120名。", (None, None, None)),
        # a city's report naming several of its counties stays at the city
        (None, [], "朔州市持续选派驻村干部，应县选派12名、右玉县选派11名、怀仁市选派9名。", ("山西省", "朔州市", None)),
        # a county named short after its city
        (None, [], "近年来，商洛洛南坚持党建引领，全县培训村干部800人次。", ("陕西省", "商洛市", "洛南县")),
        # a national report names provinces in passing, and a meeting's venue
        (
            None,
            [],
            "全国各地村委会换届工作有序推进。目前全国已有20个省份完成换届，河北、山西、江苏等地进度较快。"
            "这是记者从在浙江杭州召开的全国座谈会上获悉的。全国共选出村委会成员200余万名。",
            (None, None, None),
        ),
        # a city's report that names one of its counties once
        (
            None,
            [],
            "我市深入实施村干部素质提升工程，全市举办培训班30期。其中枣强县组织专题培训5期，全市累计培训4000人次。",
            ("河北省", "衡水市", None),
        ),
        # a county's report that names its city more often than itself
        (
            None,
            [],
            "尤溪县是全省较早推行村级组织运转经费保障的县之一。全县辖9镇6乡，面积居三明市第一，人口为三明市最多。"
            "该县今年落实村级运转经费1200万元。",
            ("福建省", "三明市", "尤溪县"),
        ),
        # a short name deep in the body, used as a place and come back to; a Chongqing county has no city
        (
            None,
            [],
            "近年来，我县坚持党建引领乡村振兴。\n走进酉阳各个乡镇，处处可见新变化。\n围绕酉阳特色产业，全县培育致富带头人300名。",
            ("重庆市", None, "酉阳土家族苗族自治县"),
        ),
        # a frequent word that is also a county's short name is no place in a lead
        (None, [], "近日，该村新建党员活动室一处，面积120平方米。", (None, None, None)),
        # the place whose organisation department acts outweighs the places its cadres visit
        (
            None,
            [],
            "黄山市委组织部联合浙江大学举办村党组织书记研修班。学员赴安吉参观学习，在安吉开展现场教学。黄山市委组织部负责人出席。",
            ("安徽省", "黄山市", None),
        ),
        # a paper's name alone is no place the article names
        (None, [], "商洛日报讯 全市各级党组织扎实开展软弱涣散村党组织整顿，共整顿提升32个。", (None, None, None)),
    ],
)
def test_the_place_an_article_is_about(title, meta, body, expected):
    assert _place(title, meta, body) == expected
