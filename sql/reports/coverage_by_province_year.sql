-- Document coverage per province and year of publication: original documents, their figures and places; republished copies counted apart.
SELECT coalesce(province, '(unknown)') AS province,
       year(publish_date) AS year,
       count(*) FILTER (WHERE duplicate_of IS NULL) AS documents,
       count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS republished_copies,
       count(DISTINCT adcode) FILTER (WHERE duplicate_of IS NULL) AS places,
       coalesce(sum(metric_count) FILTER (WHERE duplicate_of IS NULL), 0)::BIGINT AS figures
FROM mart.v_documents
GROUP BY ALL
ORDER BY province, year;
