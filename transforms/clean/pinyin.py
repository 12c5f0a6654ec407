"""Remove pinyin that converters insert after characters, e.g. 設(shè) -> 設."""

from __future__ import annotations

import re

from transforms.chars import HAN, TONED, TONELESS
from transforms.clean.offsets import MappedText

_PLAIN = str.maketrans(TONED, TONELESS)
# Opens with a lookahead on the bracket so that the engine skips ahead instead of trying the lookbehind everywhere.
_ANNOTATION = re.compile(rf"(?=[(（])(?<=[{HAN}])[(（]([a-z{TONED}]{{1,7}})[)）]")
_SYLLABLE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn|ia|ie|iu|ua|uo|ue|ui|ve|er|a|o|e|i|u|v)"
    r"(?:r)?$|^(?:n|m|ng|hm|hng)$"
)


def is_pinyin(word: str) -> bool:
    return bool(_SYLLABLE.match(word.translate(_PLAIN)))


def remove_annotations(doc: MappedText) -> tuple[MappedText, int]:
    """Drop '(syllable)' right after a Han character; genuine parentheses hold Han text and stay."""
    edits = [(m.start(), m.end(), "") for m in _ANNOTATION.finditer(doc.text) if is_pinyin(m.group(1))]
    return doc.edit(edits), len(edits)
