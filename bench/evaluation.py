"""`dangjian eval`: run the pipeline into a scratch warehouse and score its figures, categories, places and dates
against a gold annotation file (the format of tests/fixtures/seeds_gold.json)."""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from transforms.errors import GoldFileError


def _key(unit: str, value: float, low: float | None, high: float | None) -> tuple:
    if low is not None and high is not None:
        return (unit, round(float(low), 4), round(float(high), 4))
    return (unit, round(float(value), 4))


CONTEXT = {"period": ("period_kind", "period_start_year", "period_end_year"), "role": ("role",)}


def score_figures(gold: list[dict], predicted: list[dict]) -> dict:
    """Precision/recall/F1 of figures (same file, canonical unit and value; ranges by both bounds),
    category agreement on the matches, and the lists of misses, extras and matches filed under another category."""
    gold_by_file: dict[str, Counter] = defaultdict(Counter)
    gold_rows: dict[tuple, list[dict]] = defaultdict(list)
    # Figures of one file, unit and value are paired in the order they stand in (gold's start, the prediction's
    # raw_start), so that two "102个" of one article are each compared with their own.
    for g in sorted(gold, key=lambda g: (g["file"], g.get("start") or 0)):
        k = (g["file"], *_key(g["unit"], g["value"], g.get("value_low"), g.get("value_high")))
        gold_by_file[g["file"]][k] += 1
        gold_rows[k].append(g)
    matched, category_agree = 0, 0
    context = {name: [0, 0] for name in CONTEXT}  # per annotated field: judged, agreed
    context_wrong: list[dict] = []
    extras, miscategorised, used = [], [], Counter()
    for p in sorted(predicted, key=lambda p: (p["file"], p.get("raw_start") or 0)):
        k = (p["file"], *_key(p["unit"], p["value"], p.get("value_low"), p.get("value_high")))
        if used[k] < gold_by_file[p["file"]][k]:
            g = gold_rows[k][used[k]]
            used[k] += 1
            matched += 1
            if g["category"] == p.get("category"):
                category_agree += 1
            else:
                miscategorised.append({**p, "gold_category": g["category"]})
            for name, fields in CONTEXT.items():
                if all(f in g for f in fields):
                    agree = all(g[f] == p.get(f) for f in fields)
                    context[name][0] += 1
                    context[name][1] += agree
                    if not agree:
                        context_wrong.append({**p, "field": name, "gold_value": [g[f] for f in fields], "got": [p.get(f) for f in fields]})
        else:
            extras.append(p)
    misses = []
    for k, rows in gold_rows.items():
        misses.extend(rows[used[k]:])
    precision = matched / len(predicted) if predicted else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": matched,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "category_agreement": round(category_agree / matched, 4) if matched else 0.0,
        # Period and role agreement, on the matches whose gold row carries them (README: annotating period and role).
        **{f"{name}_agreement": round(agreed / judged, 4) for name, (judged, agreed) in context.items() if judged},
        **{f"{name}_judged": judged for name, (judged, _) in context.items() if judged},
        "context_wrong": context_wrong,
        "misses": misses,
        "extras": extras,
        "miscategorised": miscategorised,
    }


def score_documents(gold_docs: list[dict], predicted: dict[str, dict]) -> dict:
    """Accuracy of province, city, county and publication date per document (None must match None)."""
    fields = ("province", "city", "county", "publish_date")
    correct = Counter()
    wrong = []
    for g in gold_docs:
        p = predicted.get(g["file"], {})
        for f in fields:
            if (p.get(f) or None) == (g.get(f) or None):
                correct[f] += 1
            else:
                wrong.append({"file": g["file"], "field": f, "gold": g.get(f), "predicted": p.get(f)})
    n = len(gold_docs)
    placed = sum(1 for g in gold_docs if not any(w["file"] == g["file"] and w["field"] != "publish_date" for w in wrong))
    return {
        "documents": n,
        **{f"{f}_accuracy": round(correct[f] / n, 4) if n else 0.0 for f in fields},
        "place_accuracy": round(placed / n, 4) if n else 0.0,
        "wrong": wrong,
    }


GOLD_METRIC_FIELDS = ("file", "value", "unit", "category")
GOLD_DOCUMENT_FIELDS = ("file",)


def read_gold(gold_path: Path) -> dict:
    """The gold annotation, checked before any run: JSON with `metrics` and `documents` lists of the fields scored."""
    try:
        annotation = json.loads(gold_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise GoldFileError(f"gold file {gold_path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise GoldFileError(f"gold file {gold_path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(annotation, dict):
        raise GoldFileError(f"gold file {gold_path} must be a JSON object with `metrics` and `documents` lists")
    for key, fields in (("metrics", GOLD_METRIC_FIELDS), ("documents", GOLD_DOCUMENT_FIELDS)):
        rows = annotation.get(key)
        if not isinstance(rows, list):
            raise GoldFileError(f"gold file {gold_path} has no `{key}` list (see tests/fixtures/seeds_gold.json)")
        for i, row in enumerate(rows):
            missing = [f for f in fields if not isinstance(row, dict) or f not in row]
            if missing:
                raise GoldFileError(f"gold file {gold_path}: {key}[{i}] lacks {', '.join(missing)}")
    return annotation


def evaluate(gold_path: Path, source: Path) -> dict:
    """The pipeline's output for source, scored against the gold file: {"figures": ..., "documents": ...}."""
    from flows.run import run_flow
    from warehouse.connection import connect

    annotation = read_gold(gold_path)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "eval.duckdb"
        run_flow(source, scratch)
        con = connect(scratch, read_only=True)
        metrics = con.sql(
            """SELECT m.source_file AS file, m.* EXCLUDE (source_file), i.expected_unit
               FROM mart.v_metrics m JOIN core.dim_indicator i USING (indicator_code)
               ORDER BY m.source_file, m.raw_start, m.metric_id"""
        ).df()
        documents = con.sql("SELECT source_file AS file, province, city, county, CAST(publish_date AS VARCHAR) AS publish_date FROM mart.v_documents").df()
        con.close()
    predicted = metrics.astype(object).where(metrics.notna(), None).to_dict("records")
    figures = score_figures(annotation["metrics"], predicted)
    rows = documents.astype(object).where(documents.notna(), None).to_dict("records")
    places = score_documents(annotation["documents"], {r["file"]: r for r in rows})
    return {"figures": figures, "documents": places, "units": unit_agreement(predicted)}


_CHINESE_NUMERALS = re.compile(r"[〇零一二两三四五六七八九十百千万亿萬億兩]")


def shape(figure: dict) -> str:
    """The class of a figure's written number, for grouping misses: range, fraction, Chinese numerals, spaced, Arabic."""
    written = str(figure.get("number_text") or "")
    if figure.get("value_low") is not None:
        return "range"
    if "分之" in written:
        return "fraction"
    if _CHINESE_NUMERALS.search(written.replace("万", "").replace("亿", "")):
        return "Chinese numerals"
    if " " in written:
        return "spaced"
    return "Arabic"


def unit_agreement(predicted: list[dict]) -> dict:
    """How many figures carry a unit their indicator does not expect (among indicators that expect one)."""
    judged = [p for p in predicted if p.get("expected_unit")]
    odd = [p for p in judged if p["unit"] != p["expected_unit"]]
    return {"judged": len(judged), "mismatched": len(odd), "share": round(len(odd) / len(judged), 4) if judged else 0.0,
            "examples": [f"{p['file']}: {p['value']} {p['unit']} under {p['indicator_code']} ({p['expected_unit']})" for p in odd[:20]]}


def classes(result: dict) -> dict[str, Counter]:
    """Misses by unit and by the shape of their number, wrong places by level, wrong dates by what went wrong."""
    misses = result["figures"]["misses"]
    wrong = result["documents"]["wrong"]
    dates = [w for w in wrong if w["field"] == "publish_date"]
    return {
        "missed figures by unit": Counter(m["unit"] for m in misses),
        "missed figures by number shape": Counter(shape(m) for m in misses),
        "wrong places by level": Counter(w["field"] for w in wrong if w["field"] != "publish_date"),
        "wrong dates": Counter("not found" if w["predicted"] is None else "none in gold" if w["gold"] is None else "another date" for w in dates),
    }


def render(result: dict) -> str:
    """The scores, then every miss, extra figure, other category and wrong place or date, a line each."""
    figures, places = result["figures"], result["documents"]
    lines = [
        f"figures: precision {figures['precision']:.3f}  recall {figures['recall']:.3f}  F1 {figures['f1']:.3f}  "
        f"({figures['matched']} matched of {figures['gold']} gold, {figures['predicted']} predicted)",
        f"category agreement on matches: {figures['category_agreement']:.3f}",
        "place accuracy: province {province_accuracy:.3f}  city {city_accuracy:.3f}  county {county_accuracy:.3f}  "
        "date accuracy: {publish_date_accuracy:.3f}".format(**places)
        + f"  (all three place levels right: {places['place_accuracy']:.3f})",
    ]
    for name in CONTEXT:
        if f"{name}_agreement" in figures:
            lines.append(f"{name} agreement on matches: {figures[f'{name}_agreement']:.3f} ({figures[f'{name}_judged']} annotated)")
    if units := result.get("units"):
        lines.append(f"indicator/unit mismatches: {units['mismatched']} of {units['judged']} figures ({units['share']:.3f})")
    for name, counts in classes(result).items():
        if counts:
            lines.append(f"{name}: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
    lines += [f"  miss   {m['file']}: {m['value']} {m['unit']}  ({m['evidence']})" for m in figures["misses"]]
    lines += [f"  extra  {x['file']}: {x['value']} {x['unit']}  ({x['evidence']})" for x in figures["extras"]]
    lines += [
        f"  category {odd['file']}: {odd['value']} {odd['unit']} gold {odd['gold_category']}, got {odd['category']}"
        f" {odd['indicator_code']}  ({odd['evidence']})"
        for odd in figures["miscategorised"]
    ]
    lines += [
        f"  {odd['field']:<6} {odd['file']}: {odd['value']} {odd['unit']} gold {odd['gold_value']}, got {odd['got']}  ({odd['evidence']})"
        for odd in figures.get("context_wrong", [])
    ]
    lines += [f"  wrong  {w['file']} {w['field']}: gold {w['gold']!r}, got {w['predicted']!r}" for w in places["wrong"]]
    return "\n".join(lines)

