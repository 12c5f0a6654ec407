"""Keywords: TF-IDF weighted by jieba's IDF table, read without importing jieba.analyse."""

import subprocess
import sys
from collections import Counter

from helpers import ROOT
from transforms.extract.keywords import _idf, keywords


def test_the_idf_table_and_median_are_jieba_analyses():
    import jieba.analyse

    reference = jieba.analyse.TFIDF()
    idf, median, _ = _idf()
    assert idf == reference.idf_freq and median == reference.median_idf


def test_weights_follow_term_frequency_times_idf():
    idf, median, _ = _idf()
    found = dict(keywords(Counter(["党建", "党建", "组织", "the", "我们", "村"])))
    assert set(found) == {"党建", "组织"}  # not English, single characters or stop words
    expected = 2 * idf.get("党建", median) / idf["组织"]
    assert abs(found["党建"] / found["组织"] - expected) < 1e-4 and abs(sum(found.values()) - 1) < 1e-5


def test_extracting_keywords_does_not_load_jiebas_part_of_speech_tables():
    code = "from transforms.extract.keywords import keywords; import sys; keywords({'党建': 1}); print('jieba.posseg' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_a_full_memo_of_word_weights_is_emptied_without_changing_keywords(monkeypatch):
    tokens = Counter(["党建", "党建", "组织", "村", "振兴", "乡村", "振兴"])
    expected = keywords(tokens)
    monkeypatch.setattr("transforms.extract.keywords._WEIGHTS", {})
    monkeypatch.setattr("transforms.extract.keywords._WEIGHTS_MAX", 2)
    assert keywords(tokens) == expected
    from transforms.extract import keywords as module

    assert len(module._WEIGHTS) <= 2
