"""Privacy: no phone number, e-mail address, QQ number or ID-card number in any text column outside the raw layer.

The patterns here are written apart from transforms/pii.py on purpose: a scan with the redactor's own patterns
could only confirm what the redactor already does.
"""

import re

import duckdb
import pytest

from hostile import HOLDERS, SHORT_PERSONAL


LEAKS = {
    "mobile": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "landline": re.compile(r"(?<!\d)0\d{2,3}[-－—]\d{7,8}(?!\d)"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"),
    "qq": re.compile(r"(?i)qq\s*(?:号|群)?\s*[:：]?\s*\d{5,12}"),
    "id_card": re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
}
# Content hashes (document ids and what is built from them) are identifiers whose digit runs look like numbers.
HASH = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(scope="module")
def warehouse(hostile_run):
    """The seeds plus the hostile corpus, whose articles carry personal data in GBK, UTF-16 and HTML bodies."""
    return hostile_run[2]


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
            found += [(f"{schema}.{table}.{column}", kind, m.group()) for kind, p in LEAKS.items() for m in p.finditer(HASH.sub(" ", value))]
    con.close()
    assert not found, found[:10]


@pytest.mark.parametrize("name, holder", [("encodings/gbk.txt", 1), ("encodings/utf16-bom.txt", 3), ("scripts.html", 7)])
def test_the_articles_with_personal_data_were_loaded_and_raw_still_holds_it(warehouse, name, holder):
    """The scan above means something only if the personal data reached the pipeline and its document was loaded."""
    con = duckdb.connect(str(warehouse), read_only=True)
    raw = con.execute("SELECT text FROM raw.document WHERE source_file = ?", [name]).fetchall()[0][0]
    clean_text, removed = con.execute("SELECT clean_text, pii_removed FROM core.dim_document WHERE source_file = ?", [name]).fetchall()[0]
    con.close()
    assert {kind for kind, p in LEAKS.items() if p.search(raw)} >= {"mobile", "landline", "email", "id_card"}
    assert removed >= 5
    assert SHORT_PERSONAL.format(HOLDERS[holder]).replace("13987654321", "[电话]") in clean_text  # a short sentence stays in the body
