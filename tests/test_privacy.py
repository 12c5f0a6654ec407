"""Privacy: no phone number, e-mail address, QQ number or ID-card number in any text column outside the raw layer.

The patterns here are written apart from transforms/pii.py on purpose: a scan with the redactor's own patterns
could only confirm what the redactor already does.
"""

import re
import shutil

import duckdb
import pytest

from conftest import SEEDS, load_without_prefect

LEAKS = {
    "mobile": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "landline": re.compile(r"(?<!\d)0\d{2,3}[-－—]\d{7,8}(?!\d)"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"),
    "qq": re.compile(r"(?i)qq\s*(?:号|群)?\s*[:：]?\s*\d{5,12}"),
    "id_card": re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
}
# Personal data in a body paragraph with none of the words that mark a contact block as page chrome, so that only
# redaction keeps it out of the clean text.
PERSONAL = (
    "为方便群众办事，村党支部书记王某的手机13912345678向全村公开，党群服务中心0571-88881234全天值守，"
    "群众意见可发至wangmou@example.com，身份证号110101199003071234的困难党员已纳入帮扶名单。"
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("seeds")
    shutil.copytree(SEEDS, source, dirs_exist_ok=True)
    lines = sorted(SEEDS.iterdir())[0].read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    (source / "with personal data.txt").write_text("\n".join(lines[:middle] + [PERSONAL] + lines[middle:]), encoding="utf-8")
    return load_without_prefect(source, tmp_path_factory.mktemp("wh") / "privacy.duckdb")


def test_no_personal_data_outside_raw(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    columns = con.execute(
        """SELECT table_schema, table_name, column_name FROM information_schema.columns
           WHERE table_schema IN ('core', 'ops', 'mart') AND data_type IN ('VARCHAR', 'VARCHAR[]')"""
    ).fetchall()
    assert len(columns) > 30
    found = []
    for schema, table, column in columns:
        for (value,) in con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM {schema}.{table} WHERE "{column}" IS NOT NULL').fetchall():
            found += [(f"{schema}.{table}.{column}", kind, m.group()) for kind, p in LEAKS.items() for m in p.finditer(value)]
    con.close()
    assert not found, found[:10]


def test_the_article_with_personal_data_was_loaded_and_raw_still_holds_it(warehouse):
    """The scan above means something only if the personal data reached the pipeline and its document was loaded."""
    con = duckdb.connect(str(warehouse), read_only=True)
    raw = con.execute("SELECT text FROM raw.document WHERE source_file = 'with personal data.txt'").fetchall()[0][0]
    clean = con.execute("SELECT clean_text, pii_removed FROM core.dim_document WHERE source_file = 'with personal data.txt'").fetchall()[0]
    con.close()
    assert {kind for kind, p in LEAKS.items() if p.search(raw)} >= {"mobile", "landline", "email", "id_card"}
    assert clean[1] >= 4
