"""Keywords by TF-IDF: jieba segmentation with a party-building user dictionary, weighted by jieba's IDF table."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

DOMAIN_WORDS = Path(__file__).parent / "reference" / "domain_words.txt"
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_EXTRA_STOP = {"我们", "进一步", "不断", "全面", "深入", "积极", "切实", "持续", "推动", "推进", "加强", "坚持", "开展", "工作", "实现", "提升", "建设"}


@lru_cache(maxsize=1)
def tokenizer():
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.load_userdict(str(DOMAIN_WORDS))
    return tok


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float, frozenset[str]]:
    import jieba.analyse

    tfidf = jieba.analyse.TFIDF()
    return tfidf.idf_freq, tfidf.median_idf, frozenset(tfidf.stop_words) | _EXTRA_STOP


# jieba's HMM for unknown words copies its path at every character, so its cost grows with the square of a
# block's length. A block is what jieba itself cuts apart (a run of these characters), so cutting block by block
# gives the same tokens; a block longer than any real sentence is cut by the dictionary alone.
_BLOCK_SPLIT = re.compile(r"([^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+)")
MAX_BLOCK = 200


def segment(text: str) -> list[str]:
    cut = tokenizer().lcut
    blocks = _BLOCK_SPLIT.split(text)
    if max(map(len, blocks)) <= MAX_BLOCK:
        return cut(text)
    return [token for block in blocks if block for token in cut(block, HMM=len(block) <= MAX_BLOCK)]


def keywords(tokens: list[str], top: int = 20) -> list[tuple[str, float]]:
    """Top words by term frequency times inverse document frequency, weights normalised to sum 1 over the top list."""
    idf, median, stop = _idf()
    counts = Counter(t for t in tokens if _HAN_WORD.match(t) and t not in stop)
    total = sum(counts.values()) or 1
    scored = sorted(((n / total * idf.get(w, median), w) for w in counts for n in [counts[w]]), reverse=True)[:top]
    norm = sum(s for s, _ in scored) or 1.0
    return [(w, round(s / norm, 6)) for s, w in scored]
