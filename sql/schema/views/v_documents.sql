-- mart.v_documents: one row per current document, with its metadata, place and number of figures.
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
    d.duplicate_similarity
FROM core.dim_document d
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current;
