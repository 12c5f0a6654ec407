-- Republished articles: copies of one text on several sites keep their document rows but no facts.
ALTER TABLE core.dim_document ADD COLUMN duplicate_of VARCHAR;        -- doc_id of the original this copies
ALTER TABLE core.dim_document ADD COLUMN duplicate_similarity DOUBLE; -- estimated Jaccard of 5-character shingles

CREATE TABLE core.document_fingerprint (
    doc_id   VARCHAR PRIMARY KEY REFERENCES core.dim_document (doc_id),
    minhash  BIGINT[] NOT NULL                   -- 64 MinHash values of the clean body (transforms/near_duplicates.py)
);

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
