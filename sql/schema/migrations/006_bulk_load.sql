-- Bulk loads at archive scale (BENCHMARKS.md has the measurements):
-- * Article bodies are compressed with zstd: left to choose, DuckDB tries every string codec on them at each
--   checkpoint, which dominated the load of a large archive.
-- * The fact tables lose their key and reference indexes, which made inserts several times slower and did not fit the
--   load's memory cap. Fact keys and references are checked instead by the load's integrity checks
--   (warehouse/integrity.py), inside the same transaction, before it commits; dimensions keep their keys.
-- Tables are rebuilt in place: same columns, same order, same rows.

CREATE TABLE raw.document_006 (
    doc_id      VARCHAR PRIMARY KEY,           -- SHA-256 of the file's bytes
    source_file VARCHAR NOT NULL,              -- path relative to the source folder
    content     BLOB USING COMPRESSION zstd,   -- original bytes (NULL after `dangjian purge-raw`)
    size_bytes  BIGINT NOT NULL,
    encoding    VARCHAR NOT NULL,
    media_type  VARCHAR NOT NULL,
    text        VARCHAR USING COMPRESSION zstd, -- decoded text, before cleaning
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    is_current  BOOLEAN NOT NULL,              -- false once the file at source_file has changed
    run_id      VARCHAR NOT NULL
);
INSERT INTO raw.document_006 SELECT * FROM raw.document;
DROP TABLE raw.document;
ALTER TABLE raw.document_006 RENAME TO document;

CREATE TABLE core.fact_metric_006 (
    metric_id       VARCHAR NOT NULL,          -- doc_id || ':' || ordinal; unique (checked by each load)
    doc_id          VARCHAR NOT NULL,          -- a current core.dim_document (checked by each load)
    indicator_code  VARCHAR NOT NULL,          -- core.dim_indicator (checked by each load)
    value           DOUBLE NOT NULL,
    value_low       DOUBLE,
    value_high      DOUBLE,
    unit            VARCHAR NOT NULL,
    approximate     BOOLEAN NOT NULL,
    kind            VARCHAR NOT NULL,
    direction       VARCHAR,
    subject         VARCHAR,
    number_text     VARCHAR NOT NULL,
    evidence        VARCHAR NOT NULL,
    start_offset    INTEGER NOT NULL,          -- evidence span in core.dim_document.clean_text
    end_offset      INTEGER NOT NULL,
    figure_start    INTEGER NOT NULL,          -- the number and its unit, in clean_text
    figure_end      INTEGER NOT NULL,
    raw_start       INTEGER NOT NULL,          -- the number and its unit, in raw.document.text
    raw_end         INTEGER NOT NULL,
    run_id          VARCHAR NOT NULL
);
INSERT INTO core.fact_metric_006 SELECT * FROM core.fact_metric;
DROP TABLE core.fact_metric;
ALTER TABLE core.fact_metric_006 RENAME TO fact_metric;

CREATE TABLE core.fact_keyword_006 (
    doc_id      VARCHAR NOT NULL,              -- (doc_id, keyword) unique, doc_id a current document (checked by each load)
    keyword     VARCHAR NOT NULL,
    weight      DOUBLE NOT NULL,
    rank        INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL
);
INSERT INTO core.fact_keyword_006 SELECT * FROM core.fact_keyword;
DROP TABLE core.fact_keyword;
ALTER TABLE core.fact_keyword_006 RENAME TO fact_keyword;

CREATE TABLE core.fact_initiative_006 (
    doc_id          VARCHAR NOT NULL,          -- (doc_id, initiative_name) unique, both known (checked by each load)
    initiative_name VARCHAR NOT NULL,
    mentions        INTEGER NOT NULL,
    first_offset    INTEGER NOT NULL,
    run_id          VARCHAR NOT NULL
);
INSERT INTO core.fact_initiative_006 SELECT * FROM core.fact_initiative;
DROP TABLE core.fact_initiative;
ALTER TABLE core.fact_initiative_006 RENAME TO fact_initiative;

CREATE TABLE core.fact_time_ref_006 (
    doc_id       VARCHAR NOT NULL,             -- (doc_id, ordinal) unique, doc_id a current document (checked by each load)
    ordinal      INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    year         INTEGER,
    start_offset INTEGER NOT NULL,
    run_id       VARCHAR NOT NULL
);
INSERT INTO core.fact_time_ref_006 SELECT * FROM core.fact_time_ref;
DROP TABLE core.fact_time_ref;
ALTER TABLE core.fact_time_ref_006 RENAME TO fact_time_ref;

CREATE TABLE core.document_fingerprint_006 (
    doc_id   VARCHAR PRIMARY KEY,              -- a core.dim_document (checked by each load)
    minhash  BIGINT[] NOT NULL                 -- 64 MinHash values of the clean body (transforms/link/fingerprints.py)
);
INSERT INTO core.document_fingerprint_006 SELECT * FROM core.document_fingerprint;
DROP TABLE core.document_fingerprint;
ALTER TABLE core.document_fingerprint_006 RENAME TO document_fingerprint;

CREATE TABLE core.dim_document_006 (
    doc_id          VARCHAR PRIMARY KEY,       -- = raw.document.doc_id (checked by each load)
    source_file     VARCHAR NOT NULL,
    title           VARCHAR,
    publish_date    DATE REFERENCES core.dim_date (date_key),
    source          VARCHAR,
    author          VARCHAR,
    original_url    VARCHAR,
    adcode          VARCHAR REFERENCES core.dim_region (adcode),
    place_level     VARCHAR,
    script          VARCHAR NOT NULL,
    char_count      INTEGER NOT NULL,
    annotation_count INTEGER NOT NULL,
    garbled_spans   INTEGER NOT NULL,
    truncated       BOOLEAN NOT NULL,
    pii_removed     INTEGER NOT NULL,
    quality_score   DOUBLE NOT NULL,
    clean_text      VARCHAR NOT NULL USING COMPRESSION zstd, -- article body, simplified script, personal data removed
    is_current      BOOLEAN NOT NULL,          -- versions replaced by a changed file stay, without facts
    superseded_by   VARCHAR,
    run_id          VARCHAR NOT NULL,
    duplicate_of    VARCHAR,                   -- doc_id of the original this copies
    duplicate_similarity DOUBLE                -- estimated Jaccard of 5-character shingles
);
INSERT INTO core.dim_document_006 SELECT * FROM core.dim_document;
DROP TABLE core.dim_document;
ALTER TABLE core.dim_document_006 RENAME TO dim_document;
