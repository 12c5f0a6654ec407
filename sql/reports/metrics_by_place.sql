-- Figures by place and indicator: how many figures, and the total of those that add up, per place and indicator.
-- zh: 各地各指标的数字:数字个数,以及可相加者的合计。
-- total_value sums the additive figures only (mart.v_metrics.additive): no part, rate, before/after value, share,
-- threshold, restatement or plan; across years and periods. mart.v_indicator_panel gives one value per period.
SELECT coalesce(province, '(unknown)') AS province,
       coalesce(city, '') AS city,
       coalesce(county, '') AS county,
       category,
       indicator_code,
       indicator_name_zh,
       unit,
       count(*) AS figures,
       sum(value) FILTER (WHERE additive) AS total_value
FROM mart.v_metrics
GROUP BY ALL
ORDER BY province, city, county, category, indicator_code, unit;
