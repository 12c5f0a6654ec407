"""The developer commands: `dangjian eval`, `synth`, `bench` and `agreement` (the code is in bench/)."""

from __future__ import annotations

import time
from pathlib import Path

import click

from flows.cli.common import fail
from flows.cli.output import as_json
from flows.settings import DEFAULT_SOURCE


@click.command(name="eval")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="Gold annotation JSON.")
@click.option("--source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SOURCE, show_default=True)
@click.option("--json", "as_json_flag", is_flag=True, help="Print the full result as JSON.")
def evaluate(gold: Path, source: Path, as_json_flag: bool) -> None:
    """Run the pipeline into a scratch warehouse and score it against GOLD."""
    from bench.evaluation import evaluate as score, render
    from transforms.errors import PipelineError

    if not source.is_dir():
        fail(f"source folder {source} does not exist")
    try:
        result = score(gold, source)  # a broken gold file fails before the pipeline runs
    except PipelineError as exc:
        fail(str(exc))
    click.echo(as_json(result) if as_json_flag else render(result))


@click.command()
@click.option("--docs", type=click.IntRange(min=1), required=True, help="How many articles to write.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="New or empty folder for the articles (1000 a subfolder), expected.jsonl and manifest.json.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same docs and seed write the same bytes.")
@click.option("--source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SOURCE, show_default=True,
              help="Folder of articles whose sentences the corpus reuses.")
def synth(docs: int, output: Path, seed: int, source: Path) -> None:
    """Write a synthetic scale corpus from SOURCE's sentences, with the figures extraction should find in it."""
    from bench.synth import generate

    if not source.is_dir():
        fail(f"source folder {source} does not exist")
    if output.exists() and any(output.iterdir()):  # stale files would be scored against the new expected.jsonl
        fail(f"output folder {output} is not empty")
    started = time.perf_counter()
    try:
        counts = generate(docs, output, seed, source)["counts"]
    except ValueError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {exc.filename or output}: {exc.strerror}")
    seconds = time.perf_counter() - started
    click.echo(
        f"wrote {counts['files']} files ({counts['bytes'] / 1e6:.1f} MB, {counts['copies']} republished copies, "
        f"{counts['figures']} expected figures) to {output} in {seconds:.1f} s ({counts['files'] / seconds:.0f} docs/s)"
    )


@click.command()
@click.option("--docs", type=click.IntRange(min=1), required=True, help="Articles in the synthetic corpus.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for corpus/, bench.duckdb and the runs' output (default .state/bench); a corpus of the same docs "
                   "and seed there is reused.")
@click.option("--runner", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--segmenter", type=click.Choice(["jieba", "rjieba"]), default="rjieba", show_default=True,
              help="The runs' segmenter; with rjieba the report adds its token agreement with jieba on the corpus.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False, path_type=Path), help="Results file (default WORKDIR/bench.json).")
def bench(docs: int, seed: int, workdir: Path | None, runner: str, segmenter: str, json_file: Path | None) -> None:
    """Benchmark the flow on a synthetic corpus: throughput, stage shares, peak memory, the jieba floor, reruns, quality."""
    from bench.benchmark import render_report, run_bench

    try:
        report = run_bench(docs, seed, workdir, runner, segmenter)
    except (ValueError, RuntimeError) as exc:
        fail(str(exc))
    path = json_file or Path(report["workdir"]) / "bench.json"
    path.write_text(as_json(report) + "\n", encoding="utf-8")
    click.echo(render_report(report))
    click.echo(f"wrote {path}")


@click.command()
@click.option("--source", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_SOURCE, show_default=True,
              help="Folder of articles, cleaned as a run would clean them.")
@click.option("--segmenter", type=click.Choice(["rjieba"]), default="rjieba", show_default=True, help="The backend to compare with jieba.")
@click.option("--json", "as_json_flag", is_flag=True, help="Print the full result as JSON.")
def agreement(source: Path, segmenter: str, as_json_flag: bool) -> None:
    """How often a faster segmenter cuts SOURCE's clean texts exactly where jieba does."""
    from bench.agreement import agreement as measure, clean_texts

    if not source.is_dir():
        fail(f"source folder {source} does not exist")
    result = measure(clean_texts(source), segmenter)
    if as_json_flag:
        click.echo(as_json(result))
        return
    click.echo(
        f"{result['backend']} vs {result['reference']}: {100 * result['token_agreement']:.4f} % of {result['tokens']} tokens identical, "
        f"{100 * result['chinese_token_agreement']:.4f} % of {result['chinese_tokens']} Chinese tokens; "
        f"{result['texts_identical']} of {result['texts']} texts cut identically"
    )
    if result["differing_examples"]:
        click.echo("differing tokens (jieba's): " + " ".join(result["differing_examples"]))
