"""Shared fixtures: the seed corpus at each stage, scratch warehouses and one Prefect harness per session."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).parent / "fixtures" / "seeds_gold.json"

os.environ.setdefault("DANGJIAN_STATE_DIR", tempfile.mkdtemp(prefix="dangjian-state-"))


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw_seeds():
    from transforms.ingest import read, scan

    files, _ = scan(SEEDS)
    docs, _ = read(files, {})
    return docs


@pytest.fixture(scope="session")
def clean_seeds(raw_seeds):
    from transforms.clean import clean_batch

    docs, outcomes = clean_batch(raw_seeds)
    assert not outcomes
    return {d.source_file: d for d in docs}


@pytest.fixture(scope="session")
def extracted_seeds(clean_seeds):
    from transforms.extract import extract_document

    return {name: extract_document(doc) for name, doc in clean_seeds.items()}


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    for p in target.iterdir():
        p.chmod(0o644)
    return target


@pytest.fixture
def warehouse_path(tmp_path) -> Path:
    return tmp_path / "wh.duckdb"


@pytest.fixture(scope="session")
def prefect_harness():
    from flows.settings import configure_prefect

    configure_prefect()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60), pytest.MonkeyPatch.context() as env:
        from prefect.settings import PREFECT_API_URL

        # Commands invoked in-process, and child processes, report to this server instead of starting their own.
        env.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
        yield


def run_without_prefect(source: Path, path: Path, run_id: str = "r1"):
    """Every stage from ingest to link, as plain function calls, against what the warehouse at path holds: the RunBatch."""
    from datetime import datetime

    from transforms.clean import clean_batch
    from transforms.extract import extract_batch
    from transforms.ingest import drop_exact_duplicates, read, scan, skip_unchanged
    from transforms.near_duplicates import candidates, link_run
    from transforms.records import FileOutcome
    from transforms.tabulate import tabulate
    from transforms.validation import validate
    from warehouse.load import RunBatch
    from warehouse.state import read as read_state

    known, stats, originals = read_state(str(path))
    files, outcomes = scan(source)
    files, unchanged = skip_unchanged(files, known, stats)
    raw, more = read(files, known)
    raw, duplicates = drop_exact_duplicates(raw, known)
    clean, _ = clean_batch(raw)
    checked = validate(tabulate(raw, clean, extract_batch(clean), run_id, datetime.now()))
    documents = checked.tables.documents
    links = link_run(candidates(documents), originals, {d.replaces for d in raw if d.replaces})
    copies = {link.doc_id for link in links}
    outcomes += unchanged + more + duplicates
    outcomes += [
        FileOutcome(source_file, "duplicate" if doc_id in copies else "loaded", doc_id=doc_id)
        for doc_id, source_file in zip(documents["doc_id"].to_pylist(), documents["source_file"].to_pylist())
    ]
    return RunBatch(run_id, datetime.now(), str(source), checked.tables, outcomes, checked.rejections, links=links, quality=checked.results)


def load_batch(batch, path: Path) -> None:
    from warehouse.connection import connect
    from warehouse.load import load_run
    from warehouse.migrate import migrate

    con = connect(path)
    migrate(con)
    load_run(con, batch)
    con.close()


def load_without_prefect(source: Path, path: Path) -> Path:
    """Every stage from ingest to load, as plain function calls, from source into the warehouse at path."""
    load_batch(run_without_prefect(source, path), path)
    return path


@pytest.fixture(scope="session")
def seeded_warehouse(tmp_path_factory):
    """A warehouse loaded from the seeds plus a republished copy of one of them, without Prefect."""
    source = tmp_path_factory.mktemp("seeds")
    shutil.copytree(SEEDS, source, dirs_exist_ok=True)
    sentences = sorted(SEEDS.iterdir())[0].read_text(encoding="utf-8").split("。")
    (source / "republished.txt").write_text("转载自市委组织部网站\n" + "。".join(sentences[:1] + sentences[2:]), encoding="utf-8")
    return load_without_prefect(source, tmp_path_factory.mktemp("wh") / "seeded.duckdb")


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory, prefect_harness):
    """The seeds plus the hostile corpus, run twice through the Prefect flow: (expected, source, warehouse, summaries)."""
    from hostile import LIMIT_BYTES, write_hostile_corpus

    import transforms.ingest
    from flows.etl import dangjian_etl

    source = tmp_path_factory.mktemp("hostile")
    expected = write_hostile_corpus(source, tmp_path_factory.mktemp("outside"))
    warehouse = tmp_path_factory.mktemp("wh") / "hostile.duckdb"
    read_limited = transforms.ingest.read_limited

    def as_if_unprivileged(path, max_bytes):
        # root reads a file whatever its mode, so the refusal an ordinary user would get is raised here
        if path.name == "unreadable.txt" and os.geteuid() == 0:
            raise PermissionError(13, "Permission denied", str(path))
        return read_limited(path, max_bytes)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transforms.ingest, "read_limited", as_if_unprivileged)
        summaries = [dangjian_etl(str(source), str(warehouse), max_file_bytes=LIMIT_BYTES) for _ in range(2)]
    return expected, source, warehouse, summaries
