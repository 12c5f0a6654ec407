-- 009: how much each document is about rural party building (transforms/extract/topic.py). The figures of an
-- off-topic document are loaded like any other, and the mart leaves them out. NULL for documents loaded before:
-- they count as on topic.
ALTER TABLE core.dim_document ADD COLUMN topic_score DOUBLE;  -- weighted genre words per 1,000 characters
ALTER TABLE core.dim_document ADD COLUMN on_topic BOOLEAN;
-- What each run loaded off topic: documents, and their figures (among metrics_loaded).
ALTER TABLE ops.pipeline_run ADD COLUMN documents_off_topic INTEGER;
ALTER TABLE ops.pipeline_run ADD COLUMN metrics_off_topic INTEGER;
