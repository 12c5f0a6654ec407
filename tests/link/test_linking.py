"""Republished articles: fingerprints, linking copies to originals, and loading their figures once."""

import re

import numpy as np

from transforms.link.fingerprints import PERMUTATIONS, figure_keys, fingerprint
from transforms.link.linking import BANDS, SCORED, band_keys, figure_key_rows, link_copies, similarity
from transforms.records import Candidate

BODY = (
    "近年来,某县坚持把抓党建促乡村振兴作为重要任务,整顿软弱涣散村党组织12个,选派第一书记35名,"
    "培训村干部1200余人次,投入资金660余万元新建村级活动场所8个。全县建立村级后备干部库,储备后备力量300名,"
    "发展农村党员90名,村党组织书记平均年龄下降5.5岁,大专以上学历占比提高17.3个百分点。"
)


def republish(text: str) -> str:
    """What another site does to an article: its own header, a dropped sentence, its own footer."""
    sentences = text.split("。")
    return "转载自市委组织部网站\n" + "。".join(sentences[:1] + sentences[2:]) + "\n责任编辑:王某"


def test_copies_score_high_and_different_articles_low(clean_seeds):
    texts = [doc.text for _, doc in sorted(clean_seeds.items())]
    prints = [fingerprint(t) for t in texts]
    assert all(similarity(fingerprint(republish(t)), p) >= 0.8 for t, p in zip(texts, prints))
    assert max(similarity(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]) < 0.2


def test_fingerprint_ignores_punctuation_and_white_space():
    assert fingerprint(BODY) == fingerprint(BODY.replace(",", ", ").replace("。", "。\n"))


def test_copies_link_to_the_earliest_and_known_documents_win():
    fp, other = fingerprint(BODY * 3), fingerprint("完全不同的一篇文章,讲述党员教育培训的做法与成效。" * 5)
    new = [
        Candidate("late", "b.txt", fp, ("2022-05-01", "b.txt")),
        Candidate("early", "a.txt", fp, ("2022-04-01", "a.txt")),
        Candidate("unrelated", "c.txt", other, ("2022-01-01", "c.txt")),
    ]
    assert [(link.doc_id, link.original) for link in link_copies(new, [])] == [("late", "early")]
    links = link_copies(new, [Candidate("loaded", "old.txt", fp)])
    assert sorted((link.doc_id, link.original, link.original_file) for link in links) == [
        ("early", "loaded", "old.txt"),
        ("late", "loaded", "old.txt"),
    ]


def next_year(text: str) -> str:
    """The same report a year on: the template kept, every number moved."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text)


def test_a_copy_must_report_its_originals_figures_when_both_have_enough_of_them():
    fp = fingerprint(BODY * 3)
    keys = np.array(figure_keys([(12, "个"), (35, "人"), (1200, "人次"), (6600000, "元")]))
    moved = np.array(figure_keys([(13, "个"), (36, "人"), (1300, "人次"), (6600000, "元")]))  # one of four shared
    edited = np.array(figure_keys([(12, "个"), (35, "人"), (1300, "人次")]))  # two of three shared
    few = np.array(figure_keys([(13, "个"), (36, "人")]))
    known = [Candidate("old", "old.txt", fp, figures=keys)]

    def linked(figures):
        return [x.original for x in link_copies([Candidate("new", "new.txt", fp, ("1",), figures)], known)]

    assert linked(moved) == []
    assert linked(edited) == ["old"]
    assert linked(few) == linked(None) == ["old"]  # too few figures, or none known: the wording decides


def test_figure_keys_read_back_per_row_from_a_sliced_column_with_nulls():
    import pyarrow as pa

    column = pa.chunked_array([pa.array([[1, 2], [3], None, [4, 5, 6]], pa.list_(pa.int64())).slice(1)])
    assert [None if row is None else row.tolist() for row in figure_key_rows(column)] == [[3], None, [4, 5, 6]]


def test_band_keys_agree_exactly_where_whole_bands_agree():
    rng = np.random.default_rng(3)
    a = rng.integers(-(2**62), 2**62, PERMUTATIONS)
    b = a.copy()
    b[5] += 1  # one value of band 1 differs
    c = np.roll(a, PERMUTATIONS // BANDS)  # a's bands, each moved to the next band's place
    keys = band_keys(np.stack([a, b, c]))
    assert keys.shape == (3, BANDS) and keys.dtype == np.int64
    assert (keys[0] == keys[1]).tolist() == [i != 1 for i in range(BANDS)]
    assert not set(keys[0].tolist()) & set(keys[2].tolist())  # equal values in another band are another key
    assert len(set(keys[0].tolist())) == BANDS


def test_a_copy_of_a_known_document_and_of_a_new_one_in_the_same_run():
    fp, other = fingerprint(BODY * 3), fingerprint("完全不同的一篇文章,讲述党员教育培训的做法与成效。" * 5)
    known = [Candidate("old", "old.txt", other)]
    new = [Candidate("first", "a.txt", fp, ("1",)), Candidate("second", "b.txt", fp, ("2",)), Candidate("again", "c.txt", other, ("3",))]
    assert [(x.doc_id, x.original) for x in link_copies(new, known)] == [("second", "first"), ("again", "old")]


def test_a_copy_finds_its_original_among_many_articles_sharing_boilerplate_bands():
    rng = np.random.default_rng(7)
    original = rng.integers(0, 2**40, PERMUTATIONS)
    copy = original.copy()
    copy[:8] = rng.integers(0, 2**40, 8)  # two bands edited: 56 of 64 values kept, similarity 0.875
    rows = PERMUTATIONS // BANDS
    decoys = []
    for i in range(3 * SCORED):  # each shares one band with the copy, and is indexed before the original
        values = rng.integers(0, 2**40, PERMUTATIONS)
        band = 2 + i % (BANDS - 2)
        values[band * rows : (band + 1) * rows] = copy[band * rows : (band + 1) * rows]
        decoys.append(Candidate(f"decoy{i}", f"decoy{i}.txt", values))
    links = link_copies([Candidate("copy", "copy.txt", copy)], decoys + [Candidate("orig", "orig.txt", original)])
    assert [(x.doc_id, x.original, x.similarity) for x in links] == [("copy", "orig", 0.875)]


def test_republished_copies_are_linked_and_their_figures_loaded_once(flow, seed_copy, warehouse_path):
    import duckdb

    original = seed_copy / "004_f0b9b5786d70c5d5.txt"
    text = original.read_text(encoding="utf-8")
    (seed_copy / "republished on another site.txt").write_text(republish(text), encoding="utf-8")
    summary = flow(str(seed_copy), str(warehouse_path))
    assert (summary["files_loaded"], summary["files_duplicate"]) == (5, 1)

    (seed_copy / "later copy.txt").write_text("来源:某某新闻网\n" + text.replace("\n\n", "\n"), encoding="utf-8")
    later = flow(str(seed_copy), str(warehouse_path))
    assert (later["files_loaded"], later["files_duplicate"], later["metrics_loaded"]) == (0, 1, 0)

    con = duckdb.connect(str(warehouse_path), read_only=True)
    copies = con.execute(
        """SELECT c.source_file, o.source_file FROM core.dim_document c JOIN core.dim_document o ON o.doc_id = c.duplicate_of
           ORDER BY 1"""
    ).fetchall()
    assert copies == [("later copy.txt", original.name), ("republished on another site.txt", original.name)]
    assert con.execute(
        "SELECT count(*) FROM core.fact_metric m JOIN core.dim_document d USING (doc_id) WHERE d.duplicate_of IS NOT NULL"
    ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM mart.v_metrics").fetchone()[0] == summary["metrics_loaded"]
    outcomes = con.execute("SELECT reason, detail FROM ops.file_outcome WHERE outcome = 'duplicate' ORDER BY source_file").fetchall()
    assert [reason for reason, _ in outcomes] == ["near duplicate", "near duplicate"]
    assert all(detail.startswith(original.name) for _, detail in outcomes)


def test_next_years_report_on_the_same_template_is_loaded_not_linked(flow, seed_copy, warehouse_path):
    import duckdb

    text = (seed_copy / "002_83678aa3680bf49c.txt").read_text(encoding="utf-8")
    assert similarity(fingerprint(text), fingerprint(next_year(text))) >= 0.8  # the wording alone passes for a copy
    first = flow(str(seed_copy), str(warehouse_path))
    (seed_copy / "next year.txt").write_text(next_year(text), encoding="utf-8")
    later = flow(str(seed_copy), str(warehouse_path))
    assert (later["files_loaded"], later["files_duplicate"]) == (1, 0)
    con = duckdb.connect(str(warehouse_path), read_only=True)
    per_file = dict(con.execute("SELECT source_file, count(*) FROM mart.v_metrics GROUP BY 1").fetchall())
    assert per_file["next year.txt"] == per_file["002_83678aa3680bf49c.txt"] > 0
    assert con.execute("SELECT count(*) FROM core.dim_document WHERE duplicate_of IS NOT NULL").fetchone()[0] == 0
    assert first["metrics_loaded"] + later["metrics_loaded"] == sum(per_file.values())
