-- Document coverage per province and year of publication: original documents about rural party building, their figures and places; republished copies and off-topic documents counted apart.
-- zh: 各省、各发布年份的文档覆盖:原创文档及其数字和地区;转载与非本题文档另计。
SELECT coalesce(province, '(unknown)') AS province,
       year(publish_date) AS year,
       count(*) FILTER (WHERE duplicate_of IS NULL AND on_topic) AS documents,
       count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS republished_copies,
       count(DISTINCT adcode) FILTER (WHERE duplicate_of IS NULL AND on_topic) AS places,
       coalesce(sum(metric_count) FILTER (WHERE duplicate_of IS NULL AND on_topic), 0)::BIGINT AS figures,
       count(*) FILTER (WHERE duplicate_of IS NULL AND NOT on_topic) AS off_topic_documents
FROM mart.v_documents
GROUP BY ALL
ORDER BY province, year;
