"""Normalise character forms and white space, one character to one where possible."""

from __future__ import annotations

import re

from transforms.clean.offsets import MappedText

# Full-width letters, digits and arithmetic signs become ASCII so that numbers parse; Chinese punctuation
# (，。：；？！（）) is kept as written, because it carries sentence structure and marks garble ('?').
_TABLE: dict[int, str] = {}
for _code in range(0xFF10, 0xFF1A):
    _TABLE[_code] = chr(_code - 0xFEE0)
for _code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):
    _TABLE[_code] = chr(_code - 0xFEE0)
for _fw in "％＋－．／＠＃＆＝～＜＞":
    _TABLE[ord(_fw)] = chr(ord(_fw) - 0xFEE0)
for _space in "\u3000\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t\f\v":
    _TABLE[ord(_space)] = " "
for _dash in "\u2010\u2011\u2012\u2013\u2212\ufe63":
    _TABLE[ord(_dash)] = "-"
for _code, _ch in {"\u2014": "—", "\u2015": "—", "\uff5e": "~", "\u301c": "~"}.items():
    _TABLE[ord(_code)] = _ch

_INVISIBLE = re.compile(r"[\r\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Replacing the few characters to fold (a handful an article) is many times faster than str.translate,
# which looks up every character of the text in the table.
_FOLD = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")


def _fold(m: re.Match) -> str:
    return _TABLE[ord(m.group())]


def normalize(doc: MappedText) -> MappedText:
    doc = doc.edit((m.start(), m.end(), "") for m in _INVISIBLE.finditer(doc.text))
    return MappedText(_FOLD.sub(_fold, doc.text), doc.origin)  # one character for one: the origins stay
