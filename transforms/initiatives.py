"""Named initiatives: the quoted practices reports are full of (“行动支部”, “三分类三提升”, “12580”党建工作法)."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"“([^“”\n]{2,16})”")
_NAME_SUFFIX = re.compile(
    r"(?:党建工作法|工作法|工作机制|机制|模式|行动|工程|品牌|活动|制度|体系|平台|支部|党支部|示范村|计划|服务|经验|之家|清单|项目)"
)
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千双]")
_NOT_NAME = re.compile(r"[,，。;；!！?？、]|^[\u4e00-\u9fff]$")


def _is_initiative(inner: str, suffix: str) -> bool:
    if _NOT_NAME.search(inner) or len(re.findall(r"[\u4e00-\u9fff\d+]", inner)) < 2:
        return False
    return bool(suffix) or bool(_NUMERAL.search(inner)) or bool(_NAME_SUFFIX.search(inner[-3:])) or "+" in inner


def find_initiatives(text: str) -> list[tuple[str, int, int]]:
    """(name, mentions, first offset) per initiative, in order of first mention."""
    found: dict[str, list[int]] = {}
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        suffix_match = _NAME_SUFFIX.match(text, m.end())
        suffix = suffix_match.group() if suffix_match and not inner.endswith(suffix_match.group()) else ""
        if not _is_initiative(inner, suffix):
            continue
        name = inner + suffix
        found.setdefault(name, []).append(m.start())
    return [(name, len(offsets), offsets[0]) for name, offsets in found.items()]
