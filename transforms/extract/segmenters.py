"""Word segmentation backends: jieba, the reference, and rjieba (jieba-rs: the same dictionary and algorithm in Rust).

Both load jieba's dictionary plus the project's party-building words. rjieba is the default: it cuts Chinese text
exactly where jieba does, many times faster (`dangjian agreement` measures it; BENCHMARKS.md has the figures); the two
differ only inside runs of Latin letters and digits, which keywords ignore.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from transforms.errors import UnknownSegmenter

BACKENDS = ("jieba", "rjieba")
DEFAULT = "rjieba"
DOMAIN_WORDS = Path(__file__).parent / "reference" / "domain_words.txt"

# jieba's HMM for unknown words copies its path at every character, so its cost grows with the square of a
# block's length. A block is what jieba itself cuts apart (a run of these characters: jieba's re_han_default, whose Han
# range ends at U+9FD5, not transforms.chars.HAN), so cutting block by block gives the same tokens; a block longer than
# any real sentence is cut by the dictionary alone.
_BLOCK_CHARS = r"\u4E00-\u9FD5a-zA-Z0-9+#&._%\-"
_BLOCK_SPLIT = re.compile(rf"([^{_BLOCK_CHARS}]+)")
MAX_BLOCK = 200
# Found without splitting the text, which costs a good part of what cutting it does: a block's first character
# followed by MAX_BLOCK more.
_LONG_BLOCK = re.compile(rf"(?<![{_BLOCK_CHARS}])[{_BLOCK_CHARS}]{{{MAX_BLOCK + 1}}}")


def domain_words() -> list[tuple[str, int, str]]:
    rows = []
    for line in DOMAIN_WORDS.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        rows.append((word, int(freq), tag))
    return rows


@lru_cache(maxsize=None)
def cutter(backend: str) -> Callable[[str, bool], list[str]]:
    """cut(text, hmm) for the backend, its dictionary loaded once per process."""
    if backend == "jieba":
        import jieba

        jieba.setLogLevel(60)
        tokenizer = jieba.Tokenizer()
        for word, freq, tag in domain_words():
            tokenizer.add_word(word, freq, tag)
        return lambda text, hmm: tokenizer.lcut(text, HMM=hmm)
    if backend == "rjieba":
        import rjieba

        fast = rjieba.Jieba()
        for word, freq, tag in domain_words():
            fast.add_word(word, freq, tag)
        return lambda text, hmm: fast.cut(text, hmm)
    raise UnknownSegmenter(f"unknown segmenter {backend!r}: choose one of {', '.join(BACKENDS)}")


def segment(text: str, backend: str = DEFAULT) -> list[str]:
    cut = cutter(backend)
    if not _LONG_BLOCK.search(text):
        return cut(text, True)
    return [token for block in _BLOCK_SPLIT.split(text) if block for token in cut(block, len(block) <= MAX_BLOCK)]
