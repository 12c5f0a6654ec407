import pytest

from transforms.ingest.decoding import COMMON_CHARS, decode, media_type
from transforms.errors import TerminalInputError

TEXT = "整顿提升软弱涣散村党组织29个,选派驻村第一书记和工作队员280名。"
TRAD = "整頓提升軟弱渙散村黨組織29個,選派駐村第一書記和工作隊員280名。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("gbk"), "gb18030"),
        (TRAD.encode("big5"), "big5"),
    ],
)
def test_decodes_each_encoding(data, encoding):
    text, found = decode(data)
    assert found == encoding
    assert text.lstrip("\ufeff") in (TEXT, TRAD)


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"), (b"PK\x03\x04abc", "binary file"), (b"ab\x00\x01\x02\x03c", "binary file")],
)
def test_rejects_unusable_bytes_with_a_reason(data, reason):
    with pytest.raises(TerminalInputError) as exc:
        decode(data)
    assert exc.value.reason == reason


def test_html_is_recognised_by_extension_or_markup():
    assert media_type("a.htm", "plain") == "html"
    assert media_type("a.txt", "<html><body><p>x</p><div>y</div></body></html>") == "html"
    assert media_type("a.txt", TEXT) == "text"


def test_the_common_characters_are_those_of_jiebas_most_frequent_words():
    """transforms/reference/common_chars.txt is derived from jieba's dictionary; a new jieba must not leave it stale."""
    import jieba

    with jieba.get_dict_file() as dictionary:
        rows = [line.split(" ") for line in dictionary.read().decode("utf-8").splitlines()]
    ranked = sorted(((int(parts[1]), parts[0]) for parts in rows if len(parts) >= 2), reverse=True)
    derived = frozenset("".join(word for _, word in ranked[:60000]))
    assert COMMON_CHARS.read_text(encoding="utf-8") == "".join(sorted(derived)) + "\n"
