-- Weak or lax village party organisations rectified (ORG_WEAK_BRANCH_RECTIFIED) per place and year of publication.
-- param: province text default NULL — only this province; all provinces when not given
SELECT province, city, county,
       year(publish_date) AS year,
       sum(value) AS organisations,
       count(*) AS figures,
       count(DISTINCT doc_id) AS documents
FROM mart.v_metrics
WHERE indicator_code = 'ORG_WEAK_BRANCH_RECTIFIED'
  AND ($province IS NULL OR province = $province)
GROUP BY ALL
ORDER BY province, city, county, year;
