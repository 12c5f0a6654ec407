-- Weak or lax village party organisations rectified (ORG_WEAK_BRANCH_RECTIFIED) per place and period, from the panel.
-- zh: 各地各期整顿软弱涣散村党组织(ORG_WEAK_BRANCH_RECTIFIED),取自面板。
-- param: province text default NULL — only this province; all provinces when not given
-- param: city text default NULL — only this city
-- param: county text default NULL — only this county
-- From mart.v_indicator_panel: a year's figure (flow) or a span's (cumulative: 2019年以来, 近三年来, a total whose
-- parts fall in several years), each place and period once; parts, restatements and plans left out. Rows of
-- different periods, or of a place and the places within it, do not add up.
SELECT province, city, county,
       CASE WHEN period_kind = 'flow' THEN period_end_year END AS year,
       value AS organisations,
       mentions AS figures,
       documents,
       period_kind,
       period_start_year,
       period_end_year,
       min_value,
       max_value,
       conflict
FROM mart.v_indicator_panel
WHERE indicator_code = 'ORG_WEAK_BRANCH_RECTIFIED'
  AND unit = '个'
  AND period_kind IN ('flow', 'cumulative')
  AND ($province IS NULL OR province = $province)
  AND ($city IS NULL OR city = $city)
  AND ($county IS NULL OR county = $county)
ORDER BY province, city NULLS FIRST, county NULLS FIRST, period_start_year NULLS FIRST, period_end_year;
