from transforms.ingest.read import drop_exact_duplicates, read
from transforms.ingest.scan import scan
from helpers import MAX_BYTES


def test_scan_is_recursive_and_filters_extensions(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "two.HTML").write_text("<p>乙</p>", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    files, outcomes = scan(tmp_path)
    assert sorted(f.source_file for f in files) == ["a/one.txt", "two.HTML"]
    assert outcomes == []


def test_unchanged_files_are_not_decoded_again(seed_copy):
    files, _ = scan(seed_copy)
    docs, _ = read(files, {}, MAX_BYTES)
    known = {d.source_file: d.doc_id for d in docs}
    again, outcomes = read(files, known, MAX_BYTES)
    assert again == []
    assert {o.outcome for o in outcomes} == {"unchanged"}


def test_changed_file_points_at_the_version_it_replaces(seed_copy):
    files, _ = scan(seed_copy)
    docs, _ = read(files, {}, MAX_BYTES)
    known = {d.source_file: d.doc_id for d in docs}
    target = seed_copy / docs[0].source_file
    target.write_text(target.read_text(encoding="utf-8") + "\n新增一段。", encoding="utf-8")
    changed, _ = read(files, known, MAX_BYTES)
    assert [d.source_file for d in changed] == [docs[0].source_file]
    assert changed[0].replaces == docs[0].doc_id


def test_exact_copies_are_duplicates_of_the_first_path(seed_copy):
    original = sorted(seed_copy.iterdir())[0]
    (seed_copy / "copy.txt").write_bytes(original.read_bytes())
    files, _ = scan(seed_copy)
    docs, _ = read(files, {}, MAX_BYTES)
    kept, outcomes = drop_exact_duplicates(docs, {})
    assert len(kept) == 5
    assert [(o.source_file, o.outcome, o.detail) for o in outcomes] == [("copy.txt", "duplicate", original.name)]
