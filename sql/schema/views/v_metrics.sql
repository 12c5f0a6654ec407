-- mart.v_metrics: one row per figure of a current document about rural party building, with its indicator, place,
-- date and evidence. Figures of off-topic documents (a football report's 投入3亿元) are in mart.v_metrics_all only.
-- A public contract: columns are only ever added, at the end (in v_metrics_all); none is renamed or dropped.
CREATE OR REPLACE VIEW mart.v_metrics AS
SELECT * EXCLUDE (on_topic) FROM mart.v_metrics_all WHERE on_topic;
