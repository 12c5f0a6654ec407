"""`dangjian bench`: the whole flow on a synthetic corpus — throughput, stage shares, peak memory, the jieba floor,
incremental reruns and extraction quality.

Each flow run is a child process (`python -m flows.cli run --json`), so its memory is measured apart from the bench's.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from flows.settings import PROJECT_ROOT, current

# Appended to the last paragraph (a short paragraph of its own would be read as page chrome): a new figure per file.
CHANGE = "此外，全年新增发展党员{}名。"
SAMPLE_SECONDS = 0.2
MB = 1e6
AGREEMENT_SAMPLE = 5000  # articles whose jieba and backend segmentations are compared


def prepare_corpus(corpus: Path, docs: int, seed: int) -> tuple[dict, bool]:
    """The corpus's manifest and whether an existing one was reused; a corpus of other docs or seed, or whose files
    do not add up to its manifest's bytes (an interrupted bench leaves changed files), is written again."""
    from bench.synth import generate
    from transforms.ingest.scan import scan

    manifest_path = corpus / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = scan(corpus)[0]
        if (manifest["seed"], manifest["counts"]["files"], len(files)) == (seed, docs, docs) and sum(
            f.path.stat().st_size for f in files
        ) == manifest["counts"]["bytes"]:
            return manifest, True
        shutil.rmtree(corpus)
    elif corpus.exists() and any(corpus.iterdir()):  # not written by synth: not ours to delete
        raise ValueError(f"{corpus} holds files but no manifest.json; give another --workdir")
    return generate(docs, corpus, seed), False


def _sample_tree(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Keep in peak[0] the largest total RSS seen of the process and all its descendants (Prefect's server, workers)."""
    import psutil

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while True:
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.NoSuchProcess:  # ended between the listing and the reading
                pass
        peak[0] = max(peak[0], total)
        if stop.wait(SAMPLE_SECONDS):
            return



def run_flow(source: Path, warehouse: Path, runner: str, log_stem: Path, segmenter: str = "rjieba") -> dict:
    """`dangjian run --json` in a child process: its summary plus wall seconds and peak RSS in MB, both the sampled
    total of its process tree and the largest single process (the kernel's ru_maxrss)."""
    command = [sys.executable, "-m", "flows.cli", "run", "--json", "--runner", runner, "--segmenter", segmenter,
               "--source", str(source), "--warehouse", str(warehouse)]
    out_path, err_path = log_stem.with_suffix(".json"), log_stem.with_suffix(".log")
    stop, peak = threading.Event(), [0]
    with out_path.open("w") as out, err_path.open("w") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=PROJECT_ROOT)
        sampler = threading.Thread(target=_sample_tree, args=(child.pid, stop, peak), daemon=True)
        sampler.start()
        # wait4 gives this child's rusage alone (with its waited-for descendants); getrusage(RUSAGE_CHILDREN)
        # would report the maximum over every child this process ever had, earlier flow runs and workers included.
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
    if child.returncode:
        raise RuntimeError(f"dangjian run exited with {child.returncode}; see {err_path}")
    summary = json.loads(out_path.read_text(encoding="utf-8"))
    return {
        **summary,
        "wall_seconds": round(wall, 2),
        "peak_rss_tree_mb": round(peak[0] / MB, 1),
        "peak_rss_process_mb": round(usage.ru_maxrss * 1024 / MB, 1),  # ru_maxrss is in KiB on Linux
    }


def _warm(barrier) -> None:
    """Load jieba's dictionary in this worker, then wait until every worker has: timing starts with all of them warm."""
    from transforms.extract.segmenters import segment

    segment("党建引领基层治理", "jieba")
    barrier.wait(timeout=300)


def _segment_all(texts: list[str]) -> int:
    from transforms.extract.segmenters import segment

    return sum(len(segment(t, "jieba")) for t in texts)


def loaded_texts(warehouse: Path) -> list[str]:
    """The clean text of every current document in the warehouse: what the run's extract stage segmented, read back
    instead of cleaned again (cleaning 100,000 articles in one process takes longer than the run)."""
    from warehouse.connection import connect

    con = connect(warehouse, read_only=True)
    try:
        return [text for (text,) in con.execute("SELECT clean_text FROM core.dim_document WHERE is_current ORDER BY doc_id").fetchall()]
    finally:
        con.close()


def floor_seconds(texts: list[str], workers: int) -> dict:
    """Wall seconds of bare jieba segmentation of the texts across `workers` warm spawn processes: what extraction
    cannot go below, since every document is segmented for its keywords."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(barrier,)) as pool:
        # One call per worker starts them all (a spawn pool starts a worker per call while none is idle); none of
        # the calls returns before the barrier, i.e. before every worker has loaded its dictionary.
        list(pool.map(abs, range(workers)))
        chunks = [texts[i :: 4 * workers] for i in range(4 * workers)]  # several per worker, so none idles at the end
        started = time.perf_counter()
        tokens = sum(pool.map(_segment_all, chunks))
        seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "workers": workers, "documents": len(texts), "tokens": tokens}


def change_files(corpus: Path, manifest: dict) -> dict[Path, bytes]:
    """Append a sentence with a new figure to max(1, N // 100) plain-text originals spread over the corpus; return
    their old bytes so the corpus can be restored. Copies are left alone: a changed copy is a new duplicate, not a reload."""
    copies = {c["file"] for c in manifest["copies"]}
    candidates = sorted(p for p in corpus.glob("*/*.txt") if p.relative_to(corpus).as_posix() not in copies)
    count = max(1, manifest["counts"]["files"] // 100)
    chosen = candidates[:: max(1, len(candidates) // count)][:count]
    from transforms.ingest.decoding import decode

    old = {}
    for i, path in enumerate(chosen):
        data = old[path] = path.read_bytes()
        _, encoding = decode(data)
        path.write_bytes(data.rstrip(b"\n") + CHANGE.format(100 + i).encode(encoding) + b"\n")
    return old


def score_extraction(warehouse: Path, corpus: Path, manifest: dict) -> dict:
    """Precision and recall of (file, value, unit) in mart.v_metrics against expected.jsonl, republished copies left
    out (their figures are loaded with their original's). Not bench.evaluation.score_figures: that needs gold
    categories and keys ranges by their bounds, which expected.jsonl does not carry."""
    from warehouse.connection import connect

    copies = {c["file"] for c in manifest["copies"]}
    with (corpus / "expected.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    expected = Counter((r["file"], round(r["value"], 6), r["unit"]) for r in rows)
    con = connect(warehouse, read_only=True)
    try:
        found_rows = con.execute("SELECT source_file, value, unit FROM mart.v_metrics").fetchall()
    finally:
        con.close()
    found = Counter((f, round(v, 6), u) for f, v, u in found_rows if f not in copies)
    matched = sum((found & expected).values())
    return {
        "expected": sum(expected.values()),
        "extracted": sum(found.values()),
        "matched": matched,
        "precision": round(matched / sum(found.values()), 4) if found else 0.0,
        "recall": round(matched / sum(expected.values()), 4) if expected else 0.0,
    }


def _rerun(run: dict, full: dict) -> dict:
    keys = ("wall_seconds", "seconds", "files_new", "files_unchanged", "files_loaded", "metrics_loaded")
    return {**{k: run[k] for k in keys}, "percent_of_full": round(100 * run["wall_seconds"] / full["wall_seconds"], 1)}


def run_bench(docs: int, seed: int = 0, workdir: Path | None = None, runner: str = "local", segmenter: str = "rjieba") -> dict:
    """Corpus, full run, extraction quality, jieba floor, unchanged rerun, 1 % changed rerun, and the segmenter's
    agreement with jieba when it is not jieba; the measurements."""
    from bench.agreement import agreement

    workers = current().workers
    workdir = workdir or current().state_dir / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    corpus, warehouse = workdir / "corpus", workdir / "bench.duckdb"
    manifest, reused = prepare_corpus(corpus, docs, seed)
    for stale in (warehouse, warehouse.with_name(warehouse.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(warehouse.with_name(warehouse.stem + ".state"), ignore_errors=True)  # the run's Data Docs

    full = run_flow(corpus, warehouse, runner, workdir / "run-full", segmenter)
    quality = score_extraction(warehouse, corpus, manifest)
    texts = loaded_texts(warehouse)
    floor = floor_seconds(texts, workers)
    # jieba is slow in one process: an even sample keeps the agreement check affordable at scale
    agreed = agreement(texts[:: max(1, len(texts) // AGREEMENT_SAMPLE)], segmenter) if segmenter != "jieba" else None
    del texts
    unchanged = run_flow(corpus, warehouse, runner, workdir / "run-unchanged", segmenter)
    old = change_files(corpus, manifest)
    try:
        changed = run_flow(corpus, warehouse, runner, workdir / "run-changed", segmenter)
    finally:
        for path, data in old.items():  # the corpus stays reusable
            path.write_bytes(data)

    wall, size = full["wall_seconds"], manifest["counts"]["bytes"]
    # Shares of the child's wall time; clean and extract are one stage (one task per batch), and with workers its share
    # is the time the flow's process waited for them (their work overlaps ingest, validate and stage). "startup" is the
    # rest outside the flow: interpreter, imports, the run's Prefect server start and stop.
    shares = {stage: round(seconds / wall, 4) for stage, seconds in full["stage_seconds"].items()}
    shares["startup"] = round((wall - full["seconds"]) / wall, 4)
    return {
        "docs": docs,
        "seed": seed,
        "runner": runner,
        "segmenter": segmenter,
        "segmenter_agreement": agreed,
        "workers": workers,
        "workdir": str(workdir),
        "corpus": {"path": str(corpus), "reused": reused, **manifest["counts"]},
        "full": {
            "wall_seconds": wall,
            "flow_seconds": full["seconds"],
            "docs_per_second": round(docs / wall, 2),
            "mb_per_second": round(size / MB / wall, 3),
            "flow_docs_per_second": round(docs / full["seconds"], 2),
            "stage_seconds": {k: round(v, 2) for k, v in full["stage_seconds"].items()},
            "stage_cpu_seconds": {k: round(v, 2) for k, v in full["stage_cpu_seconds"].items()},
            "stage_share": shares,
            "peak_rss_tree_mb": full["peak_rss_tree_mb"],
            "peak_rss_process_mb": full["peak_rss_process_mb"],
            **{k: full[k] for k in ("files_loaded", "files_duplicate", "files_quarantined", "metrics_loaded")},
        },
        "floor": {**floor, "ratio": round(wall / floor["seconds"], 2), "flow_ratio": round(full["seconds"] / floor["seconds"], 2)},
        "unchanged": _rerun(unchanged, full),
        "changed": {"files_changed": len(old), **_rerun(changed, full)},
        "quality": quality,
    }


def render_report(report: dict) -> str:
    """The measurements as a few readable lines."""
    c, full, floor, q = report["corpus"], report["full"], report["floor"], report["quality"]
    shares = ", ".join(f"{stage} {100 * share:.1f} %" for stage, share in full["stage_share"].items())
    lines = [
        f"corpus      {c['files']} files, {c['bytes'] / MB:.1f} MB, {c['copies']} republished copies (seed {report['seed']}, "
        f"{'reused' if c['reused'] else 'generated'}) in {c['path']}",
        f"full run    {full['wall_seconds']:.1f} s wall ({full['flow_seconds']:.1f} s in the flow), {full['docs_per_second']:.1f} docs/s, "
        f"{full['mb_per_second']:.2f} MB/s; {report['runner']} runner, {report['workers']} workers, {report['segmenter']} segmenter",
        f"            loaded {full['files_loaded']}, duplicates {full['files_duplicate']}, quarantined {full['files_quarantined']}, "
        f"{full['metrics_loaded']} metrics",
        f"stages      {shares}",
        f"peak RSS    {full['peak_rss_tree_mb']:.0f} MB process tree (sampled every {SAMPLE_SECONDS} s), "
        f"{full['peak_rss_process_mb']:.0f} MB largest process",
        f"jieba floor {floor['seconds']:.1f} s on {floor['workers']} workers; run wall / floor {floor['ratio']:.1f}x "
        f"(flow / floor {floor['flow_ratio']:.1f}x)",
    ]
    for name in ("unchanged", "changed"):
        r = report[name]
        what = "no change" if name == "unchanged" else f"{r['files_changed']} files changed"
        lines.append(
            f"rerun       {what}: {r['wall_seconds']:.1f} s wall ({r['percent_of_full']:.0f} % of the full run, {r['seconds']:.1f} s in the flow), "
            f"{r['files_loaded']} loaded, {r['files_unchanged']} unchanged"
        )
    if a := report["segmenter_agreement"]:
        lines.append(
            f"segmenter   {a['backend']} cuts {100 * a['token_agreement']:.4f} % of jieba's tokens identically "
            f"({100 * a['chinese_token_agreement']:.4f} % of Chinese tokens; {a['texts_identical']} of {a['texts']} texts identical)"
        )
    lines.append(
        f"extraction  precision {q['precision']:.4f}, recall {q['recall']:.4f} ({q['matched']} of {q['expected']} expected, "
        f"{q['extracted']} extracted, copies left out)"
    )
    return "\n".join(lines)
