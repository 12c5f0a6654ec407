-- Named initiatives and where they appear: one row per initiative and document about rural party building, most widespread initiatives first.
-- zh: 具名举措及其出处:每个举措和文档一行,分布最广者在前。
-- param: initiative text default NULL — only this initiative (exact name, e.g. 三会一课); all when not given
-- param: province text default NULL — only documents from this province; all provinces when not given
SELECT f.initiative_name,
       count(*) OVER (PARTITION BY f.initiative_name) AS documents,
       r.province, r.city, r.county,
       d.title, d.source_file, d.publish_date,
       f.mentions,
       i.first_run_id
FROM core.fact_initiative f
JOIN core.dim_initiative i USING (initiative_name)
JOIN core.dim_document d USING (doc_id)
LEFT JOIN core.dim_region r ON r.adcode = d.adcode
WHERE d.is_current AND d.on_topic IS NOT FALSE
  AND ($initiative IS NULL OR f.initiative_name = $initiative)
  AND ($province IS NULL OR r.province = $province)
ORDER BY documents DESC, f.initiative_name, r.province, r.city, r.county, d.source_file;
