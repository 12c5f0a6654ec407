-- Money invested per place, purpose (indicator) and period, in 元, from the panel.
-- zh: 各地按用途(指标)和期间的投入资金(元),取自面板。
-- param: province text default NULL — only this province (e.g. 四川省); all provinces when not given
-- param: city text default NULL — only this city
-- param: county text default NULL — only this county
-- Funding and venue-building money only: industry output and income (产业发展) are earnings, not money invested.
-- Each place and period once; parts (其中市级财政300万元), rates (每村每年10万元), before/after values and plans
-- left out. A city's total and its counties' are different rows: add the rows of one level, not of several.
SELECT p.province, p.city, p.county, i.category, p.indicator_code, p.indicator_name_zh AS purpose,
       p.mentions AS figures,
       p.value AS total_yuan,
       p.period_kind,
       p.period_start_year,
       p.period_end_year,
       r.level,
       p.conflict
FROM mart.v_indicator_panel p
JOIN core.dim_indicator i USING (indicator_code)
JOIN core.dim_region r USING (adcode)
WHERE p.unit = '元'
  AND i.category IN ('资金保障', '阵地建设')
  AND p.period_kind IN ('flow', 'cumulative')
  AND ($province IS NULL OR p.province = $province)
  AND ($city IS NULL OR p.city = $city)
  AND ($county IS NULL OR p.county = $county)
ORDER BY p.province, p.city NULLS FIRST, p.county NULLS FIRST, p.period_end_year, total_yuan DESC, p.indicator_code;
