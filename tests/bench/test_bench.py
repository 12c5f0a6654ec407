"""dangjian bench on a tiny corpus: one bench through the command line, then the corpus reuse on its own.

The bench's three flow runs are child processes; they talk to this session's Prefect server (PREFECT_API_URL, set by
the harness) rather than each starting their own, which spares ~5 s a run (the start-up share is smaller than on the
command line).
"""

import json

import pytest
from click.testing import CliRunner

from bench.benchmark import change_files, prepare_corpus
from flows.cli import main

DOCS, SEED = 30, 3


@pytest.fixture(scope="module")
def bench(prefect_harness, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bench")
    args = ["bench", "--docs", str(DOCS), "--seed", str(SEED), "--workdir", str(workdir), "--json", str(workdir / "out.json")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return workdir, result.output, json.loads((workdir / "out.json").read_text(encoding="utf-8"))


def test_prints_a_summary_and_writes_every_field(bench):
    _, output, report = bench
    assert "docs/s" in output and "jieba floor" in output and output.rstrip().endswith("out.json")
    assert set(report) == {"docs", "seed", "runner", "segmenter", "segmenter_agreement", "workers", "workdir", "corpus", "full", "floor",
                           "unchanged", "changed", "quality"}
    assert (report["docs"], report["corpus"]["files"], report["corpus"]["reused"]) == (DOCS, DOCS, False)


def test_full_run_throughput_stage_shares_and_memory(bench):
    full = bench[2]["full"]
    assert full["docs_per_second"] > 0 and full["mb_per_second"] > 0 and full["wall_seconds"] >= full["flow_seconds"] > 0
    assert {"ingest", "clean+extract", "validate", "load", "startup"} <= set(full["stage_share"])
    assert all(share >= 0 for share in full["stage_share"].values()) and 0.5 < sum(full["stage_share"].values()) <= 1.05
    assert full["peak_rss_tree_mb"] > 50 and full["peak_rss_process_mb"] > 50
    assert full["files_loaded"] + full["files_duplicate"] == DOCS and full["files_quarantined"] == 0


def test_the_default_segmenter_is_checked_against_jieba_on_the_corpus(bench):
    output, report = bench[1], bench[2]
    agreement = report["segmenter_agreement"]
    assert report["segmenter"] == "rjieba" and agreement["texts"] == DOCS and agreement["tokens"] > DOCS * 100
    assert agreement["chinese_token_agreement"] == 1.0
    assert "rjieba cuts" in output


def test_floor_segments_every_document(bench):
    report = bench[2]
    floor = report["floor"]
    assert floor["documents"] == DOCS and floor["tokens"] > DOCS * 100 and floor["workers"] == report["workers"]
    assert 0 < floor["seconds"] < report["full"]["wall_seconds"] and floor["ratio"] > 1


def test_unchanged_rerun_loads_nothing_and_one_percent_change_reloads_those_files(bench):
    report = bench[2]
    unchanged, changed = report["unchanged"], report["changed"]
    assert (unchanged["files_new"], unchanged["files_loaded"], unchanged["metrics_loaded"]) == (0, 0, 0)
    assert unchanged["files_unchanged"] == DOCS and unchanged["percent_of_full"] > 0
    assert changed["files_changed"] == changed["files_loaded"] == max(1, DOCS // 100) and changed["files_new"] == 0
    assert changed["metrics_loaded"] > 0 and changed["files_unchanged"] == DOCS - changed["files_changed"]


def test_extraction_quality(bench):
    quality = bench[2]["quality"]
    assert quality["matched"] > 0 and quality["precision"] >= 0.9 and quality["recall"] >= 0.9


def test_corpus_is_restored_and_reused_and_a_changed_one_written_again(bench):
    corpus = bench[0] / "corpus"
    manifest, reused = prepare_corpus(corpus, DOCS, SEED)
    assert reused
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    change_files(corpus, manifest)  # as a bench killed during its last run leaves it
    assert not prepare_corpus(corpus, DOCS, SEED)[1]
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before
    assert not prepare_corpus(corpus, DOCS + 1, SEED)[1]
