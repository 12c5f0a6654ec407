"""One self-contained HTML page of the warehouse: summary figures, charts as inline SVG, every figure with its evidence.

The page needs no network: styles, script, chart SVG (rendered here by vl-convert, no Vega JavaScript), every figure
and the cleaned articles are all inline; the page's script filters, sorts and pages the figures in the browser.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import altair as alt
import duckdb
import pandas as pd
import vl_convert

# Chart text stays as SVG <text>, so the browser picks the first CJK font the reader's system has.
FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
NO_DATA = '<p class="no-data">暂无数据</p>'
PLACE = "coalesce(nullif(concat_ws(' ', province, coalesce(county, city)), ''), '未知地区')"
# A panel cell's period as a column label: 2023 (a year), 2021–2023 累计 (a span), 2023 存量 (a level at a point).
PERIOD = """concat(
    CASE WHEN period_start_year IS NOT NULL AND period_start_year <> period_end_year
         THEN period_start_year || '–' ELSE '' END,
    coalesce(CAST(period_end_year AS VARCHAR), '未注明年份'),
    CASE period_kind WHEN 'cumulative' THEN ' 累计' WHEN 'stock' THEN ' 存量' ELSE '' END)"""
PANEL_INDICATORS = 12
# Bars per chart: the places with the most, then one bar for the rest.
TOP_PLACES = 20
# Chart label sizes, in pixels: the space for a place's name is reserved from its characters, not measured with
# the fonts of the machine that builds the page (one without a CJK font measured 陕西省 as nothing and clipped it).
LABEL_FONT_SIZE = 11


def build_html_report(con: duckdb.DuckDBPyConnection) -> str:
    """The whole page, read from mart.v_metrics, mart.v_documents, mart.v_indicator_panel, core.dim_document and
    ops.pipeline_run."""
    summary = _summary(con)
    rows = con.execute(
        f"""SELECT metric_id, doc_id, coalesce(province, '未知地区'), {PLACE},
                   CAST(coalesce(period_end_year, year(publish_date)) AS VARCHAR), indicator_name_zh, category, value,
                   unit, number_text, evidence, source_file, start_offset, end_offset
            FROM mart.v_metrics ORDER BY 4, publish_date NULLS LAST, source_file, start_offset, metric_id"""
    ).fetchall()
    doc_ids = list(dict.fromkeys(r[1] for r in rows))
    found = {
        doc_id: {"title": title, "file": file, "text": text}
        for doc_id, title, file, text in con.execute(
            "SELECT doc_id, title, source_file, clean_text FROM core.dim_document WHERE list_contains(?, doc_id)", [doc_ids]
        ).fetchall()
    }
    index = {d: i for i, d in enumerate(doc_ids)}
    figures = [[m, index[d], *rest] for m, d, *rest in rows]
    cards = "".join(f'<div class="card" data-key="{k}"><dt>{_e(label)}</dt><dd>{_e(value)}</dd></div>' for k, label, value in summary)
    return PAGE.format(
        generated=f"{datetime.now():%Y-%m-%d %H:%M}",
        cards=cards,
        charts="".join(_charts(con)),
        panel=_panel(con),
        table=_table(figures),
        figures=_script_json(figures),
        articles=_script_json([found[d] for d in doc_ids]),
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


def _summary(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(key, label, value) of each summary card."""
    docs, provinces, counties, first, last = con.execute(
        """SELECT count(*), count(DISTINCT province), count(DISTINCT adcode) FILTER (WHERE county IS NOT NULL),
                  min(publish_date), max(publish_date)
           FROM mart.v_documents WHERE on_topic"""  # counties by code: names repeat across provinces
    ).fetchall()[0]
    figures, indicators = con.execute("SELECT count(*), count(DISTINCT indicator_code) FROM mart.v_metrics").fetchall()[0]
    run = con.execute(
        "SELECT run_id, status, coalesce(finished_at, started_at) FROM ops.pipeline_run ORDER BY started_at DESC LIMIT 1"
    ).fetchall()
    status = {"succeeded": "成功", "failed": "失败", "running": "运行中"}
    last_run = f"{run[0][2]:%Y-%m-%d %H:%M} {status.get(run[0][1], run[0][1])}(编号 {run[0][0]})" if run else "—"
    return [
        ("documents", "文档", f"{docs:,}"),
        ("figures", "数字", f"{figures:,}"),
        ("provinces", "覆盖省份", f"{provinces:,}"),
        ("counties", "覆盖县(市、区)", f"{counties:,}"),
        ("indicators", "指标", f"{indicators:,}"),
        ("dates", "发布日期", f"{first} 至 {last}" if first else "—"),
        ("last-run", "最近一次运行", last_run),
    ]


def _charts(con: duckdb.DuckDBPyConnection) -> list[str]:
    by_place = _top_places(con.execute(f"SELECT {PLACE} AS place, category, count(*) AS value FROM mart.v_metrics GROUP BY ALL").df())
    # Money put in (funding, venues), each place and period once: not output or income, no part, rate or plan.
    money = _top_places(con.execute(
        f"""SELECT {PLACE} AS place, {PERIOD} AS period, sum(p.value) / 10000 AS value
            FROM mart.v_indicator_panel p JOIN core.dim_indicator i USING (indicator_code)
            WHERE p.unit = '元' AND i.category IN ('资金保障', '阵地建设') GROUP BY ALL"""
    ).df())
    years = con.execute(
        """SELECT coalesce(CAST(year(publish_date) AS VARCHAR), '未注明') AS year, count(*) AS documents
           FROM mart.v_documents WHERE on_topic GROUP BY ALL ORDER BY year"""
    ).df()
    counts = alt.Axis(tickMinStep=1, format="d")
    return [
        _figure("places", f"各地数字个数(按类别,前 {TOP_PLACES} 个地区)", alt.Chart(by_place).mark_bar().encode(
            x=alt.X("value:Q", title="数字个数", axis=counts),
            y=_place_axis(by_place),
            color=alt.Color("category:N", title="类别"),
        ).properties(width=520, height=alt.Step(22))),
        _figure("money", f"各地投入资金(资金保障与阵地建设,按期间;不含产值与收入;前 {TOP_PLACES} 个地区)", alt.Chart(money).mark_bar().encode(
            x=alt.X("value:Q", title="金额(万元)"),
            y=_place_axis(money),
            yOffset=alt.YOffset("period:N"),  # side by side: a year and a span that covers it do not add up
            color=alt.Color("period:N", title="期间"),
        ).properties(width=520, height=alt.Step(max(5, 22 // max(1, money["period"].nunique()))))),  # a step per period
        _figure("years", "各年份发布的文档", alt.Chart(years).mark_bar(color="#2c6fbb").encode(
            x=alt.X("year:N", title="发布年份", sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("documents:Q", title="文档数", axis=counts),
        ).properties(width=alt.Step(48), height=200)),
    ]


def _top_places(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the TOP_PLACES places with the largest total value; the other places' rows as one place, 其他 N 个地区."""
    if frame.empty:
        return frame
    totals = frame.groupby("place")["value"].sum().sort_values(ascending=False, kind="stable")
    rest = list(totals.index[TOP_PLACES:])
    if not rest:
        return frame
    keys = [c for c in frame.columns if c not in ("place", "value")]
    others = frame[frame.place.isin(rest)].groupby(keys, as_index=False)["value"].sum()
    others.insert(0, "place", f"其他 {len(rest)} 个地区")
    return pd.concat([frame[~frame.place.isin(rest)], others], ignore_index=True)


def _place_axis(frame: pd.DataFrame) -> alt.Y:
    """Places down the side, the largest first and the rest last, in a band as wide as the longest name needs."""
    order = frame.groupby("place")["value"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    order.sort(key=lambda p: p.startswith("其他 "))
    width = max((label_width(p) for p in order), default=0) + 8
    return alt.Y("place:N", title=None, sort=order, axis=alt.Axis(labelLimit=0, minExtent=width, maxExtent=width))


def label_width(text: str) -> int:
    """Pixels a label of LABEL_FONT_SIZE needs in any font: a full em for a wide (CJK) character, 0.62 em for others."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)
    return math.ceil(ems * LABEL_FONT_SIZE)


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
        f'<div class="panel-scroll">{"".join(sections)}</div>'
    )


def _figure(key: str, caption: str, chart: alt.Chart) -> str:
    if chart.data.empty:
        body = NO_DATA
    else:
        spec = chart.configure(font=FONTS).configure_axis(labelFontSize=LABEL_FONT_SIZE).configure_view(stroke=None)
        body = vl_convert.vegalite_to_svg(spec.to_json())
    return f'<figure class="chart" id="chart-{key}"><figcaption>{_e(caption)}</figcaption>{body}</figure>'


COLUMNS = ("地区", "年份", "指标", "类别", "数值", "单位", "原文数字", "原文句子", "来源文件")


def _table(figures: list[list]) -> str:
    """The figures table's controls and frame; the page's script fills it from the figures' JSON, a page at a time."""
    if not figures:
        return NO_DATA
    head = "".join(f'<th data-column="{i}" tabindex="0" title="点击排序">{h}</th>' for i, h in enumerate(COLUMNS))
    selects = "".join(
        f'<label>{label} <select data-filter="{key}"><option value="">全部</option></select></label>'
        for key, label in (("province", "省份"), ("indicator", "指标"), ("category", "类别"), ("year", "年份"))
    )
    return (
        f'<div class="filters">{selects}<label>搜索 <input type="search" id="figure-search" placeholder="地区、指标、原文…"></label></div>'
        f'<p class="note" id="figure-count"></p>'
        f'<table id="figures"><thead><tr>{head}</tr></thead><tbody></tbody></table>'
        '<nav class="pager"><button type="button" data-page="-1">上一页</button><span id="figure-page"></span>'
        '<button type="button" data-page="1">下一页</button></nav>'
    )


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
#figures td:nth-child(5) { text-align: right; font-variant-numeric: tabular-nums; }
#figures td:nth-child(8) { min-width: 18em; }
#figures tbody tr { cursor: pointer; }
#figures th[data-column] { cursor: pointer; white-space: nowrap; }
#figures th[data-sorted="asc"]::after { content: " ▲"; }
#figures th[data-sorted="desc"]::after { content: " ▼"; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; margin-bottom: 8px; }
.filters select, .filters input { font: inherit; max-width: 16em; }
.pager { display: flex; gap: 12px; align-items: center; justify-content: center; margin: 12px 0; }
.pager button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 2px 12px; cursor: pointer; }
.panel-scroll { max-height: 560px; overflow: auto; border: 1px solid var(--line); }
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
  // A figure: [metric_id, article, province, place, year, indicator, category, value, unit, number_text, evidence,
  // file, start, end]; the table shows SHOWN of them.
  const figures = JSON.parse(document.getElementById("figures-data").textContent);
  const SHOWN = [3, 4, 5, 6, 7, 8, 9, 10, 11];
  const SEARCHED = [2, 3, 4, 5, 6, 9, 10, 11];
  const FILTERS = {province: 2, indicator: 5, category: 6, year: 4};
  const PAGE_SIZE = 100;
  const UNDATED = "未注明";
  const panel = document.getElementById("evidence");
  const table = document.getElementById("figures");
  const state = {filters: {}, query: "", sort: null, desc: false, page: 0};
  let view = figures;
  let selected = null;

  const rowId = (metricId) => "m-" + metricId.replace(/[^A-Za-z0-9_-]/g, "-");
  const number = (v) => v.toLocaleString("en-US", {maximumFractionDigits: 6});
  const field = (f, i) => (f[i] === null ? (i === 4 ? UNDATED : "") : String(f[i]));

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
    document.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
    selected = row.id;
    row.classList.add("selected");
    panel.hidden = false;
    mark.scrollIntoView({block: "center"});
  }

  function refresh() {
    const query = state.query.trim().toLowerCase();
    view = figures.filter((f) =>
      Object.entries(state.filters).every(([key, value]) => !value || field(f, FILTERS[key]) === value) &&
      (!query || SEARCHED.some((i) => field(f, i).toLowerCase().includes(query))));
    if (state.sort !== null) {
      const i = state.sort, direction = state.desc ? -1 : 1;
      view.sort((a, b) => {
        if (a[i] === b[i]) return 0;
        if (a[i] === null) return 1;
        if (b[i] === null) return -1;
        return direction * (typeof a[i] === "number" ? a[i] - b[i] : String(a[i]).localeCompare(String(b[i]), "zh"));
      });
    }
    render();
  }

  function render() {
    const pages = Math.max(1, Math.ceil(view.length / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    const rows = view.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).map((f) => {
      const row = document.createElement("tr");
      Object.assign(row, {id: rowId(f[0]), tabIndex: 0, title: "查看原文"});
      Object.assign(row.dataset, {doc: f[1], start: f[12], end: f[13]});
      if (row.id === selected) row.classList.add("selected");
      for (const i of SHOWN) {
        const cell = document.createElement("td");
        cell.textContent = i === 7 ? number(f[i]) : field(f, i);
        row.append(cell);
      }
      return row;
    });
    table.tBodies[0].replaceChildren(...rows);
    document.getElementById("figure-count").textContent =
      `共 ${figures.length.toLocaleString("en-US")} 条数字,符合条件 ${view.length.toLocaleString("en-US")} 条`;
    document.getElementById("figure-page").textContent = `第 ${state.page + 1} / ${pages} 页`;
    for (const th of table.tHead.rows[0].cells) {
      th.dataset.sorted = SHOWN[Number(th.dataset.column)] === state.sort ? (state.desc ? "desc" : "asc") : "";
    }
  }

  function showHash() {
    // #m-<metric_id> as written in the warehouse (doc_id:ordinal) or as the row id: both map to the row id.
    const id = decodeURIComponent(location.hash.slice(1)).replace(/[^A-Za-z0-9_-]/g, "-");
    const figure = id && figures.find((f) => rowId(f[0]) === id);
    if (!figure) return;
    if (!view.includes(figure)) {  // filtered out: show every figure again
      state.filters = {};
      state.query = "";
      document.querySelectorAll("[data-filter]").forEach((s) => { s.value = ""; });
      document.getElementById("figure-search").value = "";
      refresh();
    }
    state.page = Math.floor(view.indexOf(figure) / PAGE_SIZE);
    render();
    show(document.getElementById(id));
  }

  function open(event) {
    const row = event.target.closest("tr[data-doc]");
    if (!row || (event.type === "keydown" && event.key !== "Enter")) return;
    history.replaceState(null, "", "#" + row.id);
    show(row);
  }

  function sortBy(event) {
    const th = event.target.closest("th[data-column]");
    if (!th || (event.type === "keydown" && event.key !== "Enter")) return;
    const i = SHOWN[Number(th.dataset.column)];
    state.desc = state.sort === i ? !state.desc : false;
    state.sort = i;
    state.page = 0;
    refresh();
  }

  if (table) {
    for (const select of document.querySelectorAll("[data-filter]")) {
      const i = FILTERS[select.dataset.filter];
      const values = [...new Set(figures.map((f) => field(f, i)))].filter((v) => v !== "");
      values.sort((a, b) => (i === 4 ? b.localeCompare(a) : a.localeCompare(b, "zh")));
      select.append(...values.map((v) => new Option(v, v)));
      select.addEventListener("change", () => { state.filters[select.dataset.filter] = select.value; state.page = 0; refresh(); });
    }
    let typing = null;
    document.getElementById("figure-search").addEventListener("input", (event) => {
      clearTimeout(typing);
      typing = setTimeout(() => { state.query = event.target.value; state.page = 0; refresh(); }, 150);
    });
    for (const button of document.querySelectorAll(".pager button")) {
      button.addEventListener("click", () => { state.page += Number(button.dataset.page); render(); });
    }
    table.tHead.addEventListener("click", sortBy);
    table.tHead.addEventListener("keydown", sortBy);
    table.tBodies[0].addEventListener("click", open);
    table.tBodies[0].addEventListener("keydown", open);
    refresh();
  }
  panel.querySelector("button").addEventListener("click", () => { panel.hidden = true; });
  const chooser = document.getElementById("panel-indicator");
  if (chooser) chooser.addEventListener("change", () => {
    for (const t of document.querySelectorAll("table.panel")) t.hidden = t.dataset.key !== chooser.value;
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
<header><h1>农村基层党建指标报告</h1><p class="meta">生成于 {generated};点击表格中的一行查看该数字在原文中的句子;表格可按省份、指标、类别、年份筛选,可搜索,点击表头排序。</p></header>
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
<script type="application/json" id="figures-data">{figures}</script>
<script type="application/json" id="articles">{articles}</script>
<script>{script}</script>
</body>
</html>
"""
