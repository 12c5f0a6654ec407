-- mart.v_documents: one row per current document, with its metadata, place, number of figures and topic score; an
-- off-topic document (on_topic false) is listed here, its figures are in mart.v_metrics_all only.
-- A public contract: columns are only ever added, at the end; none is renamed or dropped.
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
    d.place_level,
    d.duplicate_of,
    d.duplicate_similarity,
    d.topic_score,
    d.on_topic IS NOT FALSE AS on_topic  -- documents loaded before topics were scored count as on topic
FROM core.dim_document d
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current;
