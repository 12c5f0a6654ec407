"""Privacy: no phone number, e-mail address, QQ number or ID-card number in any text column outside the raw layer.

The patterns here are written apart from transforms/pii.py on purpose: a scan with the redactor's own patterns
could only confirm what the redactor already does.
"""

import re

import duckdb

LEAKS = {
    "mobile": re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),
    "landline": re.compile(r"(?<!\d)0\d{2,3}[-－—]\d{7,8}(?!\d)"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"),
    "qq": re.compile(r"(?i)qq\s*(?:号|群)?\s*[:：]?\s*\d{5,12}"),
    "id_card": re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"),
}


def test_no_personal_data_outside_raw(seeded_warehouse):
    con = duckdb.connect(str(seeded_warehouse), read_only=True)
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


def test_the_seeds_did_carry_contact_numbers_in_raw(seeded_warehouse):
    """The scan above means something only if personal-looking data was there to remove."""
    con = duckdb.connect(str(seeded_warehouse), read_only=True)
    texts = [t for (t,) in con.execute("SELECT text FROM raw.document").fetchall()]
    con.close()
    assert any(p.search(t) for t in texts for p in LEAKS.values())
