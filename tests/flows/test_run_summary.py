"""What `dangjian run` prints: the run's counts, off-topic documents among them."""

from flows.cli.output import run_summary

SUMMARY = {
    "run_id": "r1", "seconds": 2.0, "files_seen": 6, "files_new": 6, "files_unchanged": 0, "files_loaded": 6,
    "files_duplicate": 0, "files_quarantined": 0, "metrics_loaded": 104, "documents_off_topic": 1, "metrics_off_topic": 12,
}


def test_the_summary_says_how_many_documents_and_figures_were_off_topic():
    lines = run_summary(SUMMARY).splitlines()
    assert lines[6:8] == [
        "  metrics loaded    104",
        "  off topic         1 documents (their 12 figures kept out of the mart)",
    ]


def test_the_summary_names_quarantined_files_and_says_where_the_rest_are():
    files = [{"file": f"f{i:02}.txt", "reason": "empty file", "detail": ""} for i in range(10)]
    summary = {**SUMMARY, "files_seen": 18, "files_quarantined": 12, "quarantine_reasons": {"empty file": 12}, "quarantined_files": files}
    lines = run_summary(summary).splitlines()
    assert "    12 x empty file" in lines and "    f00.txt: empty file" in lines and "    f09.txt: empty file" in lines
    more = next(line for line in lines if line.startswith("    and "))
    assert more.startswith("    and 2 more: dangjian sql") and "run_id = 'r1'" in more


def test_a_few_quarantined_files_are_each_named_with_reason_and_detail():
    files = [{"file": "a.txt", "reason": "no article body", "detail": "markup only"}]
    lines = run_summary({**SUMMARY, "files_quarantined": 1, "quarantine_reasons": {"no article body": 1}, "quarantined_files": files}).splitlines()
    assert lines[5:7] == ["  quarantined       1", "    a.txt: no article body (markup only)"]


def test_the_summary_gives_the_flows_time_and_the_commands():
    assert run_summary({**SUMMARY, "command_seconds": 8.7}).splitlines()[0] == (
        "run r1 finished: the flow took 2.0 s, the command 8.7 s (with start-up)"
    )
    assert run_summary(SUMMARY).splitlines()[1:3] == ["  files seen        6", "  loaded            6 (6 new, 0 changed since the last run)"]
