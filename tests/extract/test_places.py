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
        # a county-level city under its prefecture
        (None, [], "近日，浏阳市委组织部召开全市村党组织书记述职评议会，32名书记现场述职。", ("湖南省", "长沙市", "浏阳市")),
        # a county in Yunnan named in the title, the body speaking of 全县
        ("勐海县：党建引领茶产业发展", [], "全县培育茶产业党员示范户560户。", ("云南省", "西双版纳傣族自治州", "勐海县")),
        # an autonomous prefecture's report stays at the prefecture
        (None, [], "恩施州扎实推进村级党组织标准化建设，全州建成标准化党群服务中心2000余个。", ("湖北省", "恩施土家族苗族自治州", None)),
        # an Inner Mongolian banner
        (None, [], "近年来，科尔沁右翼前旗持续选派驻村第一书记，全旗共选派126名。", ("内蒙古自治区", "兴安盟", "科尔沁右翼前旗")),
        # a Xinjiang county under its prefecture
        (None, [], "伽师县委组织部组织全县村干部开展国家通用语言培训，参训村干部1800人次。", ("新疆维吾尔自治区", "喀什地区", "伽师县")),
        # a district named with its city, whose namesake district lies in another province
        (None, [], "福建省福州市鼓楼区扎实开展社区党组织书记轮训。", ("福建省", "福州市", "鼓楼区")),
        # a source line naming the county's media centre, the body naming only villages
        (None, ["来源：安福融媒"], "近日，洲湖镇塘边村党支部组织党员开展主题党日活动，参加党员42名。", ("江西省", "吉安市", "安福县")),
        # a source line naming a city's paper counts less than the county in the lead
        (None, ["来源：玉林日报"], "陆川县持续整顿软弱涣散村党组织，今年已整顿转化15个。", ("广西壮族自治区", "玉林市", "陆川县")),
        # a province's report, 全省
        (None, [], "黑龙江省委组织部部署开展村党组织书记集中轮训，全省培训村党组织书记8900余名。", ("黑龙江省", None, None)),
        # a county in Sichuan written short in the lead, then full
        (None, [], "苍溪坚持抓党建促乡村振兴。苍溪县今年选派第一书记170名，实现重点村全覆盖。", ("四川省", "广元市", "苍溪县")),
        # a county that sends cadres to study elsewhere stays the place
        (None, [], "宁陕县组织30名村党组织书记赴浙江安吉、江苏华西村考察学习。", ("陕西省", "安康市", "宁陕县")),
        # a training held at a university in another province does not move the place
        (None, [], "乌兰察布市委组织部在浙江大学举办村党组织书记能力提升培训班，全市100名书记参训。", ("内蒙古自治区", "乌兰察布市", None)),
        # a Beijing district (a municipality: no city)
        (None, [], "近日，密云区召开村党组织书记工作例会，部署软弱涣散村党组织整顿。", ("北京市", None, "密云区")),
        # a Tianjin district
        (None, [], "天津市蓟州区扎实推进村级组织换届，全区949个村全部完成。", ("天津市", None, "蓟州区")),
        # navigation words before the article that look like place names are no place
        (None, ["首页 平安建设 美丽乡村 党建动态"], "临泉县全面推行村干部坐班值班制度，全县实现村级便民服务全覆盖。", ("安徽省", "阜阳市", "临泉县")),
        # a township named together with its county
        (None, [], "和政县新庄乡持续加强村级阵地建设，新建村级活动场所3处。", ("甘肃省", "临夏回族自治州", "和政县")),
        # a Hainan county administered by the province has no city
        (None, [], "琼中黎族苗族自治县选派第一书记98名，驻村帮扶实现全覆盖。", ("海南省", None, "琼中黎族苗族自治县")),
        # a report naming its county once in the lead and 全县 after, with a neighbouring county met in passing
        (None, [], "汝城县深入开展“五星支部”创建。全县已评定五星支部56个。与宜章县交界的村也纷纷参与。", ("湖南省", "郴州市", "汝城县")),
        # a Guizhou county in a dateline
        (None, [], "本报讯（记者 王明）湄潭县扎实推进农村党员积分管理，全县党员积分管理覆盖率达100%。", ("贵州省", "遵义市", "湄潭县")),
        # a city report naming its districts and counties in a list stays at the city
        (None, [], "赣州市全面推进村级党组织标准化建设，章贡区、南康区、赣县区、信丰县等地进展较快。全市累计建成示范点300个。", ("江西省", "赣州市", None)),
        # a national news item naming provinces in a list is about no place
        (None, [], "中组部近日召开座谈会，河北、山西、吉林、江苏、浙江等省的组织部门负责同志交流了经验。", (None, None, None)),
        # a Jilin county written in full in a source line
        (None, ["来源：中共抚松县委组织部"], "近日，全县召开村党组织书记培训会，参训书记189名。", ("吉林省", "白山市", "抚松县")),
    ],
)
def test_the_place_an_article_is_about(title, meta, body, expected):
    assert _place(title, meta, body) == expected
