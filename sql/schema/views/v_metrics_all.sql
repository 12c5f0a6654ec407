-- mart.v_metrics_all: one row per figure of a current document, with its indicator, place, date and evidence, and
-- whether its document is about rural party building (on_topic); mart.v_metrics is its on-topic rows.
-- A public contract: columns are only ever added, at the end; none is renamed or dropped.
CREATE OR REPLACE VIEW mart.v_metrics_all AS
SELECT
    d.source_file,
    m.doc_id,
    m.value,
    m.value_low,
    m.value_high,
    m.unit,
    m.approximate,
    m.kind,
    m.direction,
    m.subject,
    m.indicator_code,
    i.name_zh AS indicator_name_zh,
    i.name_en AS indicator_name_en,
    i.category,
    m.evidence,
    m.start_offset,
    m.end_offset,
    r.province,
    r.city,
    r.county,
    d.adcode,
    d.publish_date,
    m.run_id,
    m.number_text,
    m.raw_start,
    m.raw_end,
    m.metric_id,
    m.period_kind,
    m.period_start_year,
    m.period_end_year,
    fr.province AS figure_province,
    fr.city AS figure_city,
    fr.county AS figure_county,
    m.figure_adcode,
    m.role,
    m.additive,
    d.on_topic IS NOT FALSE AS on_topic  -- documents loaded before topics were scored count as on topic
FROM core.fact_metric m
JOIN core.dim_document d USING (doc_id)
JOIN core.dim_indicator i USING (indicator_code)
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
LEFT JOIN core.dim_region fr ON fr.adcode = m.figure_adcode
WHERE d.is_current;
