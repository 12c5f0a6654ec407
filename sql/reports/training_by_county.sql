-- Training scale per county (or city/province): sessions, person-times and people trained, with the figures behind them.
-- param: province text default NULL — only this province (e.g. 青海省); all provinces when not given
-- Each measure sums only figures in its own kind of unit, so a person-time count misfiled as sessions does not
-- inflate the session total.
SELECT province, city, county,
       sum(value) FILTER (WHERE indicator_code = 'TRAIN_SESSIONS' AND unit IN ('期', '次', '场次', '场', '班')) AS sessions,
       sum(value) FILTER (WHERE indicator_code = 'TRAIN_PERSON_TIMES' AND unit = '人次') AS person_times,
       sum(value) FILTER (WHERE indicator_code = 'TRAIN_PEOPLE' AND unit = '人') AS people,
       count(*) AS figures,
       count(DISTINCT doc_id) AS documents
FROM mart.v_metrics
WHERE indicator_code IN ('TRAIN_SESSIONS', 'TRAIN_PERSON_TIMES', 'TRAIN_PEOPLE')
  AND ($province IS NULL OR province = $province)
GROUP BY province, city, county
ORDER BY province, city, county;
