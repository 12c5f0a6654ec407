"""Named initiatives: the quoted practices reports are full of (“行动支部”, “三分类三提升”, “12580”党建工作法)."""

from __future__ import annotations

import re

from transforms.chars import HAN

_QUOTED = re.compile(r"“([^“”\n]{2,16})”")
_SUFFIXES = (
    r"党建工作法|工作法|工作体系|工作机制|工作模式|工作思路|治理模式|机制|模式|行动|工程|品牌|活动|制度|体系|平台|支部|党支部"
    r"|示范村|计划|服务|经验|之家|清单|项目|做法|举措"
)
_NAME_SUFFIX = re.compile(rf"(?:{_SUFFIXES})")
# A name may run on past the closing quote (“133”党建引领基层治理模式) as long as no particle or verb breaks it.
_CONTINUATION = re.compile(rf"[^\W\d的和与及等在是为对把将向从了着过地得]{{0,10}}?(?:{_SUFFIXES})")
_HAN = re.compile(f"[{HAN}]")
_NAME_CHAR = re.compile(rf"[{HAN}\d+]")
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千双]")
_NOT_NAME = re.compile(f"[,，。;；!！?？、]|^[{HAN}]$")


def _is_initiative(inner: str, suffix: str) -> bool:
    if _NOT_NAME.search(inner) or len(_NAME_CHAR.findall(inner)) < 2:
        return False
    if suffix or "+" in inner or _NAME_SUFFIX.search(inner[-4:]):
        return True
    # Numbered formulas lead with their numeral (三分类三提升, 12580) or repeat it (一村一品); a single numeral
    # inside a phrase is a quantity or a proper name (最后一公里, 干在一线), not a formula.
    numerals = _NUMERAL.findall(inner)
    return bool(numerals) and (_NUMERAL.match(inner) is not None or len(numerals) >= 2)


def find_initiatives(text: str) -> list[tuple[str, int, int]]:
    """(name, mentions, first offset) per initiative, in order of first mention."""
    found: dict[str, list[int]] = {}
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        run_on = _CONTINUATION.match(text, m.end())
        suffix = run_on.group() if run_on else ""
        if not _is_initiative(inner, suffix):
            continue
        # The quoted words are the practice's name (“三会一课”制度 and “三会一课” are one practice); a bare
        # code such as “12580” only means something with the words that follow it.
        name = inner if _HAN.search(inner) else inner + suffix
        found.setdefault(name, []).append(m.start())
    return [(name, len(offsets), offsets[0]) for name, offsets in found.items()]
