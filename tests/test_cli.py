import pytest
from click.testing import CliRunner

from flows.cli import main


@pytest.mark.parametrize("command", [[], ["run"], ["sql"], ["report"], ["eval"]])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_report_list_names_the_starter_reports():
    result = CliRunner().invoke(main, ["report", "--list"])
    for name in ("metrics_by_place", "documents_overview", "last_runs"):
        assert name in result.output


def test_sql_on_a_missing_warehouse_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["sql", "select 1", "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "run `dangjian run` first" in result.output
    assert "Traceback" not in result.output


def test_unknown_report_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["report", "nope"])
    assert result.exit_code == 2 and "report --list" in result.output
