"""Segmentation backends: both know the project's words and give the same keywords; long blocks are cut safely."""

import pytest

from transforms.extract.document import extract_document
from transforms.errors import UnknownSegmenter
from transforms.extract.segmenters import MAX_BLOCK, cutter, segment


def test_both_backends_know_the_party_building_words():
    """jieba's own dictionary cuts 村/党组织; the project's word list makes 村党组织 one word."""
    for backend in ("jieba", "rjieba"):
        assert segment("整顿软弱涣散村党组织，选派第一书记", backend) == ["整顿", "软弱涣散", "村党组织", "，", "选派", "第一书记"]


def test_keywords_are_the_same_with_either_backend(clean_seeds):
    for doc in clean_seeds.values():
        assert extract_document(doc, "rjieba").keywords == extract_document(doc, "jieba").keywords


def test_an_unknown_backend_is_refused_by_name():
    with pytest.raises(UnknownSegmenter, match="thulac"):
        segment("党建", "thulac")


def test_only_a_block_longer_than_max_block_is_cut_without_the_hmm():
    cut = cutter("rjieba")
    names = "李小龙张三丰郭靖"  # the HMM joins 郭靖, which the dictionary alone leaves as two characters
    short, long = names, names * (MAX_BLOCK // len(names) + 1)
    assert segment(f"全县{short}。", "rjieba") == cut(f"全县{short}。", True)
    assert segment(f"全县。{long}。", "rjieba") == cut("全县", True) + ["。"] + cut(long, False) + ["。"]
    assert cut(long, False) != cut(long, True)
