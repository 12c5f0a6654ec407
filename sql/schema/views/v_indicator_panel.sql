-- mart.v_indicator_panel: one value per place, indicator, unit, kind of period and period, from the figures that may be
-- added up (mart.v_metrics.additive: totals, not parts, rates, before/after values, shares, thresholds, restatements
-- or plans). Each document's figures of a cell are summed; of the documents reporting a cell, the place's own report
-- outranks one from the level above, then the later publication, then the larger doc_id. Republished copies load no
-- figures and so count once. conflict: the documents disagree by more than rounding (1 %); min_value and max_value
-- keep both ends and metric_ids every figure behind the cell, for drill-down into mart.v_metrics.
-- A public contract: columns are only ever added, at the end; none is renamed or dropped.
CREATE OR REPLACE VIEW mart.v_indicator_panel AS
WITH figures AS (
    SELECT
        m.*,
        coalesce(m.figure_adcode, m.adcode) AS cell_adcode
    FROM mart.v_metrics m
    WHERE m.additive
),
per_document AS (
    SELECT
        cell_adcode,
        indicator_code,
        unit,
        period_kind,
        period_start_year,
        period_end_year,
        doc_id,
        any_value(adcode) AS doc_adcode,
        any_value(publish_date) AS publish_date,
        sum(value) AS value,
        count(*) AS mentions,
        list(metric_id ORDER BY metric_id) AS metric_ids
    FROM figures
    WHERE cell_adcode IS NOT NULL
    GROUP BY ALL
),
ranked AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY cell_adcode, indicator_code, unit, period_kind, period_start_year, period_end_year
            ORDER BY (doc_adcode IS NOT DISTINCT FROM cell_adcode) DESC, publish_date DESC NULLS LAST, doc_id DESC
        ) AS rank
    FROM per_document
)
SELECT
    r.province,
    r.city,
    r.county,
    p.cell_adcode AS adcode,
    p.indicator_code,
    i.name_zh AS indicator_name_zh,
    i.name_en AS indicator_name_en,
    p.unit,
    p.period_kind,
    p.period_start_year,
    p.period_end_year,
    max(p.value) FILTER (WHERE p.rank = 1) AS value,
    min(p.value) AS min_value,
    max(p.value) AS max_value,
    sum(p.mentions)::INTEGER AS mentions,
    count(*)::INTEGER AS documents,
    (max(p.value) - min(p.value)) > 0.01 * greatest(abs(max(p.value)), abs(min(p.value))) AS conflict,
    list_sort(flatten(list(p.metric_ids))) AS metric_ids
FROM ranked p
JOIN core.dim_indicator i USING (indicator_code)
JOIN core.dim_region r ON r.adcode = p.cell_adcode
GROUP BY ALL;
