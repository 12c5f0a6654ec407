-- Last runs: the ten most recent pipeline runs with their file counts and timings, and what they loaded off topic.
-- zh: 最近运行:最近十次运行的文件数、耗时及非本题载入情况。
SELECT run_id, status, started_at, round(duration_s, 2) AS seconds, files_seen, files_new, files_unchanged,
       files_loaded, files_duplicate, files_quarantined, metrics_loaded, error, documents_off_topic, metrics_off_topic
FROM ops.pipeline_run
ORDER BY started_at DESC
LIMIT 10;
