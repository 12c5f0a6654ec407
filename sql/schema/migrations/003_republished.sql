-- Republished articles: copies of one text on several sites keep their document rows but no facts.
ALTER TABLE core.dim_document ADD COLUMN duplicate_of VARCHAR;        -- doc_id of the original this copies
ALTER TABLE core.dim_document ADD COLUMN duplicate_similarity DOUBLE; -- estimated Jaccard of 5-character shingles

CREATE TABLE core.document_fingerprint (
    doc_id   VARCHAR PRIMARY KEY REFERENCES core.dim_document (doc_id),
    minhash  BIGINT[] NOT NULL                   -- 64 MinHash values of the clean body (transforms/link/fingerprints.py)
);
