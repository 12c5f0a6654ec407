-- Top keywords per province: keyword weights summed over the province's documents about rural party building, highest first.
-- zh: 各省高频关键词:该省农村基层党建文档的关键词权重之和,由高到低。
-- param: limit int default 10 — keywords per province
-- param: province text default NULL — only this province; all provinces when not given
SELECT province, rank, keyword, round(weight, 4) AS weight, documents
FROM (
    SELECT coalesce(r.province, '(unknown)') AS province, k.keyword,
           sum(k.weight) AS weight,
           count(*) AS documents,
           row_number() OVER (PARTITION BY coalesce(r.province, '(unknown)') ORDER BY sum(k.weight) DESC, k.keyword) AS rank
    FROM core.fact_keyword k
    JOIN core.dim_document d USING (doc_id)
    LEFT JOIN core.dim_region r ON r.adcode = d.adcode
    WHERE d.is_current AND d.on_topic IS NOT FALSE
      AND ($province IS NULL OR r.province = $province)
    GROUP BY 1, 2
)
WHERE rank <= $limit
ORDER BY province, rank;
