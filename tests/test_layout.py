"""The tree shows the flow: imports run one way (ingest, clean, extract, validate, link, then the warehouse, then flows),
the environment is read in one module, and each public view is defined in one file."""

import ast
import re
from pathlib import Path

import pytest

from helpers import ROOT

STAGES = ("ingest", "clean", "extract", "validate", "link")
# What the warehouse may take from transforms: the plain records and tables it is handed, the errors it raises, and
# the Great Expectations context its Data Docs share with the validate stage.
WAREHOUSE_MAY_IMPORT = {"transforms.records", "transforms.tables", "transforms.errors", "transforms.validate.context"}


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("package", ["transforms", "warehouse"])
def test_stages_and_the_warehouse_never_import_flows(package):
    offending = {str(p.relative_to(ROOT)): sorted(n for n in _imports(p) if _within(n, "flows")) for p in _modules(package)}
    assert {p: names for p, names in offending.items() if names} == {}


def test_the_warehouse_imports_only_the_records_it_is_given_from_transforms():
    offending = {}
    for path in _modules("warehouse"):
        names = {n for n in _imports(path) if _within(n, "transforms")}
        wrong = {n for n in names if not any(_within(n, allowed) or n == allowed.rsplit(".", 1)[0] for allowed in WAREHOUSE_MAY_IMPORT)}
        if wrong:
            offending[str(path.relative_to(ROOT))] = sorted(wrong)
    assert offending == {}


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_stage_that_comes_after_it(stage):
    later = STAGES[STAGES.index(stage) + 1 :]
    offending = {}
    for path in sorted((ROOT / "transforms" / stage).rglob("*.py")):
        wrong = {n for n in _imports(path) for s in later if _within(n, f"transforms.{s}")}
        if wrong:
            offending[str(path.relative_to(ROOT))] = sorted(wrong)
    assert offending == {}


def _reads_environment(path: Path) -> list[int]:
    """Lines that read os.environ or call os.getenv (assigning a variable is writing, not reading)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv") and isinstance(node.value, ast.Name) and node.value.id == "os":
            lines.append(node.lineno)
    writes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Subscript) for t in node.targets):
            writes.add(node.lineno)
    return [n for n in lines if n not in writes]


def test_only_the_settings_module_reads_the_environment():
    readers = {}
    for package in ("transforms", "warehouse", "flows", "bench"):
        for path in _modules(package):
            if path == ROOT / "flows" / "settings.py":
                continue
            if lines := _reads_environment(path):
                readers[str(path.relative_to(ROOT))] = lines
    assert readers == {}


def test_each_view_is_defined_in_one_file_and_no_migration_defines_one():
    views = {}
    for path in sorted((ROOT / "sql" / "schema" / "views").glob("*.sql")):
        for name in re.findall(r"CREATE OR REPLACE VIEW (\S+)", path.read_text(encoding="utf-8")):
            views.setdefault(name, []).append(path.name)
    assert views and all(len(files) == 1 for files in views.values()), views
    for path in (ROOT / "sql" / "schema" / "migrations").glob("*.sql"):
        assert "CREATE OR REPLACE VIEW" not in path.read_text(encoding="utf-8").upper(), path.name
