-- The evidence behind one indicator: every figure with the sentence it came from, its document and place.
-- zh: 某一指标的依据:每个数字及其原句、文档和地区。
-- param: indicator text — an indicator_code from core.dim_indicator, e.g. ORG_WEAK_BRANCH_RECTIFIED
-- param: province text default NULL — only this province; all provinces when not given
SELECT m.indicator_code, m.value, m.value_low, m.value_high, m.unit, m.number_text, m.evidence,
       m.source_file, d.title, m.province, m.city, m.county, m.publish_date
FROM mart.v_metrics m
JOIN mart.v_documents d USING (doc_id)
WHERE m.indicator_code = $indicator
  AND ($province IS NULL OR m.province = $province)
ORDER BY m.province, m.city, m.county, m.source_file, m.start_offset;
