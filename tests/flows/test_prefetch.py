"""A run's first steps started while Prefect starts, and taken up once by the run."""

from concurrent.futures import wait

import pytest

from flows.runtime import prefetch
from transforms.ingest.scan import scan


def test_a_started_scan_is_taken_up_once_and_a_later_scan_is_new(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    prefetch.start(scan, tmp_path)
    wait(prefetch._started.values(), timeout=30)
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    files, _ = prefetch.take(scan, tmp_path)
    assert [f.source_file for f in files] == ["a.txt"]  # scanned before b.txt was written
    files, _ = prefetch.take(scan, tmp_path)
    assert [f.source_file for f in files] == ["a.txt", "b.txt"]


def test_a_call_that_failed_fails_where_it_is_taken_up_and_a_retry_calls_again(tmp_path):
    calls = []

    def busy_once(path):
        calls.append(path)
        if len(calls) == 1:
            raise PermissionError(f"{path} is locked")
        return "read"

    prefetch.start(busy_once, str(tmp_path))
    with pytest.raises(PermissionError, match="is locked"):
        prefetch.take(busy_once, str(tmp_path))
    assert prefetch.take(busy_once, str(tmp_path)) == "read"
    assert len(calls) == 2


@pytest.mark.parametrize("rehash, moved, built", [(False, False, False), (False, True, True), (True, False, True)])
def test_the_suites_are_built_ahead_only_when_the_run_has_a_file_to_read(tmp_path, monkeypatch, rehash, moved, built):
    import threading

    from warehouse import state

    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    [f], _ = scan(tmp_path)
    recorded = {"a.txt": (f.size, f.mtime_ns + (1 if moved else 0))}
    monkeypatch.setattr(prefetch, "_started", {})
    monkeypatch.setattr(state, "read", lambda warehouse: ({"a.txt": "doc"}, recorded, []))
    suites = threading.Event()
    monkeypatch.setattr(prefetch, "prepare_suites_quietly", suites.set)
    prefetch.start_run(tmp_path, "warehouse.duckdb", rehash)
    for thread in threading.enumerate():
        if thread.name == "prefetch-suites":
            thread.join(timeout=30)
    assert suites.is_set() == built
