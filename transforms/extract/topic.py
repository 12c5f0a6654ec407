"""Whether a document is about rural party building: its genre's words per 1,000 characters, weighted."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from transforms.extract.segmenters import domain_words

TOPIC_WORDS = Path(__file__).parent / "reference" / "topic_words.txt"
# News of other kinds that touches the countryside (a harvest, a village festival) scores a few points; the genre's
# shortest and most loosely worded reports score twice this or more.
ON_TOPIC = 5.0


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """Each genre word's weight: the segmenter's domain words 1, unless topic_words.txt weighs them, and its words."""
    found = {word: 1.0 for word, _, _ in domain_words()}
    for line in TOPIC_WORDS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, weight = line.split()
            found[word] = float(weight)
    return found


@lru_cache(maxsize=1)
def _genre_word() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, weights()), key=len, reverse=True)))


@lru_cache(maxsize=200_000)
def _held_weight(token: str) -> float:
    """For a token that is no genre word but holds some (the dictionary's 农村党员, 发展党员), the largest weight."""
    words = weights()
    return max((words[m.group()] for m in _genre_word().finditer(token)), default=0.0)


def topic_score(counts: Mapping[str, int], length: int) -> float:
    """Weighted genre words per 1,000 characters of a text `length` characters long whose tokens are `counts`.

    Counted on the tokens extraction cuts for keywords anyway: a pass of its own over the text, even one regular
    expression, costs a visible share of extraction. The segmenter keeps each genre word whole.
    """
    words = weights()
    exact = counts.keys() & words.keys()
    found = sum(words[token] * counts[token] for token in exact)
    # a genre word has two characters at least, so only a longer token can hold one and be something else
    found += sum(_held_weight(token) * n for token, n in counts.items() if len(token) > 2 and token not in exact)
    return round(1000 * found / length, 3) if length else 0.0


def on_topic(score: float) -> bool:
    return score >= ON_TOPIC
