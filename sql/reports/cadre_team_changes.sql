-- Cadre-team changes per place: age, education, reserve cadres, first secretaries, elections and the other TEAM_ indicators.
-- zh: 各地村干部队伍变化:年龄、学历、后备干部、第一书记、换届等队伍建设指标。
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
