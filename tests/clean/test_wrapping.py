"""A page broken at a fixed width mid-sentence is joined back into paragraphs; other pages keep their lines."""

from transforms.clean.offsets import MappedText
from transforms.clean.wrapping import is_wrapped, unwrap

_WRAPPED = [
    "坚持把“富脑袋”和“富口袋”一起抓,精心组织",
    "实施基层干部乡村振兴主题培训,陆续举办20期",
    "市级重点培训班,集中培训乡村基层干部1860人",
    "。围绕果蔬示范区创建行动,组织示范区内120个",
    "重点村的党支部书记赴外地农村干部学院开展为",
    "期一周的集中实训,进一步拓宽了村干部的发展",
    "思路,提升了带领群众增收致富的本领和能力水",
    "平。",
    "下一步,全市将持续深化村干部能力提升行动,",
    "推动培训成果转化为乡村振兴的实际成效,确保",
    "每名村党组织书记每年至少参加一次集中培训。",
]


def _mapped(lines):
    out, pos = [], 0
    for line in lines:
        out.append(MappedText(line, list(range(pos, pos + len(line)))))
        pos += len(line) + 1
    return out


def test_a_page_wrapped_mid_sentence_is_joined_into_its_paragraphs():
    joined = unwrap(_mapped(_WRAPPED))
    assert [line.text for line in joined] == [
        "".join(_WRAPPED[:8]),
        "".join(_WRAPPED[8:]),
    ]
    assert "集中培训乡村基层干部1860人" in joined[0].text


def test_joined_lines_keep_the_offsets_of_their_characters():
    lines = _mapped(_WRAPPED)
    joined = unwrap(lines)
    second = joined[0].text.index(_WRAPPED[1])
    assert joined[0].origin[second] == lines[1].origin[0]
    assert len(joined[0].origin) == len(joined[0].text)


def test_a_page_of_paragraphs_keeps_its_lines():
    paragraphs = [
        "全县共整顿软弱涣散村党组织12个。",
        "选派第一书记86名,实现重点村全覆盖。",
        "下一步,全县将持续巩固整顿成果,",  # one open line does not make a wrapped page
        "确保每个村党组织都成为坚强战斗堡垒。",
    ] * 3
    assert not is_wrapped(paragraphs)
    assert [line.text for line in unwrap(_mapped(paragraphs))] == paragraphs


def test_a_short_page_is_never_taken_for_a_wrapped_one():
    assert not is_wrapped(_WRAPPED[:5])
