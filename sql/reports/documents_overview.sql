-- Documents overview: one row per loaded document with its place, date, source, script, figure count and whether it is about rural party building.
-- zh: 文档一览:每份已载入文档的地区、日期、来源、文字、数字个数及是否属于农村基层党建。
SELECT source_file, title, publish_date, source, author,
       coalesce(county, city, province) AS place, adcode, script, char_count, metric_count, quality_score, on_topic
FROM mart.v_documents
ORDER BY source_file;
