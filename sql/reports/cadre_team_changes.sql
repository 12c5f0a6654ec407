-- Cadre-team changes per place: age, education, reserve cadres, first secretaries, elections and the other TEAM_ indicators.
-- param: province text default NULL — only this province; all provinces when not given
-- Grouped by unit and direction too: a fall in average age and a head count cannot be added up.
SELECT province, city, county, indicator_code, indicator_name_zh, unit, direction,
       count(*) AS figures,
       sum(value) AS total_value,
       string_agg(number_text, '; ' ORDER BY value DESC) AS as_written
FROM mart.v_metrics
WHERE starts_with(indicator_code, 'TEAM_')
  AND ($province IS NULL OR province = $province)
GROUP BY ALL
ORDER BY province, city, county, indicator_code, unit, direction;
