"""Tabulation: a batch's records as Arrow tables with the warehouse's columns and types, offsets intact."""

import copy
import unicodedata
from datetime import datetime

import duckdb
import pytest

from transforms.tables import Tables, tabulate
from warehouse import staging
from warehouse.migrate import migrate


@pytest.fixture(scope="module")
def seeds(raw_seeds, clean_seeds, extracted_seeds):
    names = sorted(clean_seeds)
    return raw_seeds, [clean_seeds[n] for n in names], [extracted_seeds[n] for n in names]


@pytest.fixture(scope="module")
def tables(seeds):
    return tabulate(*seeds, "r1", datetime(2026, 12, 1, 9, 30))


def test_every_record_gets_its_rows(seeds, tables):
    raw, clean, xs = seeds
    assert tables.raw.num_rows == tables.documents.num_rows == len(clean) == 5
    assert tables.metrics.num_rows == sum(len(x.figures) for x in xs)
    assert tables.keywords.num_rows == sum(len(x.keywords) for x in xs)
    assert tables.initiatives.num_rows == sum(len(x.initiatives) for x in xs)
    assert tables.time_refs.num_rows == sum(len(x.time_refs) for x in xs)
    assert set(tables.metrics["run_id"].to_pylist()) == {"r1"}


def test_figures_point_into_the_clean_and_the_raw_text(seeds, tables):
    raw, clean, _ = seeds
    texts = {d.doc_id: d.text for d in clean}
    raws = {r.doc_id: r.text for r in raw}
    for row in tables.metrics.to_pylist():
        assert row["text_at_offsets"] == row["evidence"] == texts[row["doc_id"]][row["start_offset"] : row["end_offset"]]
        number = texts[row["doc_id"]][row["figure_start"] : row["figure_end"]]
        assert number and number in row["evidence"]
        # The raw span holds the figure as the file had it: Traditional script, full-width digits or pinyin may differ.
        source = raws[row["doc_id"]]
        assert 0 <= row["raw_start"] < row["raw_end"] <= len(source)
        if number[0].isascii() and number[0].isdigit():
            assert unicodedata.normalize("NFKC", source[row["raw_start"]]) == number[0]


def test_staged_tables_read_back_with_the_warehouse_types(tables, tmp_path):
    con = duckdb.connect()
    migrate(con)
    path = staging.create(tmp_path / "staging")
    staging.add(path, tables)
    staging.attach(con, path)
    for table in staging.VIEWS:
        if table == "main.replaced":
            continue
        warehouse = con.execute(f"DESCRIBE {table}").fetchall()
        staged = con.execute(f"DESCRIBE stg.{table}").fetchall()
        assert [(c[0], c[1]) for c in staged] == [(c[0], c[1]) for c in warehouse], table
    counts = {t: con.execute(f"SELECT count(*) FROM stg.{t}").fetchall()[0][0] for t in ("core.dim_document", "core.fact_metric")}
    assert counts == {"core.dim_document": 5, "core.fact_metric": tables.metrics.num_rows}


def test_an_extraction_without_its_document_keeps_its_rows_for_validation_to_reject(seeds):
    raw, clean, xs = seeds
    orphan = copy.deepcopy(xs[0])
    orphan.doc_id = "no-such-document"
    tables = tabulate(raw, clean, [*xs, orphan], "r1", datetime.now())
    rows = [r for r in tables.metrics.to_pylist() if r["doc_id"] == "no-such-document"]
    assert len(rows) == len(orphan.figures) and all(r["text_at_offsets"] is None and r["raw_start"] is None for r in rows)
    missing = tabulate(raw, clean, xs[1:], "r1", datetime.now()).documents.to_pylist()
    assert [d["extracted"] for d in missing] == [d.doc_id != xs[0].doc_id for d in clean]


def test_keep_filters_every_table_by_document_and_figures_by_id(tables):
    first, second = tables.documents["doc_id"].to_pylist()[:2]
    dropped = f"{second}:0"
    kept = tables.keep([first, second], [m for m in tables.metrics["metric_id"].to_pylist() if m != dropped])
    for name, table in kept.items():
        assert set(table["doc_id"].to_pylist()) <= {first, second}, name
    assert dropped not in kept.metrics["metric_id"].to_pylist()
    assert kept.metrics.num_rows == sum(1 for d in tables.metrics["doc_id"].to_pylist() if d in (first, second)) - 1
    assert kept.raw.num_rows == kept.documents.num_rows == 2


def test_concat_of_nothing_is_empty_tables_of_every_kind():
    empty = Tables.concat([])
    assert all(table.num_rows == 0 for _, table in empty.items())
    assert "minhash" in empty.documents.column_names
