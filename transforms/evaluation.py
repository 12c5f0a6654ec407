"""Score extracted figures, places and dates against a gold annotation file."""

from __future__ import annotations

from collections import Counter, defaultdict


def _key(unit: str, value: float, low: float | None, high: float | None) -> tuple:
    if low is not None and high is not None:
        return (unit, round(float(low), 4), round(float(high), 4))
    return (unit, round(float(value), 4))


def score_figures(gold: list[dict], predicted: list[dict]) -> dict:
    """Precision/recall/F1 of figures (same file, canonical unit and value; ranges by both bounds),
    category agreement on the matches, and the lists of misses, extras and matches filed under another category."""
    gold_by_file: dict[str, Counter] = defaultdict(Counter)
    gold_rows: dict[tuple, list[dict]] = defaultdict(list)
    for g in gold:
        k = (g["file"], *_key(g["unit"], g["value"], g.get("value_low"), g.get("value_high")))
        gold_by_file[g["file"]][k] += 1
        gold_rows[k].append(g)
    matched, category_agree = 0, 0
    extras, miscategorised, used = [], [], Counter()
    for p in predicted:
        k = (p["file"], *_key(p["unit"], p["value"], p.get("value_low"), p.get("value_high")))
        if used[k] < gold_by_file[p["file"]][k]:
            g = gold_rows[k][used[k]]
            used[k] += 1
            matched += 1
            if g["category"] == p.get("category"):
                category_agree += 1
            else:
                miscategorised.append({**p, "gold_category": g["category"]})
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
    return {"documents": n, **{f"{f}_accuracy": round(correct[f] / n, 4) if n else 0.0 for f in fields}, "wrong": wrong}
