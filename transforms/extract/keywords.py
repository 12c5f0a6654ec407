"""Keywords by TF-IDF over segmented text (segmenters.py), weighted by jieba's IDF table."""

from __future__ import annotations

import heapq
import importlib.util
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from transforms.chars import HAN

_HAN_WORD = re.compile(f"^[{HAN}]{{2,}}$")
# Words seen so far -> their IDF if they can be keywords, else None: a corpus repeats its vocabulary, and testing
# each distinct word of an article again cost more than counting its tokens. Emptied when full.
_WEIGHTS: dict[str, float | None] = {}
_WEIGHTS_MAX = 200_000
_UNSEEN = object()
_EXTRA_STOP = {"我们", "进一步", "不断", "全面", "深入", "积极", "切实", "持续", "推动", "推进", "加强", "坚持", "开展", "工作", "实现", "提升", "建设"}


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float, frozenset[str]]:
    """jieba's IDF table and its median, read as jieba.analyse reads them.

    Read directly: importing jieba.analyse also loads jieba.posseg's HMM tables into every worker process,
    and its stop words are English ones that never pass _HAN_WORD.
    """
    path = Path(importlib.util.find_spec("jieba").submodule_search_locations[0]) / "analyse" / "idf.txt"
    fields = iter(path.read_text(encoding="utf-8").split())  # "word idf" per line, parsed in one pass
    idf = dict(zip(fields, map(float, fields)))
    return idf, sorted(idf.values())[len(idf) // 2], frozenset(_EXTRA_STOP)


def _weight(word: str) -> float | None:
    """The word's IDF if it can be a keyword (two or more Han characters, not a stop word), else None."""
    idf, median, stop = _idf()
    return idf.get(word, median) if word not in stop and _HAN_WORD.match(word) else None


def keywords(counts: Mapping[str, int], top: int = 20) -> list[tuple[str, float]]:
    """Top words by term frequency times inverse document frequency, weights normalised to sum 1 over the top list.

    Given the tokens counted, not the tokens: an article has a few hundred distinct words among its thousand-odd
    tokens, and the topic score reads the same counts."""
    counted = []
    for word, n in counts.items():
        # One lookup, not a test and then a lookup: a Dask worker may run batches in several threads, one of which may
        # empty the memo in between.
        weight = _WEIGHTS.get(word, _UNSEEN)
        if weight is _UNSEEN:
            if len(_WEIGHTS) >= _WEIGHTS_MAX:
                _WEIGHTS.clear()
            weight = _WEIGHTS[word] = _weight(word)
        if weight is not None:
            counted.append((word, n, weight))
    total = sum(n for _, n, _ in counted) or 1
    scored = heapq.nlargest(top, [(n / total * weight, word) for word, n, weight in counted])
    norm = sum(s for s, _ in scored) or 1.0
    return [(w, round(s / norm, 6)) for s, w in scored]
