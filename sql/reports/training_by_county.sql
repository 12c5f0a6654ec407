-- Training per place and year, from the panel: sessions (期), person-times (人次) and people trained (人).
-- zh: 各地各年培训,取自面板:期数(期)、人次和人数。
-- param: province text default NULL — only this province (e.g. 青海省); all provinces when not given
-- param: city text default NULL — only this city
-- param: county text default NULL — only this county
-- A year's figures only (flow); each place and year once, parts, rates (每年12期), restatements and plans left out.
SELECT p.province, p.city, p.county,
       max(p.value) FILTER (WHERE p.indicator_code = 'TRAIN_SESSIONS' AND p.unit = '期') AS sessions,
       max(p.value) FILTER (WHERE p.indicator_code = 'TRAIN_PERSON_TIMES' AND p.unit = '人次') AS person_times,
       max(p.value) FILTER (WHERE p.indicator_code = 'TRAIN_PEOPLE' AND p.unit = '人') AS people,
       sum(p.mentions)::INTEGER AS figures,
       (SELECT count(DISTINCT m.doc_id) FROM mart.v_metrics m WHERE list_contains(flatten(list(p.metric_ids)), m.metric_id))::INTEGER AS documents,
       p.period_end_year AS year,
       bool_or(p.conflict) AS conflict
FROM mart.v_indicator_panel p
WHERE p.indicator_code IN ('TRAIN_SESSIONS', 'TRAIN_PERSON_TIMES', 'TRAIN_PEOPLE')
  AND p.period_kind = 'flow'
  AND ($province IS NULL OR p.province = $province)
  AND ($city IS NULL OR p.city = $city)
  AND ($county IS NULL OR p.county = $county)
GROUP BY p.province, p.city, p.county, p.period_end_year
ORDER BY p.province, p.city NULLS FIRST, p.county NULLS FIRST, year;
