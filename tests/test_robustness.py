"""Cleaning and extraction on hostile text: no exception on any input, and time that grows with the input, not faster.

The 1 MB lines are shaped to make a careless regular expression or segmenter backtrack or copy: each one took
minutes to hours before its stage was bounded, and takes seconds now.
"""

import signal
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import mutated_sentence
from transforms.ingest.decoding import decode
from transforms.errors import TerminalInputError
from transforms.records import RawDocument
from transforms.batch import clean_and_extract

PROSE = "全县培训党员干部1.2万人次，整顿软弱涣散村党组织29个，选派第一书记56名，投入村级活动场所建设资金660余万元。"
MEGABYTE = 1_000_000
SECONDS_PER_MEGABYTE = 40  # the slowest of these lines takes about 12 s here


def _doc(text: str, media_type: str) -> RawDocument:
    return RawDocument(doc_id="x", source_file="x." + ("html" if media_type == "html" else "txt"), content=b"", encoding="utf-8",
                       text=text, media_type=media_type)


def _check(doc: RawDocument) -> None:
    clean, outcomes, extractions, _ = clean_and_extract([doc])
    assert len(clean) + len(outcomes) == 1
    for c, x in zip(clean, extractions):
        assert all(0 <= i < len(doc.text) for i in c.origin)
        for f in x.figures:
            assert c.text[f.start : f.end] == f.number_text
            assert f.evidence in c.text


markup = st.lists(st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<!--", "-->", "<style>", "&amp;", "&#", "<br/>", "<div class='x'>", PROSE]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=2000), mutated_sentence().map(lambda s: "\n".join([PROSE, s, PROSE])), markup.map("".join)),
       st.sampled_from(["text", "html"]))
def test_clean_and_extract_never_crash_on_any_text(text, media_type):
    _check(_doc(text, media_type))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4000))
def test_decoding_any_bytes_gives_text_or_a_reason(data):
    try:
        text, encoding = decode(data)
    except TerminalInputError as exc:
        assert exc.reason
    else:
        assert isinstance(text, str) and encoding


ADVERSARIAL = {
    "one Chinese character repeated (the segmenter's HMM)": ("党", "text"),
    "digits and points": ("1.", "text"),
    "opened quotes with numerals (practice names)": ("“三", "text"),
    "almost an e-mail address": ("a.b@", "text"),
    "pinyin openers": ("設(", "text"),
    "ranges without an end": ("1至", "text"),
    "unclosed comments": ("<!--", "html"),
    "unclosed scripts": ("<script>", "html"),
    "unclosed tags": ("<p", "html"),
}


@pytest.mark.parametrize("unit, media_type", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_a_one_megabyte_adversarial_line_takes_bounded_time(unit, media_type):
    line = unit * (MEGABYTE // len(unit))

    def overtime(*_):
        raise TimeoutError(f"over {SECONDS_PER_MEGABYTE} s on a 1 MB line")

    previous = signal.signal(signal.SIGALRM, overtime)  # a quadratic stage would otherwise run for hours
    signal.alarm(SECONDS_PER_MEGABYTE)
    started = time.perf_counter()
    try:
        _check(_doc("\n".join([PROSE, line, PROSE]), media_type))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - started < SECONDS_PER_MEGABYTE
