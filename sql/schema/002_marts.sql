-- Public views: a contract other tools read. Keep names and columns stable; add columns only at the end.
CREATE OR REPLACE VIEW mart.v_metrics AS
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
    m.raw_end
FROM core.fact_metric m
JOIN core.dim_document d USING (doc_id)
JOIN core.dim_indicator i USING (indicator_code)
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current;

CREATE OR REPLACE VIEW mart.v_documents AS
SELECT
    d.source_file,
    d.doc_id,
    d.title,
    d.publish_date,
    d.source,
    d.author,
    r.province,
    r.city,
    r.county,
    d.adcode,
    d.script,
    d.char_count,
    (SELECT count(*) FROM core.fact_metric m WHERE m.doc_id = d.doc_id) AS metric_count,
    d.quality_score,
    d.place_level
FROM core.dim_document d
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current;

CREATE OR REPLACE VIEW mart.v_initiatives AS
SELECT f.initiative_name, count(*) AS documents, sum(f.mentions) AS mentions,
       list(DISTINCT coalesce(r.county, r.city, r.province) ORDER BY coalesce(r.county, r.city, r.province)) AS places
FROM core.fact_initiative f
JOIN core.dim_document d USING (doc_id)
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current
GROUP BY f.initiative_name;
