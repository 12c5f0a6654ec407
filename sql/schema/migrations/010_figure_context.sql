-- 010: what adding a figure up needs (transforms/extract/periods.py, roles.py, places.figure_place): the period it
-- covers, the place it is about, its role among its document's figures and whether it may be summed with others of its
-- indicator. NULL for figures loaded before: a rerun of their files fills them.
ALTER TABLE core.fact_metric ADD COLUMN period_kind VARCHAR;         -- stock, flow, cumulative, target
ALTER TABLE core.fact_metric ADD COLUMN period_start_year INTEGER;   -- NULL: a span whose start the text does not give
ALTER TABLE core.fact_metric ADD COLUMN period_end_year INTEGER;
ALTER TABLE core.fact_metric ADD COLUMN figure_adcode VARCHAR;       -- core.dim_region; the document's unless the sentence names another
ALTER TABLE core.fact_metric ADD COLUMN role VARCHAR;                -- total, part, rate, before, after, change, share, threshold, restatement
ALTER TABLE core.fact_metric ADD COLUMN additive BOOLEAN;
