"""Decide which place an article is about: the most specific division its mentions concentrate on."""

from __future__ import annotations

from collections import defaultdict

from transforms.extract.gazetteer import find_names, lineage, name_index, regions
from transforms.records import Place
from transforms.chars import is_han

# How much one mention counts, by where it stands.
TITLE_WEIGHT, META_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
# A lower level is chosen when it holds at least this share of its parent's weight.
DESCEND_SHARE = 0.5


def _opens_word(text: str, start: int) -> bool:
    return start == 0 or not is_han(text[start - 1])


def _mentions(text: str, weight: float, in_title: bool) -> list[tuple[list[str], float]]:
    """(candidate adcodes, weight) per place name found; a short county name counts only after its parent, or in a
    title where it opens a word."""
    found = []
    index, table = name_index(), regions()
    for start, name in find_names(text):
        candidates = []
        for code, full in index[name]:
            region = table[code]
            # A title may name its county short ("湄潭：..."), but only where the name opens a word: "振兴" in
            # "抓党建促乡村振兴" ends one, and is a district of Dandong only after "丹东".
            if not full and region.level == "county" and not (in_title and _opens_word(text, start)):
                before = text[max(0, start - 8) : start]
                parents = [table[c] for c in lineage(code)[1:]]
                if not any(before.endswith(p.name) or (len(p.name) > 2 and before.endswith(p.name[:2])) for p in parents):
                    continue
            candidates.append(code)
        if candidates:
            found.append((candidates, weight))
    return found


def resolve_place(title: str | None, metadata_lines: list[str], body: str) -> Place:
    mentions = []
    if title:
        mentions += _mentions(title, TITLE_WEIGHT, True)
    for line in metadata_lines:
        mentions += _mentions(line, META_WEIGHT, False)
    mentions += _mentions(body, BODY_WEIGHT, False)
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
