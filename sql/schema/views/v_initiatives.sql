-- mart.v_initiatives: one row per named practice, with how many documents about rural party building and places
-- mention it.
CREATE OR REPLACE VIEW mart.v_initiatives AS
SELECT f.initiative_name, count(*) AS documents, sum(f.mentions) AS mentions,
       list(DISTINCT coalesce(r.county, r.city, r.province) ORDER BY coalesce(r.county, r.city, r.province)) AS places
FROM core.fact_initiative f
JOIN core.dim_document d USING (doc_id)
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current AND d.on_topic IS NOT FALSE
GROUP BY f.initiative_name;
