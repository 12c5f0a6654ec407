"""Measure words: which words after a number are units, their canonical form and the kind of figure.

This is where a number's unit is decided. Each entry: written form -> (canonical unit, kind, words that
must not follow, because the measure word is then the first character of another word).
"""

from __future__ import annotations

import re

# written: (canonical, kind, forbidden continuations)
UNITS: dict[str, tuple[str, str, str]] = {
    "个百分点": ("百分点", "ratio", ""),
    "百分点": ("百分点", "ratio", ""),
    "%": ("%", "ratio", ""),
    "人次": ("人次", "count", ""),
    "人(次)": ("人次", "count", ""),  # 培训各类人员2.3万人(次): person-times, as reports write them in a table's style
    "人（次）": ("人次", "count", ""),
    "户次": ("户次", "count", ""),
    "场次": ("场次", "count", ""),
    "批次": ("批次", "count", ""),
    "万亩": ("亩", "area", ""),
    "个月": ("月", "other", ""),  # 利用1个月时间: a duration
    "周岁": ("岁", "other", ""),
    "㎡": ("平方米", "area", ""),
    "亿元": ("元", "money", ""),
    "万元": ("元", "money", ""),
    "元": ("元", "money", "素旦首年宵老"),
    "亩": ("亩", "area", ""),
    "公顷": ("公顷", "area", ""),
    "平方米": ("平方米", "area", ""),
    "平方公里": ("平方公里", "area", ""),
    "公里": ("公里", "count", ""),
    "学时": ("学时", "other", ""),
    "课时": ("课时", "other", ""),
    "名": ("人", "count", "单额称义誉牌列片录字校师下次"),
    "人": ("人", "count", "才民员口均大数群事社居工力选身格心文物类生气权情间家户士"),
    "位": ("人", "count", "置于数列居次"),
    "个": ("个", "count", "体性别案"),
    "场": ("场次", "count", "所地景馆面次"),
    "期": ("期", "count", "间限望待刊末初中货"),
    "次": ("次", "count", "要序日年月"),
    "支": ("支", "count", "部书持援出付撑柱委行"),
    "户": ("户", "count", "籍口外型"),
    "所": ("所", "count", "以有属在谓得长需"),
    "家": ("家", "count", "庭长乡属园风务人门族电具禽"),
    "项": ("项", "count", "目"),
    "条": ("条", "count", "件例款线块"),
    "岁": ("岁", "other", "月"),
    "座": ("座", "count", "谈"),
    "处": ("处", "count", "理置级长室分"),
    "批": ("批", "count", "准示评复"),
    "间": ("间", "count", "隔接断"),
    "件": ("件", "count", ""),
    "台": ("台", "count", "账阶湾"),
    "辆": ("辆", "count", ""),
    "套": ("套", "count", ""),
    "篇": ("篇", "count", ""),
    "份": ("份", "count", "额"),
    "册": ("册", "count", ""),
    "块": ("块", "count", "钱"),
    "种": ("种", "count", "植养子类"),
    "类": ("类", "count", "型别似"),
    "轮": ("轮", "count", "换岗训流"),
    "堂": ("堂", "count", ""),
    "节": ("节", "count", "点约日"),
    "吨": ("吨", "count", ""),
    "公斤": ("公斤", "count", ""),
    "斤": ("斤", "count", ""),
    "头": ("头", "count", "雁羊牛"),
    "只": ("只", "count", "有要是能"),
    "株": ("株", "count", ""),
    "棒": ("棒", "count", ""),
    "张": ("张", "count", ""),
    "本": ("本", "count", "地土村乡镇县市届单领次着"),
    "部": ("部", "count", "门署分长队"),
    "成": ("%", "ratio", "为立效果绩员本功长型熟就"),
    "倍": ("倍", "ratio", ""),
    "届": ("届", "count", "一二三四五六七八九十中全人"),  # 十七届六中全会: a session's name
    "层": ("层", "count", "面级次"),
    "棚": ("棚", "count", ""),
    "盏": ("盏", "count", ""),
    "天": ("天", "other", "然地下津河安堂空"),
    "分": ("分", "other", "之别钟析批类期组布散管工配局队会红享担支部化级值区行数解子"),
    # Durations and points are units only where figures.py finds them meant so (连续3年, 三点意见), not in 2019年 or 3点.
    "年": ("年", "other", "代度级轻终底初末前后来内间龄"),
    "点": ("点", "other", "半钟多儿"),
}
# Every unit a figure can carry: what validation accepts.
CANONICAL_UNITS = frozenset(unit for unit, _, _ in UNITS.values())
MONEY_SCALE = {"万元": 1e4, "亿元": 1e8}
AREA_SCALE = {"万亩": 1e4}

_ALTERNATION = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
UNIT_RE = re.compile(_ALTERNATION)


def match_unit(text: str, pos: int) -> tuple[str, int] | None:
    """The measure word starting at pos, as (written form, end), if it is one here."""
    m = UNIT_RE.match(text, pos)
    if not m:
        return None
    written = m.group()
    forbidden = UNITS[written][2]
    if m.end() < len(text) and text[m.end()] in forbidden:
        return None
    return written, m.end()


def canonical(written: str) -> tuple[str, str]:
    """(canonical unit, kind)."""
    unit, kind, _ = UNITS[written]
    return unit, kind


def scale(written: str) -> float:
    """Factor folded into the unit itself (万元 -> 1e4); 成 is tenths, reported as percent."""
    if written == "成":
        return 10.0
    return MONEY_SCALE.get(written, AREA_SCALE.get(written, 1.0))
