"""Reruns trust a file's size and modification time, as git trusts its index: unchanged files are not read again."""

import os
import time

import duckdb
import pytest

import transforms.ingest.read
from helpers import MAX_BYTES, load_without_prefect, run_without_prefect
from warehouse.load import load_into
from transforms.ingest.read import read
from transforms.ingest.scan import scan, skip_unchanged

OLD = time.time() - 3600  # well before any run: a stat this old is trusted


def age(folder, when=OLD):
    for path in folder.iterdir():
        os.utime(path, (when, when))


@pytest.fixture
def reads(monkeypatch):
    """Names of the files read from disk."""
    names = []
    read_limited = transforms.ingest.read.read_limited

    def counting(path, max_bytes):
        names.append(path.name)
        return read_limited(path, max_bytes)

    monkeypatch.setattr(transforms.ingest.read, "read_limited", counting)
    return names


def outcomes_of(batch) -> dict[str, str]:
    return {o.source_file: o.outcome for o in batch.outcomes}


def test_files_with_their_recorded_size_and_mtime_are_set_aside_unread(seed_copy):
    files, _ = scan(seed_copy)
    known = {f.source_file: f"id-{i}" for i, f in enumerate(files)}
    stats = {f.source_file: (f.size, f.mtime_ns) for f in files[:3]}
    stats[files[1].source_file] = (files[1].size + 1, files[1].mtime_ns)
    to_read, unchanged = skip_unchanged(files, known, stats)
    assert [f.source_file for f in to_read] == [files[1].source_file, files[3].source_file, files[4].source_file]
    assert [(o.source_file, o.outcome, o.doc_id) for o in unchanged] == [
        (files[0].source_file, "unchanged", "id-0"), (files[2].source_file, "unchanged", "id-2")
    ]


def test_a_file_modified_moments_ago_records_no_mtime(seed_copy):
    age(seed_copy)
    fresh = sorted(seed_copy.iterdir())[0]
    fresh.touch()
    docs, _ = read(scan(seed_copy)[0], {}, MAX_BYTES)
    recorded = {d.source_file: d.mtime_ns for d in docs}
    assert recorded.pop(fresh.name) is None
    assert all(abs(mtime - OLD * 1e9) < 1e6 for mtime in recorded.values())


def test_a_rerun_reads_only_the_files_whose_stat_moved(seed_copy, warehouse_path, reads):
    age(seed_copy)
    load_without_prefect(seed_copy, warehouse_path)
    names = sorted(p.name for p in seed_copy.iterdir())
    assert sorted(reads) == names

    reads.clear()
    assert set(outcomes_of(run_without_prefect(seed_copy, warehouse_path, "r2")).values()) == {"unchanged"}
    assert reads == []

    touched, edited = seed_copy / names[0], seed_copy / names[1]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("的", "地", 1), encoding="utf-8")  # same size, other bytes
    age(seed_copy)  # every mtime back where it was ...
    os.utime(touched, (OLD + 60, OLD + 60))  # ... but these two moved
    os.utime(edited, (OLD + 60, OLD + 60))
    batch = run_without_prefect(seed_copy, warehouse_path, "r3")
    assert sorted(reads) == [touched.name, edited.name]
    assert outcomes_of(batch)[touched.name] == "unchanged" and outcomes_of(batch)[edited.name] == "loaded"
    load_into(warehouse_path, batch)

    reads.clear()
    run_without_prefect(seed_copy, warehouse_path, "r4")
    assert reads == []  # the touched file's new mtime was recorded when it was read and found unchanged


def test_a_warehouse_without_recorded_mtimes_reads_every_file_once(seed_copy, warehouse_path, reads):
    age(seed_copy)
    load_without_prefect(seed_copy, warehouse_path)
    with duckdb.connect(str(warehouse_path)) as con:
        con.execute("UPDATE raw.document SET mtime_ns = NULL")  # as migration 007 leaves an older warehouse
    reads.clear()
    load_into(warehouse_path, run_without_prefect(seed_copy, warehouse_path, "r2"))
    assert len(reads) == 5
    reads.clear()
    run_without_prefect(seed_copy, warehouse_path, "r3")
    assert reads == []


def test_rehash_reads_every_file(prefect_harness, seed_copy, warehouse_path, reads):
    from flows.etl import dangjian_etl

    age(seed_copy)
    dangjian_etl(str(seed_copy), str(warehouse_path))
    reads.clear()
    assert dangjian_etl(str(seed_copy), str(warehouse_path))["files_unchanged"] == 5 and reads == []
    assert dangjian_etl(str(seed_copy), str(warehouse_path), rehash=True)["files_unchanged"] == 5 and len(reads) == 5
