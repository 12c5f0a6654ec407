-- Warehouse layers: raw (documents as read), core (star schema), ops (runs and outcomes), mart (analyst views).
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS ops;
CREATE SCHEMA IF NOT EXISTS mart;

CREATE TABLE ops.pipeline_run (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    status          VARCHAR NOT NULL,          -- succeeded, failed
    source_dir      VARCHAR NOT NULL,
    files_seen      INTEGER,
    files_new       INTEGER,
    files_unchanged INTEGER,
    files_loaded    INTEGER,
    files_duplicate INTEGER,
    files_quarantined INTEGER,
    metrics_loaded  INTEGER,
    duration_s      DOUBLE,
    stage_seconds   VARCHAR,                   -- JSON object: stage -> seconds
    flow_run_id     VARCHAR,
    error           VARCHAR
);

CREATE TABLE ops.file_outcome (
    run_id      VARCHAR NOT NULL REFERENCES ops.pipeline_run (run_id),
    source_file VARCHAR NOT NULL,
    doc_id      VARCHAR,
    outcome     VARCHAR NOT NULL,              -- loaded, unchanged, duplicate, quarantined
    reason      VARCHAR,
    detail      VARCHAR,
    PRIMARY KEY (run_id, source_file)
);

CREATE TABLE raw.document (
    doc_id      VARCHAR PRIMARY KEY,           -- SHA-256 of the file's bytes
    source_file VARCHAR NOT NULL,              -- path relative to the source folder
    content     BLOB,                          -- original bytes (NULL after `dangjian purge-raw`)
    size_bytes  BIGINT NOT NULL,
    encoding    VARCHAR NOT NULL,
    media_type  VARCHAR NOT NULL,
    text        VARCHAR,                       -- decoded text, before cleaning
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    is_current  BOOLEAN NOT NULL,              -- false once the file at source_file has changed
    run_id      VARCHAR NOT NULL
);

CREATE TABLE core.dim_region (
    adcode          VARCHAR PRIMARY KEY,       -- 6-digit administrative division code
    name            VARCHAR NOT NULL,
    level           VARCHAR NOT NULL,          -- province, city, county
    province        VARCHAR NOT NULL,
    city            VARCHAR,
    county          VARCHAR,
    parent_adcode   VARCHAR
);

CREATE TABLE core.dim_date (
    date_key    DATE PRIMARY KEY,
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL,
    month       INTEGER NOT NULL,
    day         INTEGER NOT NULL,
    year_month  VARCHAR NOT NULL
);

CREATE TABLE core.dim_indicator (
    indicator_code  VARCHAR PRIMARY KEY,
    name_zh         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    expected_unit   VARCHAR,
    tier            INTEGER NOT NULL,
    taxonomy_version VARCHAR NOT NULL
);

CREATE TABLE core.dim_document (
    doc_id          VARCHAR PRIMARY KEY,       -- = raw.document.doc_id (DuckDB has no cross-schema foreign keys; checked by tests)
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
    clean_text      VARCHAR NOT NULL,          -- article body, simplified script, personal data removed
    is_current      BOOLEAN NOT NULL,          -- versions replaced by a changed file stay, without facts
    superseded_by   VARCHAR,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE core.fact_metric (
    metric_id       VARCHAR PRIMARY KEY,       -- doc_id || ':' || ordinal
    doc_id          VARCHAR NOT NULL REFERENCES core.dim_document (doc_id),
    indicator_code  VARCHAR NOT NULL REFERENCES core.dim_indicator (indicator_code),
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

CREATE TABLE core.fact_keyword (
    doc_id      VARCHAR NOT NULL REFERENCES core.dim_document (doc_id),
    keyword     VARCHAR NOT NULL,
    weight      DOUBLE NOT NULL,
    rank        INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, keyword)
);

CREATE TABLE core.dim_initiative (
    initiative_name VARCHAR PRIMARY KEY,
    first_run_id    VARCHAR NOT NULL
);

CREATE TABLE core.fact_initiative (
    doc_id          VARCHAR NOT NULL REFERENCES core.dim_document (doc_id),
    initiative_name VARCHAR NOT NULL REFERENCES core.dim_initiative (initiative_name),
    mentions        INTEGER NOT NULL,
    first_offset    INTEGER NOT NULL,
    run_id          VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, initiative_name)
);

CREATE TABLE core.fact_time_ref (
    doc_id      VARCHAR NOT NULL REFERENCES core.dim_document (doc_id),
    ordinal     INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    year        INTEGER,
    start_offset INTEGER NOT NULL,
    run_id      VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);

INSERT INTO core.dim_date
SELECT d::DATE, year(d), quarter(d), month(d), day(d), strftime(d, '%Y-%m')
FROM range(DATE '1990-01-01', DATE '2041-01-01', INTERVAL 1 DAY) t(d);

CREATE TABLE ops.quarantine (
    run_id      VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    doc_id      VARCHAR,
    item        VARCHAR NOT NULL,              -- document or figure
    item_id     VARCHAR,                       -- metric ordinal for figures
    check_name  VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL
);
