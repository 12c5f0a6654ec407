"""Shared fixtures: the seed corpus at each stage, scratch warehouses and one Prefect harness per session."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import CHROMIUM, GOLD, MAX_BYTES, SEEDS, VIEWPORT, load_without_prefect

os.environ.setdefault("DANGJIAN_STATE_DIR", tempfile.mkdtemp(prefix="dangjian-state-"))


@pytest.fixture(autouse=True)
def settings_from_this_tests_environment():
    """Settings are read once per process; a test that sets a variable gets it read again."""
    from flows.settings import current

    current.cache_clear()
    yield
    current.cache_clear()


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def raw_seeds():
    from transforms.ingest.read import read
    from transforms.ingest.scan import scan

    files, _ = scan(SEEDS)
    docs, _ = read(files, {}, MAX_BYTES)
    return docs


@pytest.fixture(scope="session")
def clean_seeds(raw_seeds):
    from transforms.clean.document import clean_batch

    docs, outcomes = clean_batch(raw_seeds)
    assert not outcomes
    return {d.source_file: d for d in docs}


@pytest.fixture(scope="session")
def extracted_seeds(clean_seeds):
    from transforms.batch import extract_for_link

    names = sorted(clean_seeds)
    return dict(zip(names, extract_for_link([clean_seeds[n] for n in names])))


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


@pytest.fixture
def flow(prefect_harness):
    """The Prefect flow, called in this process against the session's Prefect server."""
    from flows.etl import dangjian_etl

    return dangjian_etl


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

    import transforms.ingest.read
    from flows.etl import dangjian_etl

    source = tmp_path_factory.mktemp("hostile")
    expected = write_hostile_corpus(source, tmp_path_factory.mktemp("outside"))
    warehouse = tmp_path_factory.mktemp("wh") / "hostile.duckdb"
    read_limited = transforms.ingest.read.read_limited

    def as_if_unprivileged(path, max_bytes):
        # root reads a file whatever its mode, so the refusal an ordinary user would get is raised here
        if path.name == "unreadable.txt" and os.geteuid() == 0:
            raise PermissionError(13, "Permission denied", str(path))
        return read_limited(path, max_bytes)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transforms.ingest.read, "read_limited", as_if_unprivileged)
        summaries = [dangjian_etl(str(source), str(warehouse), max_file_bytes=LIMIT_BYTES) for _ in range(2)]
    return expected, source, warehouse, summaries


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, driven by Playwright (which never downloads a browser of its own); one per module,
    so that no test module's Prefect flows run beside a live Playwright loop."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: `python3.11 dev.py test` installs it (apt-get install chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that may load local files only; any other request is aborted and fails the test, as does a script error."""
    context = browser.new_context(viewport=VIEWPORT)
    requested, errors = [], []

    def offline(route):
        if route.request.url.startswith("file:///"):  # not file://host/..., which is where //host/x lands from a file page
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(error))
    yield page
    context.close()
    assert not requested, f"the page tried the network: {requested}"
    assert not errors, f"script errors: {errors}"
