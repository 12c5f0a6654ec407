"""The topic score: news of other kinds is off topic, the genre's reports, short or long, in either script, are on it."""

from collections import Counter
from pathlib import Path

import pytest

from transforms.clean.document import clean_batch
from transforms.extract.document import extract_document
from transforms.extract.segmenters import BACKENDS, segment
from transforms.extract.topic import ON_TOPIC, on_topic, topic_score, weights
from transforms.records import RawDocument

ARTICLES = Path(__file__).parent.parent / "fixtures" / "topic"
OFF = sorted((ARTICLES / "off").glob("*.txt"))
ON = sorted((ARTICLES / "on").glob("*.txt"))


def _extract(path: Path):
    text = path.read_text(encoding="utf-8")
    (doc,), outcomes = clean_batch([RawDocument(path.stem, path.name, text.encode(), "utf-8", text, "text")])
    assert not outcomes
    return doc, extract_document(doc)


def test_the_score_is_weighted_genre_words_per_thousand_characters():
    # 党员 weighs 1, 书记 0.5, 农村 0.25, and 足球 is not a genre word.
    assert topic_score(Counter({"党员": 2, "书记": 2, "农村": 4, "足球": 9}), 1000) == 4.0
    assert topic_score(Counter({"党员": 3}), 200) == 15.0
    assert topic_score(Counter(), 0) == 0.0
    assert (on_topic(4.999), on_topic(ON_TOPIC)) == (False, True)


def test_a_token_that_holds_a_genre_word_counts_as_it():
    # The dictionary keeps 农村党员 whole: a two-line report of members admitted would otherwise score 0.
    assert topic_score(Counter({"农村党员": 2}), 100) == 20.0
    assert topic_score(Counter({"党支部书记": 1}), 1000) >= 1.0
    assert topic_score(Counter({"足球场": 5}), 100) == 0.0


@pytest.mark.parametrize("path", OFF, ids=lambda p: p.stem)
def test_news_of_other_kinds_is_off_topic(path):
    _, x = _extract(path)
    assert x.on_topic is False
    assert x.topic_score < ON_TOPIC / 1.5  # a margin, not a near miss


def test_a_football_report_has_no_genre_word_yet_its_figures_are_still_extracted():
    _, x = _extract(ARTICLES / "off" / "football.txt")
    assert x.topic_score == 0.0
    assert ("3亿元", "元") in {(f.number_text, f.unit) for f in x.figures}


@pytest.mark.parametrize("path", ON, ids=lambda p: p.stem)
def test_the_genres_reports_are_on_topic(path):
    _, x = _extract(path)
    assert x.on_topic is True
    assert x.topic_score > 1.5 * ON_TOPIC


def test_a_traditional_script_report_is_scored_on_its_simplified_text():
    doc, x = _extract(ARTICLES / "on" / "traditional.txt")
    assert doc.script == "traditional" and "组织部" in doc.text
    assert x.on_topic is True


def test_every_seed_is_on_topic(extracted_seeds):
    assert {name: x.on_topic for name, x in extracted_seeds.items()} == dict.fromkeys(extracted_seeds, True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_genre_word_is_one_token_of_the_segmenter(backend):
    # The score counts tokens: a word the segmenter cuts in two would never be counted.
    assert [w for w in weights() if segment(w, backend) != [w]] == []
