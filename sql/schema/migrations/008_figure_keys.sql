-- 008: the figures' (value, unit) keys of each document beside its MinHash, so a new article whose wording passes for
-- a copy of a loaded one (the same template, another year's figures) is linked only if it also reports its figures.
-- NULL for documents loaded before: for them the wording alone decides, as before.
ALTER TABLE core.document_fingerprint ADD COLUMN figure_keys BIGINT[];
