"""Decide which place an article is about: the most specific division its mentions concentrate on."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache

import re

from transforms.extract.gazetteer import find_names, frequent_short_names, lineage, name_index, ordinary_short_names, regions
from transforms.extract.segmenters import DEFAULT, cutter
from transforms.records import Place
from transforms.chars import is_han

# How much one mention counts, by where it stands: the title, a source or byline line, the body's opening words (a
# dateline: "陵城讯", "商洛日报 -"), its first sentence, the rest of the body.
TITLE_WEIGHT, META_WEIGHT, DATELINE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 3.0, 2.0, 1.0
DATELINE_CHARS = 12
# A place the article's people travel to, to see or learn (赴莱西、即墨等地参观学习), is where an event took place, not
# who reports: its mentions count this much.
VENUE_WEIGHT = 0.25
_TRAVEL_TO = re.compile(r"(?:赴|前往|到|去)[^，。；,;：:]{0,12}$")  # the first place visited and those listed after it
# A place in the name of the paper or station that publishes the article (商洛日报, 垣曲融媒) says who reports, not what
# the article is about, nor does one in a university's name (浙江大学): each counts as a venue does.
# A county's own media centre (垣曲融媒) reports on its county, and is not discounted.
_MEDIA = re.compile(r"日报|晚报|早报|报社|之窗|新闻网|电视台|广播|大学|学院")
_TO_SEE = re.compile(r"[^。；;\n]{0,16}?(?:参观|考察|观摩|学习|取经|培训)")
# A place whose party committee, organisation department or government acts in the article (芜湖市委组织部联合…举办)
# is the one that reports.
SIGNS_WEIGHT = 2.0
_SIGNS = re.compile(r"[省市县区州旗]?(?:委|人民政府|政府)")
# Places named as items of a list of three or more (河北、山西、吉林等省; 章贡区、南康区、赣县区等地) are examples the
# article gives, not the place it is about: each counts as a venue does.
_CLAUSE_EDGE = re.compile(r"[，。；,;：:！？!?\n]")
# A short name right before 乡, 镇 or 街道 names a township (和政县新庄乡), not the county that goes by it.
_TOWNSHIP_AFTER = re.compile(r"乡|镇|街道")
# A lower level is chosen when it holds at least this share of its parent's weight.
DESCEND_SHARE = 0.5
_WORD_WINDOW = 4
# A word after which a name is used as a place (在宜兴开班, 走进彭水), even one that is otherwise a frequent word.
_AT_PLACE = re.compile(r"(?:在|到|赴|于|自|走进|位于|地处)$")
# The scope an article speaks of itself in (全国, 全省, 全市 and 我市, 全县 and 该县): a national report names provinces
# only in passing, a city's names its counties, a county's may name its city more often than itself.
_SCOPE_WORDS = {
    "national": re.compile(r"全国|中央组织部|中组部"),
    "province": re.compile(r"全省|我省|本省|全区各地"),
    "city": re.compile(r"全市|我市|本市|市委组织部"),
    "county": re.compile(r"全县|我县|本县|该县|县委组织部|全旗|我旗"),
}
SCOPE_MIN = 2
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _opens_word(text: str, start: int) -> bool:
    return start == 0 or not is_han(text[start - 1])


@lru_cache(maxsize=4)
def _names(text: str) -> tuple[tuple[int, str], ...]:
    """The gazetteer names in a text, found once: the document's place and its figures' places read the same body."""
    return tuple(find_names(text))


def _is_word(text: str, start: int, name: str) -> bool:
    """Whether the name stands as a word of its own there (走进彭水各个乡镇), as the segmenter cuts the words around it."""
    if _opens_word(text, start) and not is_han(text[start + len(name) : start + len(name) + 1] or "x"):
        return True
    left = max(0, start - _WORD_WINDOW)
    window = text[left : start + len(name) + _WORD_WINDOW]
    cuts, pos = set(), left
    for token in cutter(DEFAULT)(window, False):
        cuts.add(pos)
        pos += len(token)
    cuts.add(pos)
    return start in cuts and start + len(name) in cuts


def _mentions(text: str, weight: float, in_title: bool, body: bool = False) -> list[tuple[list[str], float, bool]]:
    """(candidate adcodes, weight, discounted) per place name found. A county's short name counts after its parent, in a title where
    it opens a word, or anywhere when no other division goes by it and it is no everyday word (振兴, 平安)."""
    found = []
    index, table, ordinary = name_index(), regions(), ordinary_short_names()
    lead_end = (m.end() if (m := _SENTENCE_END.search(text)) else len(text)) if body else 0
    names = _names(text)
    recurring = Counter(name for _, name in names)
    for start, name in names:
        candidates = []
        for code, full in index[name]:
            region = table[code]
            if not full and region.level == "county" and not (in_title and _opens_word(text, start)):
                before = text[max(0, start - 8) : start]
                parents = [table[c] for c in lineage(code)[1:]]
                after_parent = any(before.endswith(p.name) or (len(p.name) > 2 and before.endswith(p.name[:2])) for p in parents)
                lead = not body or start < lead_end  # a title, a source line, or the body's lead
                # Past the lead a short name counts when the article comes back to it (走进彭水… 围绕彭水…) and it is no
                # frequent word: once, or frequent, it is as often a word (富民, 新建) or a place passed through.
                plain = name not in frequent_short_names() or bool(_AT_PLACE.search(text, max(0, start - 2), start))
                if lead:
                    alone = _opens_word(text, start) or (plain and _is_word(text, start, name))
                else:
                    alone = recurring[name] > 1 and plain and _is_word(text, start, name)
                if not after_parent and (name in ordinary or len(index[name]) > 1 or not alone):
                    continue
                if _TOWNSHIP_AFTER.match(text, start + len(name)):
                    continue
            candidates.append(code)
        if not candidates:
            continue
        here, discounted = weight, False
        if body:
            here = DATELINE_WEIGHT if start < DATELINE_CHARS else LEAD_WEIGHT if start < lead_end else BODY_WEIGHT
        if (
            (_TRAVEL_TO.search(text, max(0, start - 14), start) and _TO_SEE.match(text, start + len(name)))
            or _MEDIA.match(text, start + len(name))
            or _in_list(text, start, start + len(name))
        ):
            here, discounted = here * VENUE_WEIGHT, True
        elif _SIGNS.match(text, start + len(name)):
            here *= SIGNS_WEIGHT
        found.append((candidates, here, discounted))
    return found


def _in_list(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is an item of a list of three or more joined by 、."""
    if text[end : end + 1] != "、" and text[start - 1 : start] != "、":
        return False
    left = max((m.end() for m in _CLAUSE_EDGE.finditer(text, max(0, start - 60), start)), default=max(0, start - 60))
    right = m.start() if (m := _CLAUSE_EDGE.search(text, end, end + 60)) else end + 60
    return text.count("、", left, right) >= 2


def scope(title: str | None, body: str) -> str | None:
    """The level the article speaks of itself at, when its words for one level outnumber the others' and recur."""
    text = (title or "") + "\n" + body
    counts = {level: len(pattern.findall(text)) for level, pattern in _SCOPE_WORDS.items()}
    level, most = max(counts.items(), key=lambda kv: kv[1])
    if most < SCOPE_MIN or sum(c == most for c in counts.values()) > 1:
        return None
    return level


def resolve_place(title: str | None, metadata_lines: list[str], body: str) -> Place:
    mentions = []
    if title:
        mentions += _mentions(title, TITLE_WEIGHT, True)
    for line in metadata_lines:
        mentions += _mentions(line, META_WEIGHT, False)
    headed = bool(mentions)  # the title or a source line names a place
    mentions += _mentions(body, BODY_WEIGHT, False, body=True)
    said = scope(title, body)
    if not mentions or (said == "national" and not headed):
        return Place()
    support: dict[str, float] = defaultdict(float)
    for candidates, weight, _ in mentions:
        if len(candidates) == 1:
            for code in lineage(candidates[0]):
                support[code] += weight
    score: dict[str, float] = defaultdict(float)
    named: set[str] = set()  # places with a mention at full weight, not only in a paper's name or as a place visited
    for candidates, weight, discounted in mentions:
        if len(candidates) > 1:
            backed = [c for c in candidates if any(support.get(a, 0) for a in lineage(c)[1:])]
            candidates = backed or candidates
        share = weight / len(candidates)
        for code in candidates:
            for ancestor in lineage(code):
                score[ancestor] += share
                if not discounted:
                    named.add(ancestor)
    table = regions()
    provinces = [c for c in score if table[c].level == "province" and c in named]
    if not provinces:
        return Place()
    chosen = max(provinces, key=lambda c: (score[c], c))
    while True:
        children = [c for c in score if table[c].parent == chosen and c in named]
        if not children:
            break
        best = max(children, key=lambda c: (score[c], c))
        county = table[best].level == "county"
        if county and said == "city" and not headed and not table[best].name.endswith("市"):
            break  # a city's report naming one of its counties
        alone = county and said == "county" and len(children) == 1
        if score[best] < DESCEND_SHARE * score[chosen] and not alone:
            break
        chosen = best
    region = table[chosen]
    return Place(adcode=region.adcode, province=region.province, city=region.city, county=region.county, level=region.level)


def figure_places(text: str, spans: list[tuple[int, int]], doc_adcode: str | None) -> list[str | None]:
    """For each (sentence start, figure start), the adcode of the place the sentence names before the figure
    (应县选派12名) when it lies within the document's place (or, in a document with none, the name is unambiguous);
    else the document's adcode."""
    index, everyday = name_index(), ordinary_short_names() | frequent_short_names()
    named: list[tuple[int, int, str]] = []  # start, end, adcode
    for at, name in _names(text):
        if name in everyday:
            continue
        if doc_adcode is None:
            codes = [code for code, full in index[name] if full]
        else:
            codes = [code for code, _ in index[name] if doc_adcode in lineage(code)]
        if len(codes) == 1:
            named.append((at, at + len(name), codes[0]))
    starts = [at for at, _, _ in named]
    places = []
    for sentence_start, figure_start in spans:
        found = None
        for _, end, code in named[bisect_left(starts, sentence_start) : bisect_left(starts, figure_start)]:
            if end <= figure_start:
                found = code
        places.append(found or doc_adcode)
    return places
