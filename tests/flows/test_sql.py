"""`dangjian sql`: DuckDB's hints kept, tables aligned for Chinese text, one way to write each value, a row limit."""

import json
import re

from click.testing import CliRunner

from flows.cli import main
from warehouse.publish.render import display_width

VALUES = (
    "select * from (values ('四川省', 26.0, 100000000.0, NULL::DOUBLE, DATE '2022-08-05', 2.5), "
    "('ab', NULL, 3.0, 1.0, NULL, NULL)) t(place, n, money, x, day, share)"
)


def _sql(warehouse, *args):
    result = CliRunner().invoke(main, ["sql", *map(str, args), "--warehouse", str(warehouse)])
    return result.exit_code, result.output


def test_a_missing_table_keeps_duckdbs_did_you_mean(seeded_warehouse):
    code, out = _sql(seeded_warehouse, "select * from v_metrics")
    assert code == 2 and out.strip().endswith('Did you mean "mart.v_metrics"?') and out.count("\n") == 1


def test_a_misspelt_column_keeps_the_candidates(seeded_warehouse):
    code, out = _sql(seeded_warehouse, "select valu from mart.v_metrics")
    assert code == 2 and 'Candidate bindings: "value"' in out


def test_a_write_without_write_says_how_to_write(seeded_warehouse):
    code, out = _sql(seeded_warehouse, "delete from core.fact_keyword")
    assert code == 2 and "add --write to open the warehouse for writing" in out


def _columns(line: str, spans) -> list[str]:
    """The line's text in each span of display columns (a wide character fills two)."""
    slots = [c for ch in line for c in ([ch, ""] if display_width(ch) == 2 else [ch])]
    return ["".join(slots[a:b]).strip() for a, b in spans]


def test_a_table_aligns_chinese_text_by_display_width_and_writes_values_one_way(seeded_warehouse):
    code, out = _sql(seeded_warehouse, VALUES)
    assert code == 0, out
    head, rule, first, second = out.splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer("-+", rule)]
    assert _columns(head, spans) == ["place", "n", "money", "x", "day", "share"]
    assert _columns(first, spans) == ["四川省", "26", "100000000", "NULL", "2022-08-05", "2.5"]
    assert _columns(second, spans) == ["ab", "NULL", "3", "1", "NULL", "NULL"]


def test_json_writes_whole_numbers_as_integers_nulls_as_null_and_dates_iso(seeded_warehouse):
    code, out = _sql(seeded_warehouse, VALUES, "--format", "json")
    assert json.loads(out) == [
        {"place": "四川省", "n": 26, "money": 100000000, "x": None, "day": "2022-08-05", "share": 2.5},
        {"place": "ab", "n": None, "money": 3, "x": 1, "day": None, "share": None},
    ]


def test_csv_and_markdown_leave_a_missing_value_empty(seeded_warehouse):
    assert _sql(seeded_warehouse, VALUES, "--format", "csv")[1].splitlines() == [
        "place,n,money,x,day,share", "四川省,26,100000000,,2022-08-05,2.5", "ab,,3,1,,",
    ]
    assert _sql(seeded_warehouse, VALUES, "--format", "md")[1].splitlines()[2] == "| 四川省 | 26 | 100000000 |  | 2022-08-05 | 2.5 |"


def test_csv_with_a_byte_order_mark_for_excel(seeded_warehouse, tmp_path):
    target = tmp_path / "out.csv"
    code, out = _sql(seeded_warehouse, "select '四川省' as p", "--format", "csv", "--bom", "--output", target)
    assert code == 0 and target.read_bytes().startswith(b"\xef\xbb\xbfp\n")
    assert _sql(seeded_warehouse, "select 1", "--bom")[0] == 2  # a table has no byte-order mark


def test_a_table_shows_the_first_rows_and_says_how_many_there_are(seeded_warehouse):
    code, out = _sql(seeded_warehouse, "select * from range(250) t(i)")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2 + 100 + 1 and lines[-1] == "(100 of 250 rows shown; --limit N for more, --all for every row)"
    assert len(_sql(seeded_warehouse, "select * from range(250) t(i)", "--all")[1].splitlines()) == 252
    assert _sql(seeded_warehouse, "select * from range(250) t(i)", "--limit", "3")[1].splitlines()[-1].startswith("(3 of 250 rows")
    assert len(_sql(seeded_warehouse, "select * from range(250) t(i)", "--format", "csv")[1].splitlines()) == 251
