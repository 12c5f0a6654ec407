-- Figures by place and indicator: how many figures, and their total, per county (or city/province) and indicator.
SELECT coalesce(province, '(unknown)') AS province,
       coalesce(city, '') AS city,
       coalesce(county, '') AS county,
       category,
       indicator_code,
       indicator_name_zh,
       unit,
       count(*) AS figures,
       sum(value) AS total_value
FROM mart.v_metrics
GROUP BY ALL
ORDER BY province, city, county, category, indicator_code, unit;
