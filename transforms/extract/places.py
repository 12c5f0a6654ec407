"""Decide which place an article is about: the most specific division its mentions concentrate on."""

from __future__ import annotations

from collections import defaultdict

import re

from transforms.extract.gazetteer import find_names, lineage, name_index, ordinary_short_names, regions
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
_MEDIA = re.compile(r"日报|晚报|早报|报社|融媒|之窗|新闻网|电视台|广播|大学|学院")
_TO_SEE = re.compile(r"[^。；;\n]{0,16}?(?:参观|考察|观摩|学习|取经|培训)")
# A lower level is chosen when it holds at least this share of its parent's weight.
DESCEND_SHARE = 0.5
_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _opens_word(text: str, start: int) -> bool:
    return start == 0 or not is_han(text[start - 1])


def _mentions(text: str, weight: float, in_title: bool, body: bool = False) -> list[tuple[list[str], float]]:
    """(candidate adcodes, weight) per place name found. A county's short name counts after its parent, in a title where
    it opens a word, or anywhere when no other division goes by it and it is no everyday word (振兴, 平安)."""
    found = []
    index, table, ordinary = name_index(), regions(), ordinary_short_names()
    lead_end = (m.end() if (m := _SENTENCE_END.search(text)) else len(text)) if body else 0
    for start, name in find_names(text):
        candidates = []
        for code, full in index[name]:
            region = table[code]
            if not full and region.level == "county" and not (in_title and _opens_word(text, start)):
                before = text[max(0, start - 8) : start]
                parents = [table[c] for c in lineage(code)[1:]]
                after_parent = any(before.endswith(p.name) or (len(p.name) > 2 and before.endswith(p.name[:2])) for p in parents)
                where = not body or start < lead_end  # a title, a source line, or the body's lead
                if not after_parent and (not where or name in ordinary or len(index[name]) > 1 or not _opens_word(text, start)):
                    continue
            candidates.append(code)
        if not candidates:
            continue
        here = weight
        if body:
            here = DATELINE_WEIGHT if start < DATELINE_CHARS else LEAD_WEIGHT if start < lead_end else BODY_WEIGHT
        if (_TRAVEL_TO.search(text, max(0, start - 14), start) and _TO_SEE.match(text, start + len(name))) or _MEDIA.match(
            text, start + len(name)
        ):
            here *= VENUE_WEIGHT
        found.append((candidates, here))
    return found


def resolve_place(title: str | None, metadata_lines: list[str], body: str) -> Place:
    mentions = []
    if title:
        mentions += _mentions(title, TITLE_WEIGHT, True)
    for line in metadata_lines:
        mentions += _mentions(line, META_WEIGHT, False)
    mentions += _mentions(body, BODY_WEIGHT, False, body=True)
    if not mentions:
        return Place()
    support: dict[str, float] = defaultdict(float)
    for candidates, weight in mentions:
        if len(candidates) == 1:
            for code in lineage(candidates[0]):
                support[code] += weight
    score: dict[str, float] = defaultdict(float)
    for candidates, weight in mentions:
        if len(candidates) > 1:
            backed = [c for c in candidates if any(support.get(a, 0) for a in lineage(c)[1:])]
            candidates = backed or candidates
        share = weight / len(candidates)
        for code in candidates:
            for ancestor in lineage(code):
                score[ancestor] += share
    table = regions()
    provinces = [c for c in score if table[c].level == "province"]
    chosen = max(provinces, key=lambda c: (score[c], c))
    while True:
        children = [c for c in score if table[c].parent == chosen]
        if not children:
            break
        best = max(children, key=lambda c: (score[c], c))
        if score[best] < DESCEND_SHARE * score[chosen]:
            break
        chosen = best
    region = table[chosen]
    return Place(adcode=region.adcode, province=region.province, city=region.city, county=region.county, level=region.level)
