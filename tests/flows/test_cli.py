import pytest
from click.testing import CliRunner

from flows.cli import main
from helpers import ROOT


@pytest.mark.parametrize(
    "command", [[], ["run"], ["sql"], ["report"], ["eval"], ["quality"], ["export"], ["serve"], ["synth"], ["bench"], ["purge-raw"]]
)
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


def test_sql_is_read_only_unless_write_is_given(seeded_warehouse, tmp_path):
    import shutil

    path = tmp_path / "wh.duckdb"
    shutil.copy(seeded_warehouse, path)
    runner = CliRunner()
    refused = runner.invoke(main, ["sql", "delete from core.fact_keyword", "--warehouse", str(path)])
    assert refused.exit_code == 2 and refused.output.startswith("error:") and "read-only" in refused.output
    allowed = runner.invoke(main, ["sql", "delete from core.fact_keyword", "--warehouse", str(path), "--write"])
    assert allowed.exit_code == 0, allowed.output
    left = runner.invoke(main, ["sql", "select count(*) as n from core.fact_keyword", "--warehouse", str(path), "--format", "csv"])
    assert left.output.splitlines()[1] == "0"


def test_purge_raw_drops_original_bytes_and_keeps_identity_and_facts(seeded_warehouse, tmp_path):
    import shutil

    import duckdb

    path = tmp_path / "wh.duckdb"
    shutil.copy(seeded_warehouse, path)
    out = CliRunner().invoke(main, ["purge-raw", "--warehouse", str(path), "--yes"])
    assert out.exit_code == 0 and "of 6 documents" in out.output, out.output
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM raw.document WHERE content IS NOT NULL OR text IS NOT NULL").fetchall()[0][0] == 0
    assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM raw.document").fetchall()[0] == (6, 6)
    assert con.execute("SELECT count(*) FROM mart.v_metrics").fetchall()[0][0] > 0
    con.close()


@pytest.mark.parametrize("args, code, stream, expected", [
    (["sql", "SELECT count(*) AS n FROM core.dim_document", "--format", "csv"], 0, "stdout", "n\n"),
    (["sql", "SELECT * FROM no_such_table"], 2, "stderr", "error: "),
])
def test_the_console_script_keeps_exit_code_and_output_when_it_skips_teardown(seeded_warehouse, args, code, stream, expected):
    """`entry` ends the process with os._exit after the exit hooks: buffered output still reaches a pipe, and the
    command's own exit code is the process's."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "flows.cli", *args, "--warehouse", str(seeded_warehouse)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == code
    assert getattr(done, stream).startswith(expected)


def test_a_termination_signal_swallowed_on_the_way_still_ends_the_command_with_its_code():
    """SIGTERM raises SystemExit wherever the command is; a library that catches it and raises something else (an
    import's fallback reading it as ImportError, as opencc's did) must not turn the stop into a traceback and exit 1."""
    import subprocess
    import sys

    script = (
        "import flows.cli as cli\n"
        "def swallowing():\n"
        "    try:\n"
        "        cli._terminated(15, None)\n"
        "    except SystemExit:\n"
        "        raise ImportError('opencc_clib not found')\n"
        "cli.main = swallowing\n"
        "cli.entry()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 128 + 15 and "Traceback" not in done.stderr, done.stderr
