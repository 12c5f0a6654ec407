-- Talent recruited, cultivated and the platforms for it (TALENT_ indicators) per place, by unit.
-- zh: 各地人才引进、培养及平台(TALENT_ 指标),按单位。
-- param: province text default NULL — only this province; all provinces when not given
-- total_value sums the figures that add up (mart.v_metrics.additive); as_written lists them all.
SELECT province, city, county, indicator_code, indicator_name_zh, unit,
       count(*) AS figures,
       sum(value) FILTER (WHERE additive) AS total_value,
       string_agg(number_text, '; ' ORDER BY value DESC) AS as_written
FROM mart.v_metrics
WHERE starts_with(indicator_code, 'TALENT_')
  AND ($province IS NULL OR province = $province)
GROUP BY ALL
ORDER BY province, city, county, indicator_code, unit;
