"""One self-contained HTML page of the warehouse: summary figures, charts as inline SVG, every figure with its evidence.

The page needs no network: styles, script, chart SVG (rendered here by vl-convert, no Vega JavaScript) and the cleaned
articles are all inline.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path

import altair as alt
import duckdb
import vl_convert

MAX_ROWS = 2000
# Chart text stays as SVG <text>, so the browser picks the first CJK font the reader's system has.
FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
NO_DATA = '<p class="no-data">暂无数据 (no data)</p>'
PLACE = "coalesce(nullif(concat_ws(' ', province, coalesce(county, city)), ''), '未知地区')"
# A panel cell's period as a column label: 2023 (a year), 2021–2023 累计 (a span), 2023 存量 (a level at a point).
PERIOD = """concat(
    CASE WHEN period_start_year IS NOT NULL AND period_start_year <> period_end_year
         THEN period_start_year || '–' ELSE '' END,
    coalesce(CAST(period_end_year AS VARCHAR), '未注明年份'),
    CASE period_kind WHEN 'cumulative' THEN ' 累计' WHEN 'stock' THEN ' 存量' ELSE '' END)"""
PANEL_INDICATORS = 12


def build_html_report(con: duckdb.DuckDBPyConnection, max_rows: int = MAX_ROWS) -> str:
    """The whole page, read from mart.v_metrics, mart.v_documents, core.dim_document and ops.pipeline_run."""
    summary, total = _summary(con)
    rows = con.execute(
        f"""SELECT metric_id, doc_id, {PLACE}, publish_date, indicator_name_zh, category, value, unit, number_text,
                   source_file, start_offset, end_offset
            FROM mart.v_metrics ORDER BY 3, publish_date NULLS LAST, source_file, start_offset, metric_id LIMIT ?""",
        [max_rows],
    ).fetchall()
    doc_ids = list(dict.fromkeys(r[1] for r in rows))
    found = {
        doc_id: {"title": title, "file": file, "text": text}
        for doc_id, title, file, text in con.execute(
            "SELECT doc_id, title, source_file, clean_text FROM core.dim_document WHERE list_contains(?, doc_id)", [doc_ids]
        ).fetchall()
    }
    articles = [found[d] for d in doc_ids]
    index = {d: i for i, d in enumerate(doc_ids)}
    cards = "".join(f'<div class="card" data-key="{k}"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>' for k, label, value in summary)
    return PAGE.format(
        generated=f"{datetime.now():%Y-%m-%d %H:%M}",
        cards=cards,
        charts="".join(_charts(con)),
        panel=_panel(con),
        table=_table(rows, index, total),
        articles=_script_json(articles),
        style=STYLE,
        script=SCRIPT,
    )


def write_html_report(con: duckdb.DuckDBPyConnection, path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_html_report(con), encoding="utf-8")
    return path


def _e(value) -> str:
    return "" if value is None else html.escape(str(value))


def _number(value: float) -> str:
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _summary(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[str, str, str]], int]:
    """(key, label, value) of each summary card, and the number of figures."""
    docs, provinces, counties, first, last = con.execute(
        """SELECT count(*), count(DISTINCT province), count(DISTINCT adcode) FILTER (WHERE county IS NOT NULL),
                  min(publish_date), max(publish_date)
           FROM mart.v_documents WHERE on_topic"""  # counties by code: names repeat across provinces
    ).fetchall()[0]
    figures, indicators = con.execute("SELECT count(*), count(DISTINCT indicator_code) FROM mart.v_metrics").fetchall()[0]
    run = con.execute(
        "SELECT run_id, status, coalesce(finished_at, started_at) FROM ops.pipeline_run ORDER BY started_at DESC LIMIT 1"
    ).fetchall()
    last_run = f"{run[0][2]:%Y-%m-%d %H:%M} {run[0][1]} ({run[0][0]})" if run else "—"
    return [
        ("documents", "文档", f"{docs:,}"),
        ("figures", "数字", f"{figures:,}"),
        ("provinces", "覆盖省份", f"{provinces:,}"),
        ("counties", "覆盖县(市、区)", f"{counties:,}"),
        ("indicators", "指标", f"{indicators:,}"),
        ("dates", "发布日期", f"{first} 至 {last}" if first else "—"),
        ("last-run", "最近一次运行", last_run),
    ], figures


def _charts(con: duckdb.DuckDBPyConnection) -> list[str]:
    by_place = con.execute(f"SELECT {PLACE} AS place, category, count(*) AS figures FROM mart.v_metrics GROUP BY ALL").df()
    # Money put in (funding, venues), each place and period once: not output or income, no part, rate or plan.
    money = con.execute(
        f"""SELECT {PLACE} AS place, {PERIOD} AS period, sum(p.value) / 10000 AS amount
            FROM mart.v_indicator_panel p JOIN core.dim_indicator i USING (indicator_code)
            WHERE p.unit = '元' AND i.category IN ('资金保障', '阵地建设') GROUP BY ALL"""
    ).df()
    years = con.execute(
        """SELECT coalesce(CAST(year(publish_date) AS VARCHAR), '未注明') AS year, count(*) AS documents
           FROM mart.v_documents WHERE on_topic GROUP BY ALL ORDER BY year"""
    ).df()
    counts = alt.Axis(tickMinStep=1, format="d")
    bars = {"width": 520, "height": alt.Step(26)}
    return [
        _figure("places", "各地数字个数(按类别)", alt.Chart(by_place).mark_bar().encode(
            x=alt.X("figures:Q", title="数字个数", axis=counts),
            y=alt.Y("place:N", title=None, sort="-x"),
            color=alt.Color("category:N", title="类别"),
        ).properties(**bars)),
        _figure("money", "各地投入资金(资金保障与阵地建设,按期间;不含产值与收入)", alt.Chart(money).mark_bar().encode(
            x=alt.X("amount:Q", title="金额(万元)"),
            y=alt.Y("place:N", title=None, sort="-x"),
            yOffset=alt.YOffset("period:N"),  # side by side: a year and a span that covers it do not add up
            color=alt.Color("period:N", title="期间"),
        ).properties(**bars)),
        _figure("years", "各年份发布的文档", alt.Chart(years).mark_bar(color="#2c6fbb").encode(
            x=alt.X("year:N", title="发布年份", sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("documents:Q", title="文档数", axis=counts),
        ).properties(width=alt.Step(48), height=200)),
    ]


def _panel(con: duckdb.DuckDBPyConnection) -> str:
    """Place × period tables of mart.v_indicator_panel, one per indicator (the most reported first), chosen from a list;
    each cell links to the figures behind it."""
    cells = con.execute(
        f"""SELECT indicator_code, indicator_name_zh, unit, {PLACE} AS place, {PERIOD} AS period, value, conflict,
                   metric_ids, min_value, max_value
            FROM mart.v_indicator_panel p
            WHERE indicator_code IN (SELECT indicator_code FROM mart.v_indicator_panel GROUP BY 1
                                     ORDER BY count(*) DESC, 1 LIMIT ?)
            ORDER BY indicator_code, unit, place, period""",
        [PANEL_INDICATORS],
    ).fetchall()
    if not cells:
        return NO_DATA
    tables: dict[tuple[str, str, str], dict[str, dict[str, tuple]]] = {}
    for code, name, unit, place, period, value, conflict, ids, low, high in cells:
        tables.setdefault((code, name, unit), {}).setdefault(place, {})[period] = (value, conflict, ids, low, high)
    options, sections = [], []
    for n, ((code, name, unit), places) in enumerate(tables.items()):
        periods = sorted({p for row in places.values() for p in row})
        head = "".join(f"<th>{_e(p)}</th>" for p in ["地区", *periods])
        rows = []
        for place, row in places.items():
            tds = []
            for period in periods:
                if period not in row:
                    tds.append("<td></td>")
                    continue
                value, conflict, ids, low, high = row[period]
                flag = f' class="conflict" title="各文档不一致:{_number(low)}–{_number(high)}"' if conflict else ""
                tds.append(f'<td{flag}><a href="#{_e(html_id(ids[0]))}" data-metrics="{_e(" ".join(ids))}">{_number(value)}</a></td>')
            rows.append(f"<tr><th>{_e(place)}</th>{''.join(tds)}</tr>")
        key = f"{code}-{unit}"
        options.append(f'<option value="{_e(key)}">{_e(name)} ({_e(unit)})</option>')
        hidden = "" if n == 0 else " hidden"
        sections.append(
            f'<table class="panel" data-key="{_e(key)}"{hidden}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )
    return (
        f'<label>指标 <select id="panel-indicator">{"".join(options)}</select></label>'
        f'<p class="note">每个地区、期间一个数值(mart.v_indicator_panel):不含“其中”部分、人均与每村标准、'
        f'调整前后数值、比例、重复提及和计划目标;多份文档时以本级报告、较晚发布者为准,不一致者标红。点击数值查看原文。</p>'
        f'{"".join(sections)}'
    )


def _figure(key: str, caption: str, chart: alt.Chart) -> str:
    if chart.data.empty:
        body = NO_DATA
    else:
        spec = chart.configure(font=FONTS).configure_axis(labelLimit=260).configure_view(stroke=None)
        body = vl_convert.vegalite_to_svg(spec.to_json())
    return f'<figure class="chart" id="chart-{key}"><figcaption>{_e(caption)}</figcaption>{body}</figure>'


def _table(rows: list[tuple], index: dict[str, int], total: int) -> str:
    if not rows:
        return NO_DATA
    lines = []
    for metric_id, doc_id, place, date, indicator, category, value, unit, number_text, file, start, end in rows:
        cells = (place, date or "", indicator, category, _number(value), unit, number_text, file)
        tds = "".join(f"<td>{_e(c)}</td>" for c in cells)
        lines.append(
            f'<tr id="{_e(html_id(metric_id))}" data-doc="{index[doc_id]}" data-start="{start}" data-end="{end}" '
            f'tabindex="0" title="查看原文">{tds}</tr>'
        )
    note = (
        f'<p class="note">表格只列出前 {len(rows):,} 条数字,共 {total:,} 条;完整数据见 mart.v_metrics。</p>'
        if total > len(rows)
        else ""
    )
    head = "".join(f"<th>{h}</th>" for h in ("地区", "发布日期", "指标", "类别", "数值", "单位", "原文数字", "来源文件"))
    return f'{note}<table id="figures"><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table>'


def html_id(metric_id: str) -> str:
    """The table row id of a figure; the page's script maps #m-<metric_id> to it the same way."""
    return "m-" + re.sub(r"[^A-Za-z0-9_-]", "-", metric_id)


def _script_json(value) -> str:
    """JSON safe inside <script>: entities are not decoded there, so '<' '>' '&' become JSON escapes (no '</script>')."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --accent: #b3261e; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", system-ui, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 20px; }
h1 { margin: 0; font-size: 26px; }
h2 { font-size: 19px; margin: 32px 0 12px; }
.meta, .note { color: var(--muted); font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); gap: 12px; margin: 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card dt { color: var(--muted); font-size: 13px; }
.card dd { margin: 4px 0 0; font-size: 22px; font-weight: 600; overflow-wrap: anywhere; }
.card[data-key="dates"] dd, .card[data-key="last-run"] dd { font-size: 14px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
figure.chart { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-x: auto; }
figcaption { font-weight: 600; margin-bottom: 8px; }
figure.chart svg { max-width: 100%; height: auto; }
.no-data { color: var(--muted); font-style: italic; padding: 12px; background: #fff; border: 1px dashed var(--line); }
table { width: 100%; border-collapse: collapse; background: #fff; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { position: sticky; top: 0; background: #eef1f4; }
td:nth-child(5) { text-align: right; font-variant-numeric: tabular-nums; }
#figures tbody tr { cursor: pointer; }
table.panel td { text-align: right; font-variant-numeric: tabular-nums; }
table.panel td.conflict a { color: var(--accent); font-weight: 600; }
table.panel tbody th { position: static; background: none; font-weight: normal; }
tbody tr:hover, tbody tr:focus { background: #fff4e5; outline: none; }
tbody tr.selected { background: #ffe3c2; }
[hidden] { display: none !important; }
#evidence { position: fixed; top: 0; right: 0; bottom: 0; width: min(560px, 92vw); display: flex; flex-direction: column;
            background: #fff; border-left: 1px solid var(--line); box-shadow: -6px 0 24px rgba(0,0,0,.12); }
#evidence header { display: flex; gap: 12px; align-items: start; padding: 16px 20px 8px; margin: 0; }
#evidence h2 { margin: 0; flex: 1; font-size: 17px; }
#evidence button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 2px 10px; cursor: pointer; }
#evidence .file { padding: 0 20px; margin: 0; }
#evidence .article { padding: 12px 20px 40px; overflow-y: auto; white-space: pre-wrap; line-height: 1.9; }
mark { background: #ffd54f; padding: 1px 0; }
"""

SCRIPT = """
(() => {
  const articles = JSON.parse(document.getElementById("articles").textContent);
  const panel = document.getElementById("evidence");
  let selected = null;

  function show(row) {
    const doc = articles[Number(row.dataset.doc)];
    // Offsets count code points (Python str); JS strings index UTF-16 units, so split into code points first.
    const chars = Array.from(doc.text);
    const start = Number(row.dataset.start), end = Number(row.dataset.end);
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(start, end).join("");
    panel.querySelector(".article").replaceChildren(chars.slice(0, start).join(""), mark, chars.slice(end).join(""));
    panel.querySelector("h2").textContent = doc.title || doc.file;
    panel.querySelector(".file").textContent = doc.file;
    if (selected) selected.classList.remove("selected");
    selected = row;
    row.classList.add("selected");
    panel.hidden = false;
    mark.scrollIntoView({block: "center"});
  }

  function showHash() {
    // #m-<metric_id> as written in the warehouse (doc_id:ordinal) or as the row id: both map to the row id.
    const id = decodeURIComponent(location.hash.slice(1)).replace(/[^A-Za-z0-9_-]/g, "-");
    const row = id && document.getElementById(id);
    if (row && row.dataset.doc !== undefined) show(row);
  }

  function open(event) {
    const row = event.target.closest("tr[data-doc]");
    if (!row || (event.type === "keydown" && event.key !== "Enter")) return;
    history.replaceState(null, "", "#" + row.id);
    show(row);
  }

  document.addEventListener("click", open);
  document.addEventListener("keydown", open);
  panel.querySelector("button").addEventListener("click", () => { panel.hidden = true; });
  const chooser = document.getElementById("panel-indicator");
  if (chooser) chooser.addEventListener("change", () => {
    for (const table of document.querySelectorAll("table.panel")) table.hidden = table.dataset.key !== chooser.value;
  });
  window.addEventListener("hashchange", showHash);
  showHash();
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>农村基层党建指标报告</title>
<style>{style}</style>
</head>
<body>
<main>
<header><h1>农村基层党建指标报告</h1><p class="meta">生成于 {generated};点击表格中的一行查看该数字在原文中的句子。</p></header>
<section id="summary"><h2>概览</h2><dl class="cards">{cards}</dl></section>
<section id="charts"><h2>图表</h2><div class="charts">{charts}</div></section>
<section id="panel-section"><h2>指标面板(地区 × 期间)</h2>{panel}</section>
<section id="figures-section"><h2>数字明细</h2>{table}</section>
</main>
<aside id="evidence" hidden aria-live="polite">
<header><h2></h2><button type="button" aria-label="关闭">关闭</button></header>
<p class="file meta"></p>
<div class="article"></div>
</aside>
<script type="application/json" id="articles">{articles}</script>
<script>{script}</script>
</body>
</html>
"""
