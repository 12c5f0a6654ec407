-- Data-quality trend: per run and suite, whether it passed, failed expectations and rows quarantined, oldest run first.
-- zh: 数据质量趋势:每次运行各检查套件是否通过、失败的检查和隔离的行数,按时间先后。
-- param: suite text default NULL — only this suite (documents, figures or integrity); all suites when not given
SELECT p.started_at, q.run_id, p.status, q.suite, q.success, q.evaluated, q.failed_critical, q.failed_warning,
       q.rows_checked, q.rows_quarantined, round(q.seconds, 3) AS seconds
FROM ops.dq_run q
JOIN ops.pipeline_run p USING (run_id)
WHERE $suite IS NULL OR q.suite = $suite
ORDER BY p.started_at, q.suite;
