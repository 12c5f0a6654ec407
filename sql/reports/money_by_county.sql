-- Money invested per county (or city/province) and purpose (indicator), in 元.
-- param: province text default NULL — only this province (e.g. 四川省); all provinces when not given
-- Funding and venue-building money only: industry output and income (产业发展) are earnings, not money invested.
SELECT province, city, county, category, indicator_code, indicator_name_zh AS purpose,
       count(*) AS figures,
       sum(value) AS total_yuan
FROM mart.v_metrics
WHERE unit = '元'
  AND category IN ('资金保障', '阵地建设')
  AND ($province IS NULL OR province = $province)
GROUP BY ALL
ORDER BY province, city, county, total_yuan DESC, indicator_code;
