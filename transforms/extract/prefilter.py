"""Which of many regular expressions can match in a text, judged from the first two characters of their matches.

A pattern is searched in a sentence only when the sentence holds one of the strings every match of the pattern starts
with: one scan of the document for those strings replaces a search per pattern and sentence.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import reduce
from re import _constants as sre, _parser as sre_parser  # the pattern's parse tree: how its matches start

import numpy as np

from transforms.chars import code_points, known_pairs, pair_code

_DEPTH = 2
# Past this many starts a pattern's starts are cut to their first character: the index stays small.
_MAX_STARTS = 400
# A character class wider than this ([^，。]) tells nothing about where a match starts.
_MAX_CLASS = 256

# A parse item's openings: (string, whether the item ended within it so that the next item may extend it).
_Openings = set[tuple[str, bool]]


def _class_chars(av) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in av:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < _MAX_CLASS:
            chars.update(chr(x) for x in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars if len(chars) <= _MAX_CLASS else None


def _item(op, av) -> _Openings | None:
    """The openings of one parse item, None when they are not known."""
    if op is sre.LITERAL:
        return {(chr(av), True)}
    if op is sre.IN:
        chars = _class_chars(av)
        return None if chars is None else {(c, True) for c in chars}
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op is sre.BRANCH:
        out: _Openings = set()
        for branch in av[1]:
            if (openings := _sequence(branch)) is None:
                return None
            out |= openings
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        least, most, item = av
        if (inner := _sequence(item)) is None:
            return None
        if least == most == 1:
            return inner
        # How often the item repeats is not known here, so what follows it cannot extend an opening.
        repeated = {(s, False) for s, _ in inner}
        return repeated | {("", True)} if least == 0 else repeated
    return None


def _sequence(items) -> _Openings | None:
    openings: _Openings = {("", True)}
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: the next item opens the match
            continue
        if not any(open_ and len(s) < _DEPTH for s, open_ in openings):
            break
        item = _item(op, av)
        extended: _Openings = set()
        for s, open_ in openings:
            if not open_ or len(s) >= _DEPTH:
                extended.add((s, open_))
            elif item is None:
                if not s:
                    return None
                extended.add((s, False))
            else:
                extended.update(((s + t)[:_DEPTH], more and len(s + t) < _DEPTH) for t, more in item)
        openings = extended
        if len(openings) > _MAX_STARTS:
            openings = {(s[:1], False) for s, _ in openings}
    return openings


def starts(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings of one or two characters one of which begins every non-empty match; None when not known."""
    openings = _sequence(sre_parser.parse(pattern.pattern, pattern.flags))
    if openings is None or any(not s for s, _ in openings) or pattern.flags & re.IGNORECASE:
        return None
    return frozenset(s for s, _ in openings)


class Prefilter:
    """Which patterns may match in a stretch of a text, in the order the patterns were given.

    A text is scanned once for every pair of characters that opens some pattern's matches (numpy over its code
    points); a stretch of it is then answered from the pairs that fall inside.
    """

    def __init__(self, patterns: Iterable[tuple[str, re.Pattern]]):
        self._keys: list[str] = []
        self._always = 0  # one bit per pattern, in order
        self._singles: dict[str, int] = {}
        pairs: dict[int, int] = {}
        for bit, (key, pattern) in enumerate(patterns):
            self._keys.append(key)
            if (found := starts(pattern)) is None:
                self._always |= 1 << bit
            for start in found or ():
                if len(start) == 1:
                    self._singles[start] = self._singles.get(start, 0) | 1 << bit
                else:
                    code = pair_code(start)
                    pairs[code] = pairs.get(code, 0) | 1 << bit
        self._pairs = np.array(sorted(pairs), dtype=np.uint64)
        self._pair_bits = [pairs[code] for code in sorted(pairs)]

    def scan(self, text: str) -> Scanned:
        at, found = known_pairs(code_points(text), self._pairs)
        return Scanned(self, text, at.tolist(), [self._pair_bits[i] for i in found.tolist()])

    def keys(self, text: str) -> list[str]:
        return self.scan(text).keys(0, len(text))

    def _bits(self, text: str, pair_bits: list[int]) -> int:
        bits = reduce(operator.or_, pair_bits, self._always)
        for char in self._singles.keys() & set(text):
            bits |= self._singles[char]
        return bits

    def _named(self, bits: int) -> list[str]:
        found = []
        while bits:
            lowest = bits & -bits
            found.append(self._keys[lowest.bit_length() - 1])
            bits ^= lowest
        return found


class Scanned:
    """A text scanned by a prefilter: the patterns that may match in any stretch of it."""

    def __init__(self, prefilter: Prefilter, text: str, at: list[int], bits: list[int]):
        self._prefilter, self._text, self._at, self._bits = prefilter, text, at, bits

    def keys(self, start: int, end: int) -> list[str]:
        """The keys of the patterns that may match in text[start:end]."""
        first, last = bisect_left(self._at, start), bisect_left(self._at, end - 1)
        return self._prefilter._named(self._prefilter._bits(self._text[start:end], self._bits[first:last]))
