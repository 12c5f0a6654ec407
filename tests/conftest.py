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

    with prefect_test_harness(server_startup_timeout=60):
        yield
