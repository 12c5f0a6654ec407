"""Word segmentation backends: jieba, the reference, and rjieba (jieba-rs: the same dictionary and algorithm in Rust).

Both load jieba's dictionary plus the project's party-building words. `agreement` measures how often rjieba cuts
a text exactly where jieba does. rjieba is the default because it cut every Chinese token of the seeds and of a
2,000-article scale corpus (1.7 million Chinese tokens) exactly as jieba does, about 20 times faster; the two differ
only inside runs of Latin letters and digits, which keywords ignore.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

BACKENDS = ("jieba", "rjieba")
DEFAULT = "rjieba"
DOMAIN_WORDS = Path(__file__).parent / "reference" / "domain_words.txt"

# jieba's HMM for unknown words copies its path at every character, so its cost grows with the square of a
# block's length. A block is what jieba itself cuts apart (a run of these characters), so cutting block by block
# gives the same tokens; a block longer than any real sentence is cut by the dictionary alone.
_BLOCK_CHARS = r"\u4E00-\u9FD5a-zA-Z0-9+#&._%\-"
_BLOCK_SPLIT = re.compile(rf"([^{_BLOCK_CHARS}]+)")
MAX_BLOCK = 200
# Found without splitting the text (splitting took a third as long as cutting it): a block's first character
# followed by MAX_BLOCK more.
_LONG_BLOCK = re.compile(rf"(?<![{_BLOCK_CHARS}])[{_BLOCK_CHARS}]{{{MAX_BLOCK + 1}}}")


class UnknownSegmenter(ValueError):
    """A segmenter name that is not one of BACKENDS."""


def configured() -> str:
    """The backend named by DANGJIAN_SEGMENTER, DEFAULT when unset."""
    name = os.environ.get("DANGJIAN_SEGMENTER", DEFAULT)
    if name not in BACKENDS:
        raise UnknownSegmenter(f"DANGJIAN_SEGMENTER={name!r}: choose one of {', '.join(BACKENDS)}")
    return name


def _domain_words() -> list[tuple[str, int, str]]:
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
        for word, freq, tag in _domain_words():
            tokenizer.add_word(word, freq, tag)
        return lambda text, hmm: tokenizer.lcut(text, HMM=hmm)
    if backend == "rjieba":
        import rjieba

        fast = rjieba.Jieba()
        for word, freq, tag in _domain_words():
            fast.add_word(word, freq, tag)
        return lambda text, hmm: fast.cut(text, hmm)
    raise UnknownSegmenter(f"unknown segmenter {backend!r}: choose one of {', '.join(BACKENDS)}")


def segment(text: str, backend: str = DEFAULT) -> list[str]:
    cut = cutter(backend)
    if not _LONG_BLOCK.search(text):
        return cut(text, True)
    return [token for block in _BLOCK_SPLIT.split(text) if block for token in cut(block, len(block) <= MAX_BLOCK)]


def _spans(tokens: list[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for token in tokens:
        spans.add((pos, pos + len(token)))
        pos += len(token)
    return spans


def agreement(texts: list[str], backend: str = "rjieba", reference: str = "jieba") -> dict:
    """Share of the reference's tokens that the backend cuts at the same two offsets, overall and on Chinese tokens,
    the share of texts cut identically, and a few differing tokens for a reader to judge."""
    same = total = same_han = total_han = identical = 0
    differing: list[str] = []
    for text in texts:
        ours, theirs = segment(text, reference), segment(text, backend)
        identical += ours == theirs
        spans = _spans(theirs)
        pos = 0
        for token in ours:
            hit = (pos, pos + len(token)) in spans
            han = bool(re.fullmatch(r"[\u4e00-\u9fff]+", token))
            same, total = same + hit, total + 1
            same_han, total_han = same_han + (hit and han), total_han + han
            if not hit and len(differing) < 20:
                differing.append(token)
            pos += len(token)
    return {
        "backend": backend,
        "reference": reference,
        "texts": len(texts),
        "texts_identical": identical,
        "tokens": total,
        "token_agreement": round(same / total, 6) if total else 1.0,
        "chinese_tokens": total_han,
        "chinese_token_agreement": round(same_han / total_han, 6) if total_han else 1.0,
        "differing_examples": differing,
    }
