-- Data-quality results: one row per suite and run, one per expectation and run; quarantine records say which
-- suite and severity removed a row.
CREATE TABLE ops.dq_run (
    run_id          VARCHAR NOT NULL,
    suite           VARCHAR NOT NULL,          -- documents, figures (Great Expectations), integrity (SQL in the load transaction)
    success         BOOLEAN NOT NULL,          -- no critical expectation failed
    evaluated       INTEGER NOT NULL,          -- expectations evaluated
    failed_critical INTEGER NOT NULL,
    failed_warning  INTEGER NOT NULL,
    rows_checked    BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    seconds         DOUBLE,
    data_docs       VARCHAR,                   -- index.html of the Data Docs site holding this run
    PRIMARY KEY (run_id, suite)
);

CREATE TABLE ops.dq_result (
    run_id          VARCHAR NOT NULL,
    suite           VARCHAR NOT NULL,
    check_name      VARCHAR NOT NULL,          -- stable name (transforms/validate/suites.py, warehouse/integrity.py)
    expectation     VARCHAR NOT NULL,          -- Great Expectations type, e.g. expect_column_values_to_be_between
    column_name     VARCHAR,
    severity        VARCHAR NOT NULL,          -- critical, warning
    success         BOOLEAN NOT NULL,
    element_count   BIGINT NOT NULL,
    unexpected_count BIGINT NOT NULL,
    unexpected_percent DOUBLE NOT NULL,
    sample_ids      VARCHAR[] NOT NULL,        -- up to 20 offending doc_id / metric_id values
    description     VARCHAR NOT NULL,
    PRIMARY KEY (run_id, suite, check_name)
);

ALTER TABLE ops.quarantine ADD COLUMN suite VARCHAR;
ALTER TABLE ops.quarantine ADD COLUMN severity VARCHAR;
ALTER TABLE ops.quarantine ALTER COLUMN source_file DROP NOT NULL;  -- a figure whose document is missing has no file
