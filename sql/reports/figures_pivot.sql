-- Figures pivot: one row per place, one column per indicator and unit holding the total value, to paste into a spreadsheet.
-- zh: 数字透视表:每个地区一行,每个指标和单位一列,便于粘贴到电子表格。
-- Columns are `INDICATOR_CODE (unit)` so no cell adds up different units; empty cells mean no figure.
-- No parameters: DuckDB cannot bind parameters in a PIVOT whose columns come from the data.
PIVOT (
    SELECT province, city, county, indicator_code || ' (' || unit || ')' AS indicator, value
    FROM mart.v_metrics
    WHERE additive  -- no part, rate, before/after value, share, threshold, restatement or plan
)
ON indicator
USING sum(value)
GROUP BY province, city, county
ORDER BY province, city, county;
