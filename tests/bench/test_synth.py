"""The scale-corpus generator: deterministic, shaped like the seeds, and its expected figures are what extraction finds."""

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main
from bench.synth import generate
from helpers import MAX_BYTES, SEEDS



def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def encoding(data: bytes) -> str:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def decode(data: bytes) -> str:
    return data.decode(encoding(data))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    generate(300, out, seed=1)
    return out


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """A small corpus through read, clean and extract (no Prefect): (manifest, expected rows, clean docs, extractions)."""
    from transforms.clean.document import clean_batch
    from transforms.batch import extract_for_link
    from transforms.ingest.read import read
    from transforms.ingest.scan import scan

    out = tmp_path_factory.mktemp("synth") / "small"
    manifest = generate(150, out, seed=4)
    raw, outcomes = read(scan(out)[0], {}, MAX_BYTES)
    clean, quarantined = clean_batch(raw)
    assert not outcomes and not quarantined
    expected = [json.loads(line) for line in (out / "expected.jsonl").read_text(encoding="utf-8").splitlines()]
    return manifest, expected, clean, extract_for_link(clean)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate(40, tmp_path / name, seed=seed)
    a, b, c = (files(tmp_path / name) for name in "abc")
    assert a == b and a != c


def test_files_spread_in_folders_of_a_thousand(tmp_path):
    generate(1001, tmp_path, seed=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["000", "001", "expected.jsonl", "manifest.json"]
    assert len(list((tmp_path / "000").iterdir())) == 1000
    assert [p.stem for p in (tmp_path / "001").iterdir()] == ["00001000"]


def test_sizes_near_the_seeds(corpus):
    seeds = [len(p.read_bytes()) for p in SEEDS.iterdir()]
    sizes = [len(decode(data).encode("utf-8")) for name, data in files(corpus).items() if name[:3].isdigit()]
    mean = sum(seeds) / len(seeds)
    assert 0.85 * mean <= sum(sizes) / len(sizes) <= 1.15 * mean
    assert 0.5 * mean <= min(sizes) and max(sizes) <= 2 * mean


def test_shares_of_scripts_encodings_pages_and_copies(corpus):
    from transforms.clean.script import detect_script

    articles = {name: data for name, data in files(corpus).items() if name[:3].isdigit()}
    gbk = [name for name, data in articles.items() if encoding(data) == "gb18030"]
    traditional = [name for name, data in articles.items() if detect_script(decode(data)) == "traditional"]
    pages = [name for name in articles if name.endswith(".html")]
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert (counts["gbk"], counts["traditional"], counts["html"]) == (len(gbk), len(traditional), len(pages))
    assert 0.05 <= len(gbk) / 300 <= 0.16 and 0.05 <= len(traditional) / 300 <= 0.16 and 0.22 <= len(pages) / 300 <= 0.38
    assert 2 <= len(manifest["copies"]) <= 15
    assert counts["copies"] + counts["originals"] == counts["files"] == len(articles) == 300
    page = decode(articles[pages[0]])
    assert "版权所有" in page and "打印" in page and "0000-123456" in page


def test_expected_figures_are_what_extraction_finds(pipeline):
    manifest, expected, clean, extractions = pipeline
    copies = {c["file"] for c in manifest["copies"]}
    assert copies and not copies & {row["file"] for row in expected}  # copies' figures are loaded with their original
    files_of = {d.doc_id: d.source_file for d in clean}
    found = Counter(
        (files_of[x.doc_id], round(f.value, 6), f.unit) for x in extractions for f in x.figures if files_of[x.doc_id] not in copies
    )
    wanted = Counter((row["file"], round(row["value"], 6), row["unit"]) for row in expected)
    matched = sum((found & wanted).values())
    assert matched / sum(found.values()) >= 0.98 and matched / sum(wanted.values()) >= 0.98
    assert not any("版权所有" in d.text or "发布时间" in d.text for d in clean)  # chrome and metadata are not body


def test_copies_are_linked_to_their_originals(pipeline):
    from transforms.link.linking import candidates, link_run
    from transforms.tables import tabulate

    manifest, _, clean, extractions = pipeline
    files_of = {d.doc_id: d.source_file for d in clean}
    links = link_run(candidates(tabulate([], clean, extractions, "r1", datetime.now()).documents), None, set())
    assert {files_of[link.doc_id]: link.original_file for link in links} == {c["file"]: c["original"] for c in manifest["copies"]}


def test_cli_writes_a_corpus_once_and_prints_one_line(tmp_path):
    out = tmp_path / "corpus"
    result = CliRunner().invoke(main, ["synth", "--docs", "20", "--output", str(out), "--seed", "2"])
    assert result.exit_code == 0 and result.output.startswith("wrote 20 files (")
    again = CliRunner().invoke(main, ["synth", "--docs", "20", "--output", str(out)])
    assert again.exit_code == 2 and again.output.strip() == f"error: output folder {out} is not empty"
