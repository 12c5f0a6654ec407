"""Hypothesis strategies shared by the property tests: the seeds' sentences, mutated."""

import re

from hypothesis import strategies as st

from helpers import SEEDS

FRAGMENTS = ["培训", "党员", "万元", "余", "名", "个", "人次", "—", "至", "约", "“", "”", "第", "一", "两", "百分点", "%", "增长", "下降", ",", "。"]
SENTENCES = [
    s for p in sorted(SEEDS.iterdir()) for s in re.split(r"[。\n]", p.read_text(encoding="utf-8")) if re.search(r"\d", s)
]


@st.composite
def mutated_sentence(draw):
    """A real sentence with characters deleted, replaced or inserted."""
    chars = list(draw(st.sampled_from(SENTENCES)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        # Characters UTF-8 can hold: decoded text never has a lone surrogate (transforms/decoding.py decodes strictly).
        piece = draw(st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 9999).map(str), st.characters(codec="utf-8")))
        if action == "insert":
            chars[at:at] = list(piece)
        elif chars and at < len(chars):
            chars[at : at + 1] = [] if action == "delete" else list(piece)
    return "".join(chars)
