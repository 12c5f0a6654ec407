"""The gazetteer: administrative divisions with 6-digit codes, their hierarchy and the names they go by."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from transforms.chars import code_points, known_pairs, pair_code

ADCODES_PATH = Path(__file__).parent / "reference" / "adcodes.csv"
ORDINARY_WORDS_PATH = Path(__file__).parent / "reference" / "ordinary_short_names.txt"
FREQUENT_WORDS_PATH = Path(__file__).parent / "reference" / "frequent_short_names.txt"
_MUNICIPALITIES = {"11", "12", "31", "50"}
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县级行政区划"}
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜"
    "|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_ETHNIC_LAST = re.compile(rf"(?:{_ETHNIC})族?$")
_GENERIC = {"郊区", "矿区", "城区", "东区", "西区", "新区", "市中区", "城关区"}


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str
    level: str  # province, city, county
    province: str
    city: str | None
    county: str | None
    parent: str | None  # adcode of the enclosing unit


def _without_peoples(base: str) -> str:
    """彭水苗族土家族 -> 彭水: the peoples named at the end, taken off one by one while a name of two characters is
    left (水 is a people too)."""
    while (m := _ETHNIC_LAST.search(base)) and m.start() >= 2:
        base = base[: m.start()]
    return base


def _short_names(name: str, level: str) -> set[str]:
    """Names a place goes by besides its full name: 海北藏族自治州 -> 海北, 海北州; 康定市 -> 康定."""
    shorts: set[str] = set()
    if level == "province":
        base = re.sub(r"(?:省|市|特别行政区|自治区)$", "", name)
        base = _without_peoples(base)
        shorts.add(base)
    elif name.endswith("自治州"):
        base = _without_peoples(name[:-3])
        shorts.update({base, base + "州"})
    elif name.endswith(("自治县", "自治旗")):
        base = _without_peoples(name[:-3])
        shorts.update({base, base + name[-1]})
    else:
        base = re.sub(r"(?:市|地区|盟|县|区|旗|林区|特区)$", "", name)
        shorts.add(base)
    return {s for s in shorts if len(s) >= 2 and s != name}


@lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """All divisions by 6-digit adcode."""
    with ADCODES_PATH.open(encoding="utf-8") as fh:
        rows = sorted((row["adcode"][:6], row["name"]) for row in csv.DictReader(fh))
    names = dict(rows)
    out: dict[str, Region] = {}
    for code, name in rows:
        if name in _PLACEHOLDERS:
            continue
        prov_code, city_code = code[:2] + "0000", code[:4] + "00"
        province = names.get(prov_code, name)
        if code == prov_code:
            out[code] = Region(code, name, "province", name, None, None, None)
        elif code == city_code:
            out[code] = Region(code, name, "city", province, name, None, prov_code)
        else:
            city_name = names.get(city_code)
            if code[:2] in _MUNICIPALITIES:
                # A municipality's districts and counties sit directly under it: they have no city of their own.
                city_name, city_code = None, prov_code
            elif city_name in _PLACEHOLDERS or city_name is None:
                city_name, city_code = None, prov_code
            out[code] = Region(code, name, "county", province, city_name, name, city_code)
    return out


@lru_cache(maxsize=1)
def name_index() -> dict[str, list[tuple[str, bool]]]:
    """Name -> [(adcode, is_full_name)], full names and short names alike."""
    index: dict[str, list[tuple[str, bool]]] = {}
    for region in regions().values():
        if region.name in _GENERIC:
            continue
        index.setdefault(region.name, []).append((region.adcode, True))
        for short in _short_names(region.name, region.level):
            index.setdefault(short, []).append((region.adcode, False))
    return index


_CODE_POINTS = 0x110000


@dataclass(frozen=True)
class _NameScan:
    """What find_names looks for: the characters that can open and follow in a name's first two, those two as
    sorted numbers, and the name lengths (longest first) per first two characters."""

    opens: np.ndarray  # bool per code point
    follows: np.ndarray
    heads: np.ndarray
    lengths: dict[str, list[int]]


@lru_cache(maxsize=1)
def _name_scan() -> _NameScan:
    lengths: dict[str, set[int]] = {}
    for name in name_index():  # every name has at least two characters
        lengths.setdefault(name[:2], set()).add(len(name))
    opens, follows = np.zeros(_CODE_POINTS, dtype=bool), np.zeros(_CODE_POINTS, dtype=bool)
    opens[[ord(head[0]) for head in lengths]] = True
    follows[[ord(head[1]) for head in lengths]] = True
    heads = np.sort(np.array([pair_code(head) for head in lengths], dtype=np.uint64))
    return _NameScan(opens, follows, heads, {head: sorted(ls, reverse=True) for head, ls in lengths.items()})


def _openings(text: str, scan: _NameScan) -> list[int]:
    """The offsets where two characters open some name: first a character that can open one followed by one that can
    come second (an eighth of all offsets in the bench corpus), then that pair among the names' first pairs."""
    points = code_points(text)
    at = np.flatnonzero(scan.opens[points[:-1]] & scan.follows[points[1:]])
    return known_pairs(points, scan.heads, at)[0].tolist()


def find_names(text: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of every gazetteer name in text, leftmost and longest first, not overlapping.

    Dictionary lookups only where two characters open a name: a regular expression of thousands of alternatives
    would try each one at every character, and nearly a third of all characters start some name.
    """
    if len(text) < 2:
        return
    index = name_index()
    scan = _name_scan()
    pos = 0
    for at in _openings(text, scan):
        if at < pos:
            continue
        for length in scan.lengths[text[at : at + 2]]:
            if text[at : at + length] in index:
                yield at, text[at : at + length]
                pos = at + length
                break


@lru_cache(maxsize=1)
def names_led_by_numerals() -> dict[str, tuple[str, ...]]:
    """Full division names that open with a Chinese numeral (五台县, 三元区, 七台河市), by first character."""
    by_first: dict[str, set[str]] = {}
    for region in regions().values():
        if region.name[0] in "一二两三四五六七八九十百千万":
            by_first.setdefault(region.name[0], set()).add(region.name)
    return {first: tuple(sorted(names, key=len, reverse=True)) for first, names in by_first.items()}


@lru_cache(maxsize=1)
def ordinary_short_names() -> frozenset[str]:
    """Short names of divisions that are also everyday words (平安, 振兴, 延长, 和平): alone, they name no place."""
    return frozenset(ORDINARY_WORDS_PATH.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def frequent_short_names() -> frozenset[str]:
    """Short names that are frequent words whatever else they are (新建, 宜兴, 和平): deep in a body, as likely a verb
    or a place passed through as the place reported on."""
    return frozenset(FREQUENT_WORDS_PATH.read_text(encoding="utf-8").split())


def lineage(adcode: str) -> list[str]:
    """The adcode and its ancestors, most specific first."""
    chain, table = [], regions()
    code: str | None = adcode
    while code is not None and code in table:
        chain.append(code)
        code = table[code].parent
    return chain
