"""Loading the warehouse: migrations, reruns, changed files, a failed load, and the contract views."""

import duckdb
import pytest

from helpers import run_without_prefect
from warehouse.connection import connect
from warehouse.load import load_run
from warehouse.migrate import current_version, migrate, migrations

COUNTED = ["raw.document", "core.dim_document", "core.fact_metric", "core.fact_keyword", "core.fact_initiative", "core.fact_time_ref"]


def _batch(source, warehouse_path, run_id):
    """The stages up to the load, over source, against what the warehouse holds now."""
    return run_without_prefect(source, warehouse_path, run_id, warehouse_path.parent / run_id)


def _counts(con):
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def test_migrations_apply_once_and_record_the_version(warehouse_path):
    con = connect(warehouse_path)
    assert migrate(con) == [n for n, _ in migrations()]
    assert migrate(con) == []
    assert current_version(con) == migrations()[-1][0]


def test_a_warehouse_whose_views_read_columns_its_tables_did_not_have_yet_upgrades(warehouse_path):
    # A warehouse of migration 8: its v_metrics lacks the columns v_indicator_panel now reads from it.
    con = connect(warehouse_path)
    con.execute("CREATE SCHEMA ops")
    con.execute("CREATE TABLE ops.schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
    older = [(n, path) for n, path in migrations() if n <= 8]
    for number, path in older:
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("INSERT INTO ops.schema_version VALUES (?, ?, now())", [number, path.name])
    con.execute("CREATE OR REPLACE VIEW mart.v_metrics AS SELECT doc_id, value, unit FROM core.fact_metric")
    assert migrate(con) == [n for n, _ in migrations() if n > 8]
    views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE schema_name = 'mart'").fetchall()}
    assert {"v_metrics", "v_metrics_all", "v_documents", "v_indicator_panel", "v_initiatives"} <= views
    assert "additive" in [c for (c, *_) in con.execute("DESCRIBE mart.v_metrics").fetchall()]


def test_second_load_of_same_input_keeps_counts(seed_copy, warehouse_path, gold):
    con = connect(warehouse_path)
    migrate(con)
    load_run(con, _batch(seed_copy, warehouse_path, "r1"))
    first = _counts(con)
    load_run(con, _batch(seed_copy, warehouse_path, "r2"))
    assert _counts(con) == first
    assert first["core.fact_metric"] == len(gold["metrics"])


def test_changed_file_replaces_only_its_own_facts(seed_copy, warehouse_path):
    con = connect(warehouse_path)
    migrate(con)
    load_run(con, _batch(seed_copy, warehouse_path, "r1"))
    before = dict(con.execute("SELECT doc_id, count(*) FROM core.fact_metric GROUP BY doc_id").fetchall())
    target = sorted(seed_copy.iterdir())[3]
    target.write_text(target.read_text(encoding="utf-8") + "\n另外,全县持续加强村级活动阵地建设,统筹资金新建和改扩建党群服务中心7个,进一步提升了服务群众的能力和水平。", encoding="utf-8")
    load_run(con, _batch(seed_copy, warehouse_path, "r2"))
    after = dict(con.execute("SELECT doc_id, count(*) FROM core.fact_metric GROUP BY doc_id").fetchall())
    kept = set(before) & set(after)
    assert len(kept) == 4 and all(before[d] == after[d] for d in kept)
    (new_id,) = set(after) - set(before)
    assert after[new_id] == before[(set(before) - set(after)).pop()] + 1
    assert con.execute("SELECT count(*) FROM mart.v_documents").fetchone()[0] == 5
    assert con.execute("SELECT count(*) FROM core.dim_document WHERE NOT is_current AND superseded_by = ?", [new_id]).fetchone()[0] == 1


def test_a_failure_inside_the_load_leaves_the_warehouse_as_it_was(seed_copy, warehouse_path, monkeypatch):
    import warehouse.load

    con = connect(warehouse_path)
    migrate(con)
    load_run(con, _batch(seed_copy, warehouse_path, "r1"))
    before = _counts(con)
    target = sorted(seed_copy.iterdir())[1]
    target.write_text(target.read_text(encoding="utf-8") + "\n新增示范党支部3个。", encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(warehouse.load, "outcome_frame", boom)  # late in the load's transaction, after every fact is written
    with pytest.raises(RuntimeError):
        load_run(con, _batch(seed_copy, warehouse_path, "r2"))
    assert _counts(con) == before
    assert con.execute("SELECT count(*) FROM ops.pipeline_run WHERE run_id = 'r2'").fetchone()[0] == 0


def test_views_keep_their_contract_columns(seed_copy, warehouse_path):
    con = connect(warehouse_path)
    migrate(con)
    load_run(con, _batch(seed_copy, warehouse_path, "r1"))
    metrics = [r[0] for r in con.execute("DESCRIBE mart.v_metrics").fetchall()]
    documents = [r[0] for r in con.execute("DESCRIBE mart.v_documents").fetchall()]
    assert metrics[:23] == [
        "source_file", "doc_id", "value", "value_low", "value_high", "unit", "approximate", "kind", "direction", "subject",
        "indicator_code", "indicator_name_zh", "indicator_name_en", "category", "evidence", "start_offset", "end_offset",
        "province", "city", "county", "adcode", "publish_date", "run_id",
    ]
    assert documents[:13] == [
        "source_file", "doc_id", "title", "publish_date", "source", "author", "province", "city", "county", "adcode",
        "script", "char_count", "metric_count",
    ]
    orphans = con.execute(
        "SELECT count(*) FROM core.dim_document d LEFT JOIN raw.document r USING (doc_id) WHERE r.doc_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0


def test_read_only_connection_cannot_write(seed_copy, warehouse_path):
    con = connect(warehouse_path)
    migrate(con)
    con.close()
    ro = connect(warehouse_path, read_only=True)
    with pytest.raises(duckdb.Error):
        ro.execute("DELETE FROM core.fact_metric")
