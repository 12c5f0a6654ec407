"""What `dangjian run` prints: the run's counts, off-topic documents among them."""

from flows.cli.output import run_summary

SUMMARY = {
    "run_id": "r1", "seconds": 2.0, "files_seen": 6, "files_new": 6, "files_unchanged": 0, "files_loaded": 6,
    "files_duplicate": 0, "files_quarantined": 0, "metrics_loaded": 104, "documents_off_topic": 1, "metrics_off_topic": 12,
}


def test_the_summary_says_how_many_documents_and_figures_were_off_topic():
    lines = run_summary(SUMMARY).splitlines()
    assert lines[7:9] == [
        "  metrics loaded    104",
        "  off topic         1 documents (their 12 figures kept out of the mart)",
    ]
