-- Where documents disagree on a place's indicator in one period: each document's figure beside the panel's value.
-- zh: 各文档对同一地区、指标、期间说法不一之处:每份文档的数字与面板取值并列。
-- param: province text default NULL — only this province; all provinces when not given
-- param: indicator text default NULL — only this indicator_code, e.g. TEAM_FIRST_SECRETARY
-- The panel keeps the place's own report, then the later publication (mart.v_indicator_panel.value); this lists every
-- figure behind a disputed cell with its document, date and evidence, for a reader to judge.
SELECT p.province, p.city, p.county, p.indicator_code, p.indicator_name_zh, p.unit,
       p.period_kind, p.period_start_year, p.period_end_year,
       p.value AS panel_value,
       m.value AS document_value,
       m.source_file,
       m.publish_date,
       m.evidence,
       m.metric_id
FROM mart.v_indicator_panel p, unnest(p.metric_ids) AS u(metric_id)
JOIN mart.v_metrics m ON m.metric_id = u.metric_id
WHERE p.conflict
  AND ($province IS NULL OR p.province = $province)
  AND ($indicator IS NULL OR p.indicator_code = $indicator)
ORDER BY p.province, p.city NULLS FIRST, p.county NULLS FIRST, p.indicator_code, p.period_end_year, m.publish_date DESC, m.metric_id;
