"""Exports: the marts as Parquet or CSV files, row for row."""

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main


@pytest.mark.parametrize("fmt, reader", [("parquet", "read_parquet"), ("csv", "read_csv")])
def test_export_writes_every_mart_row_for_row(seeded_warehouse, tmp_path, fmt, reader):
    out = CliRunner().invoke(main, ["export", "--format", fmt, "--output", str(tmp_path / "it's here"), "--warehouse", str(seeded_warehouse)])
    assert out.exit_code == 0, out.output
    con = duckdb.connect(str(seeded_warehouse), read_only=True)
    for view in ("v_metrics", "v_documents", "v_initiatives", "v_indicator_panel"):
        path = tmp_path / "it's here" / f"{view}.{fmt}"
        assert str(path) in out.output
        exported = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(path)]).fetchall()[0][0]
        assert exported == con.execute(f"SELECT count(*) FROM mart.{view}").fetchall()[0][0] > 0
    columns = con.execute(f"SELECT * FROM {reader}(?) LIMIT 0", [str(tmp_path / "it's here" / f"v_metrics.{fmt}")]).description
    assert [c[0] for c in columns] == [c[0] for c in con.execute("SELECT * FROM mart.v_metrics LIMIT 0").description]


def test_export_of_a_missing_warehouse_is_one_line(tmp_path):
    out = CliRunner().invoke(main, ["export", "--output", str(tmp_path / "out"), "--warehouse", str(tmp_path / "none.duckdb")])
    assert out.exit_code == 2 and out.output.startswith("error: no warehouse at")


def test_csv_with_a_byte_order_mark_reads_back_the_same(seeded_warehouse, tmp_path):
    out = CliRunner().invoke(main, ["export", "--format", "csv", "--bom", "--output", str(tmp_path), "--warehouse", str(seeded_warehouse)])
    assert out.exit_code == 0, out.output
    path = tmp_path / "v_documents.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfsource_file,")
    con = duckdb.connect(str(seeded_warehouse), read_only=True)
    assert con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall() == con.execute("SELECT count(*) FROM mart.v_documents").fetchall()
    refused = CliRunner().invoke(main, ["export", "--bom", "--output", str(tmp_path / "p"), "--warehouse", str(seeded_warehouse)])
    assert refused.exit_code == 2 and refused.output.strip() == "error: --bom is for --format csv"
