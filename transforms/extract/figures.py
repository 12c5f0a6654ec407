"""Find the figures in a clean text: number, multiplier, range, approximation, unit, direction, subject.

Numbers that are not figures are passed over here: numbers in quotation or title marks (slogans, brand
names, document titles), ordinals (第八批), list markers (一是), years and dates (no measure word follows),
numbers glued to Latin letters or '+' (5+2+1, G20), age bounds (35岁以下), the bare Chinese 一 of an indefinite
article (一支队伍), and place names that open with a numeral (五台县).
"""

from __future__ import annotations

import re

from transforms.chars import HAN
from transforms.extract.clauses import clause_span
from transforms.extract.gazetteer import names_led_by_numerals
from transforms.extract.numerals import CHINESE_NUMERAL_CHARS, MULTIPLIERS, parse_number
from transforms.extract.units import canonical, match_unit, scale
from transforms.records import Figure

_NUMBER = re.compile(
    rf"百分之(?P<pct>[{CHINESE_NUMERAL_CHARS}点]+|\d+(?:\.\d+)?)|"
    rf"(?P<den>[{CHINESE_NUMERAL_CHARS}]+|\d+)分之(?P<part>[{CHINESE_NUMERAL_CHARS}]+|\d+)|"
    r"(?P<ar>\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?)"
    rf"|(?P<cn>[一二两三四五六七八九十百千〇零][{CHINESE_NUMERAL_CHARS}]*)"
    r"|(?P<large>[万亿](?=[余多]))"  # 惠及群众万余人
)
# What a number can open with. _NUMBER opens with alternatives, which the regex engine tries at every position of a
# text; a class it scans for in one pass finds the places worth trying.
_NUMBER_OPENS = re.compile(rf"[\d{CHINESE_NUMERAL_CHARS}]")
_MULT = re.compile(r"千万|百万|十万|万亿|万|亿|千")
_APPROX_INFIX = re.compile(r"余|多")
_RANGE_SEP = re.compile(r"\s*(?:—{1,2}|-|~|～|至|到)\s*")
_APPROX_SUFFIX = re.compile(r"及?以上|及?以下|左右|上下|有余|许")
_ROUND = ("百", "千", "万", "亿")
# Up to two spaces may stand between a number and its unit ("296 个村", "1 亿元"), as pages set them.
_SPACES = re.compile(r" {1,2}")
# 年 and 点 are units only in these company: a duration (连续3年, 为期2年, 满15年) and points made (三点意见).
# Units of time a trailing 半 adds half of (为期两天半 is 2.5 days).
_HALVED = ("天", "年", "小时")
_DURATION_CUE = re.compile(r"(?:连续|为期|满|历时|问效|利用|长达|用了|坚持|任期为?)$")
_FLOORS_CUE = re.compile(r"(?:共|设计|建|盖|高)$")
_POINTS_OF = re.compile(r"意见|要求|建议|希望|体会|做法|经验|举措|措施")
# A count whose noun is its measure: 5省 and 两村 count places (个); 1555万余选民 counts people (人), when a 万 or 亿 says
# it is a quantity and not part of a name.
_PLACE_NOUN = re.compile(r"省(?![委直级会份内外长])|镇(?![党政长委])|乡(?![镇村土贤亲长])|村(?![委民级干党庄两集务容规组落部长])")
_PEOPLE_NOUN = re.compile(r"选民|农民|党员|群众|村民|居民|人口")
# 三个三分之一: a rotation rule's name, not a share.
_FRACTION_NAME = re.compile(r"个$")
_APPROX_PREFIX = re.compile(r"(?:近|约|约为|约有|约占|大约|将近|接近|超过|超|逾|不少于|不低于|至少|多达|近乎|不足|不到|低于|突破了?)$")
_DIRECTION = re.compile(
    r"(?:同比|环比|较上年|较去年|比上年|比去年)?(?P<verb>增长|增加|提高|提升|上升|增幅为?|增幅达|扩大|下降|降低|减少|缩短|缩减|下滑|回落|降幅为?)(?:了|达到?)?$"
)
_DOWN = ("下降", "降低", "减少", "缩短", "缩减", "下滑", "回落", "降幅")
# Units whose figures a verb of change before them turns into a change.
_CHANGING_UNITS = ("%", "百分点", "岁", "元", "人", "个", "亩", "人次", "户")
_PAIRS = {"“": "”", "《": "》", "「": "」", "『": "』", '"': '"', "‘": "’", "〔": "〕", "【": "】"}
_PERSON_HEADS = re.compile(
    r"(?:干部|书记|党员|委员|人员|人才|同志|队员|干警|成员|代表|专家|院士|能手|村民|学生|教师|医生|群众|乡贤|骨干|带头人|能人|青年"
    r"|主任|村官|员|者|工(?!作|程|业|具|资|厂|地|艺|会|委)|师|手|农民)"
    r"(?!岗|单位|队|组织|之家|工作站|服务|活动|中心|协会|学校|培训|名额|站|室|户|专业|职业|之)"
)
_VERBS = (
    r"担任|通过|参加|参与|进入|实现|开展|组成|全覆盖|覆盖|全部|全面|达到|完成|与|为|被|在|到|和|及|等|共|累计|下沉|兼任|包联|结对"
    r"|获得|入选|选拔|定向|招录|招聘|录用|用于|实施|建立|开设|设立|负责|对|向|从|把|将|由|进行"
)
_SUBJECT_STOP = re.compile(rf"[,，;；。、!！?？\n:：(（“”《\d]|{_VERBS}")
_PHRASE_STOP = re.compile(rf"[,，;；。、!！?？\n:：\d]|{_VERBS}")
_TIME_AFTER_GE = re.compile(r"月|小时|工作日|季度|年头|字|星期")
_FRACTION = re.compile(rf"[{CHINESE_NUMERAL_CHARS}\d]+分之")
_LEADING_TIME = re.compile(r"^(?:近\S{1,2}年来?|近年来|去年|今年|\d{4}年(?:以来|来|起|初|底|末)?|[一二三四五六七八九十两]+年来)")
_LEADING_DE = re.compile(r"^(?:的|以上的|左右的|余的|多的)")
_LEADING_COUNTS = re.compile(rf"^(?:[\d.]+[{CHINESE_NUMERAL_CHARS}]?[项条个名人期支户所家]+)+")
_HAN_START = re.compile(f"[{HAN}]")
# 约占 hedges the share it introduces, after the whole it is a share of (约占全县党员总数的31.5%).
_SHARE_HEDGE = re.compile(r"约占[^，。；,;！？!?\d]{0,10}$")
_TRAILING_QUALIFIERS = re.compile(r"(?:近|约|大约|将近|超过|逾|不少于|不低于|至少|不足|不到|低于|突破了?|达到?|共计?|累计|总计|合计|分别|均|为|有)+$")
_GLUED_BEFORE = re.compile(r"[A-Za-z+.#/]")
_GLUED_AFTER = re.compile(r"[A-Za-z+]")
_ABSTRACT_NOUNS = re.compile(r"^(?:不同)?(?:方面|领域|要求|类型|环节|维度|层级|层面|板块|步骤|阶段)")


_SPEECH = "“「『"
_SENTENCE_INSIDE = re.compile(r"[，。；！？]")
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "\n]")


def _masked(text: str) -> bytearray:
    """1 for characters inside quotation, title or bracket marks."""
    mask = bytearray(len(text))
    stack: list[tuple[str, int]] = []
    for m in _MARKS.finditer(text):  # only marks and line ends change the state
        i, ch = m.start(), m.group()
        if stack and ch == stack[-1][0]:
            _, start = stack.pop()
            # Quoted speech runs to sentences and its figures count; a quoted name or slogan does not.
            if not stack and not (text[start] in _SPEECH and _SENTENCE_INSIDE.search(text, start, i)):
                mask[start : i + 1] = b"\x01" * (i + 1 - start)
        elif ch in _PAIRS and not (ch == '"' and stack and stack[-1][0] == '"'):
            if len(stack) < 4:
                stack.append((_PAIRS[ch], i))
        elif ch == "\n":
            stack.clear()
    return mask


def _amount(text: str, pos: int) -> tuple[float, float, bool, int] | None:
    """Number at pos with its multiplier and 余/多: (value, multiplier, approximate, end)."""
    m = _NUMBER.match(text, pos)
    if not m or m.group("pct"):
        return None
    value = MULTIPLIERS[m.group()] if m.group("large") else parse_number(m.group())
    if value is None:
        return None
    end = m.end()
    multiplier, approximate = 1.0, False
    if m.group("ar"):
        spaced = _SPACES.match(text, end)
        if (mm := _MULT.match(text, end)) and not match_unit(text, end):
            multiplier, end = MULTIPLIERS[mm.group()], mm.end()
        elif spaced and (mm := _MULT.match(text, spaced.end())) and not match_unit(text, spaced.end()):
            multiplier, end = MULTIPLIERS[mm.group()], mm.end()  # 367.7 万个, as pages set it
        if ma := _APPROX_INFIX.match(text, end):
            approximate, end = True, ma.end()
            if multiplier == 1.0 and (mm := _MULT.match(text, end)):
                multiplier, end = MULTIPLIERS[mm.group()], mm.end()
                if again := _APPROX_INFIX.match(text, end):  # 400余万余元: the hedge written twice
                    end = again.end()
    elif ma := _APPROX_INFIX.match(text, end):
        approximate, end = True, ma.end()
        if mm := _MULT.match(text, end):
            multiplier, end = MULTIPLIERS[mm.group()], mm.end()
    return value, multiplier, approximate, end


def _subject_after(text: str, pos: int, limit: int) -> str:
    tail = text[pos:limit]
    tail = _LEADING_DE.sub("", tail)
    tail = _LEADING_COUNTS.sub("", tail)
    stop = _SUBJECT_STOP.search(tail)
    head = tail[: stop.start()] if stop else tail
    return head[:16] if _HAN_START.match(head) else ""


def _noun_phrase(text: str, pos: int, limit: int) -> str:
    """What follows a measure word up to the first verb or clause break, brackets and quotes included."""
    tail = text[pos:limit]
    stop = _PHRASE_STOP.search(tail)
    return tail[: stop.start()] if stop else tail


def _subject_before(text: str, clause_start: int, pos: int) -> str:
    head = text[clause_start:pos]
    head = _LEADING_TIME.sub("", head)
    head = _TRAILING_QUALIFIERS.sub("", head)
    return head[-30:]


def _unit_after(text: str, end: int) -> tuple[str, int] | None:
    """The measure word at end, or after one or two spaces there: (written form, end)."""
    if found := match_unit(text, end):
        return found
    if (gap := _SPACES.match(text, end)) and (found := match_unit(text, gap.end())):
        return found
    return None


def _counted_noun(text: str, end: int, multiplier: float) -> tuple[str, str] | None:
    """(unit, kind) when the noun right after a number is what it counts, with no measure word: 5省, 两村, 4亿农民."""
    if _PLACE_NOUN.match(text, end):
        return "个", "count"
    if multiplier > 1 and _PEOPLE_NOUN.match(text, end):
        return "人", "count"
    return None


# A 个 counts people when the words right after it name them (3个优秀村(社区)两委干部), up to a 的 or a verb: beyond one, the
# people belong to what is counted (300个重点村的党支部书记 counts villages). With no words after it, the noun before
# the number says it (男性村党组织书记290个).
_OWNER_BREAK = re.compile(r"的|有|至少|都|均|已")
_PEOPLE_LAST = re.compile(r"(?:干部|书记|党员|委员|人员|人才|代表|村民|群众|农民|村官|男性|女性)(?:仅|只|共|约|均)?$")


# Bodies a 个 counts even when people follow them, as the ones who act (18个村支部组织党员学习).
_BODIES = re.compile(r"(?:支部|党组织|单位|部门|企业|合作社|协会)(?!书记|副书记|委员|成员|干部|党员|班子)")


def _counts_people(text: str, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Whether a 个 counts people rather than places, bodies or things."""
    if phrase := _noun_phrase(text, end, clause_end):
        head = _OWNER_BREAK.split(phrase, 1)[0]
        person, body = _PERSON_HEADS.search(head), _BODIES.search(head)
        return bool(person) and (body is None or person.start() < body.start())
    return bool(_PEOPLE_LAST.search(_subject_before(text, clause_start, start)))


def _direction(text: str, start: int) -> str | None:
    """'up' or 'down' when a verb of change (增长, 下降 ...) stands just before the number at start, else None."""
    if d := _DIRECTION.search(text[max(0, start - 10) : start]):
        return "down" if d.group("verb").startswith(_DOWN) else "up"
    return None


def _percent_figure(text: str, start: int, end: int, value: float) -> Figure:
    clause_start, clause_end = clause_span(text, start, end)
    direction = _direction(text, start)
    kind = "change" if direction else "ratio"
    return Figure(
        value=value, unit="%", kind=kind, number_text=text[start:end], start=start, end=end, direction=direction,
        subject=_subject_before(text, clause_start, start), evidence=text[clause_start:clause_end], clause_start=clause_start,
    )


def _next_number(text: str, pos: int) -> re.Match | None:
    """The first number at or after pos: what _NUMBER.search finds."""
    while opening := _NUMBER_OPENS.search(text, pos):
        if m := _NUMBER.match(text, opening.start()):
            return m
        pos = opening.start() + 1
    return None


def find_figures(text: str) -> list[Figure]:
    """All figures in text, in order."""
    mask = _masked(text)
    figures: list[Figure] = []
    pos = 0
    chain_approx = False
    while True:
        m = _next_number(text, pos)
        if not m:
            break
        start = m.start()
        pos = m.end()
        if mask[start]:
            continue
        before = text[start - 1] if start else ""
        if before == "第" or _GLUED_BEFORE.match(before) or (before.isdigit()):
            continue
        # A place such as 五台县 or 三元区 reads like "5 台" or "3 元".
        if any(text.startswith(name, start) for name in names_led_by_numerals().get(text[start], ())):
            pos = start + 1
            continue
        if m.group("pct"):
            if (pct := parse_number(m.group("pct").replace("点", "."))) is not None:
                figures.append(_percent_figure(text, start, m.end(), pct))
            continue
        if m.group("den"):
            whole, part = parse_number(m.group("den")), parse_number(m.group("part"))
            if whole and part is not None and part <= whole and not _FRACTION_NAME.search(text, max(0, start - 1), start):
                figures.append(_percent_figure(text, start, m.end(), round(100 * part / whole, 4)))
            continue
        first = _amount(text, start)
        if first is None:
            continue
        value, multiplier, approximate, end = first
        low = high = None
        inner_unit = match_unit(text, end)
        sep_at = inner_unit[1] if inner_unit else end
        if (sep := _RANGE_SEP.match(text, sep_at)) and (second := _amount(text, sep.end())):
            v2, m2, a2, end2 = second
            if inner_unit:
                repeated = match_unit(text, end2)
                if not repeated or repeated[0] != inner_unit[0]:
                    v2 = None
            else:
                repeated = None
        else:
            v2 = None
        if v2 is not None:
            if multiplier == 1.0 and m2 != 1.0:
                multiplier = m2
            elif multiplier != 1.0 and m2 == 1.0 and (unit_after := match_unit(text, end2)) and scale(unit_after[0]) == multiplier:
                multiplier = 1.0  # 2万至3万元: the second 万 is read as part of 万元, which scales both bounds
            low, high = value * multiplier, v2 * m2
            if high > low:
                value, multiplier, end, approximate = (low + high) / 2, 1.0, end2, approximate or a2
            else:
                low = high = None
        if end < len(text) and _GLUED_AFTER.match(text, end):
            pos = end
            continue
        unit_match = _unit_after(text, end)
        if not unit_match:
            counted = _counted_noun(text, end, multiplier)
            if counted is None:
                chain_approx = False
                continue
        if unit_match:
            written, end = unit_match
            unit, kind = canonical(written)
        else:
            written, (unit, kind) = "", counted
        # The bare 一 of an indefinite article (一支队伍, 一批人才), but one person named as assigned (安排一名) counts, and so
        # does a month's duration (利用一个月时间).
        if (m.group("cn") and m.group() == "一" and multiplier == 1.0 and low is None and written not in ("名", "个月")
                and not (written in _HALVED and text.startswith("半", end))):
            continue
        if written == "个" and (_TIME_AFTER_GE.match(text, end) or _FRACTION.match(text, end)):
            continue
        # A span of years after such a cue (任期1至3年) is a duration too; 2019至2021年 never is.
        if written == "年" and (not _DURATION_CUE.search(text, max(0, start - 4), start) or (low is not None and high >= 100)):
            continue
        if written == "点" and not _POINTS_OF.match(text, end):
            continue
        if written == "层" and not _FLOORS_CUE.search(text, max(0, start - 3), start):  # 二层, 5层: which floor
            continue
        factor = (scale(written) if written else 1.0) * multiplier
        value *= factor
        if written in _HALVED and low is None and text.startswith("半", end):  # 两天半, 一年半
            value, end = value + 0.5, end + 1
        if low is not None and written:
            low, high = low * scale(written), high * scale(written)
        if ms := _APPROX_SUFFIX.match(text, end):
            approximate, end = True, ms.end()
        prefix = text[max(0, start - 6) : start]
        if _APPROX_PREFIX.search(prefix) or _SHARE_HEDGE.search(text, max(0, start - 14), start):
            approximate = True
        elif figures and figures[-1].end == start and chain_approx:
            approximate = True
        # A lone 百, 千 or 万 with no 余, 多, 近 or 以上 is a figure of speech: 千家万户, 百名书记进万家.
        if m.group() in _ROUND and not approximate and multiplier == 1.0 and low is None:
            continue
        direction = _direction(text, start) if unit in _CHANGING_UNITS else None
        if direction:
            kind = "change"
        clause_start, clause_end = clause_span(text, start, end)
        after = _subject_after(text, end, clause_end)
        if unit == "个" and written and not _ABSTRACT_NOUNS.match(after) and _counts_people(text, start, end, clause_start, clause_end):
            unit = "人"
        if kind == "count" and unit in ("个", "项") and (_ABSTRACT_NOUNS.match(after) or text[start - 1 : start] == "等"):
            kind = "other"
        subject = after or _subject_before(text, clause_start, start)
        figures.append(
            Figure(
                value=round(value, 6),
                unit=unit,
                kind=kind,
                number_text=text[start:end],
                start=start,
                end=end,
                value_low=low,
                value_high=high,
                approximate=approximate,
                direction=direction,
                subject=subject,
                evidence=text[clause_start:clause_end],
                clause_start=clause_start,
            )
        )
        chain_approx = approximate and bool(_APPROX_PREFIX.search(prefix) or chain_approx)
        pos = end
    return figures
