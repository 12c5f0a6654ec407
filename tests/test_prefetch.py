"""The source folder scanned while Prefect starts, taken up once by the run over that folder."""

import pytest

from flows import prefetch
from transforms import ingest


def test_a_started_scan_is_taken_up_once_and_a_later_scan_is_new(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    prefetch.start_scan(tmp_path)
    prefetch._scans[tmp_path.resolve()].result(timeout=30)
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    files, _ = prefetch.scan(tmp_path / ".")
    assert [f.source_file for f in files] == ["a.txt"]  # the scan started before b.txt was written
    files, _ = prefetch.scan(tmp_path)
    assert [f.source_file for f in files] == ["a.txt", "b.txt"]
    assert files == ingest.scan(tmp_path)[0]


def test_a_scan_that_failed_fails_where_the_run_scans(tmp_path, monkeypatch):
    def broken(source):
        raise PermissionError(f"cannot list {source}")

    monkeypatch.setattr(ingest, "scan", broken)
    prefetch.start_scan(tmp_path)
    with pytest.raises(PermissionError, match="cannot list"):
        prefetch.scan(tmp_path)
