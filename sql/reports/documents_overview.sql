-- Documents overview: one row per loaded document with its place, date, source, script, figure count and whether it is about rural party building.
SELECT source_file, title, publish_date, source, author,
       coalesce(county, city, province) AS place, adcode, script, char_count, metric_count, quality_score, on_topic
FROM mart.v_documents
ORDER BY source_file;
