"""Document metadata from the lines around the body: title, date, source, author, original link."""

from __future__ import annotations

import re
from datetime import date

from transforms.chars import HAN, han_count
from transforms.records import DocumentMetadata

_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?")
# Day first, as some page templates stamp it: 08.02.2015  21:24.
_DATE_DAY_FIRST = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?![\d.])")
_DATE_LABEL = re.compile(r"(?:发布|发表|更新|录入|上传)?(?:时间|日期)")
_SOURCE = re.compile(r"(?:来源|来源于|稿源|供稿|出处|来自)\s*[:：]?\s*([^\s|｜:：,，]{2,30})")
_SUBMITTED_TO = re.compile(f"([{HAN}]{{2,12}}网)来稿")
_SITE_NAME = re.compile(rf"^([{HAN}]{{2,12}}网)(?:\s|$)")
_AUTHOR = re.compile(rf"(?:作者|文|撰稿|记者|通讯员)\s*[:：/／]\s*([{HAN}·]{{2,8}}(?:\s+[{HAN}·]{{2,4}})*)")
_BYLINE = re.compile(
    rf"^([{HAN}]{{2,30}}(?:部|委|办|局|厅|中心|站|组|办公室|党校|政府|报社|馆))\s+([{HAN}·]{{2,4}})$"
)
# A page's <title> often repeats the headline with the site's name after it: "泾县：抓实…培养_宣城市人民政府".
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-—]\s)\s*[^_|｜]{2,30}(?:政府|网|网站|门户|在线|组织部|日报|频道)$")
# A line above the body that is only an organisation ("资阳区委组织部") names the source, as a byline does.
_ORG_LINE = re.compile(f"^((?:中共)?[{HAN}]{{2,24}}(?:组织部|宣传部|委员会|党委|党组|人民政府|办公室|融媒体中心|工委))$")
# What may stand beside a date on a line that only dates the article: a clock time (2022-05-07 14:46:41), the weekday,
# the paper and page it was printed in (《人民日报》(2018年8月1日,第11版)), brackets and separators.
_BESIDE_DATE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|星期.|周[一二三四五六日天]|《[^《》]{1,20}》|第\s*\d{1,3}\s*版|[\s()（）\[\]【】,，:：|｜/·-]")
_URL = re.compile(r"(?:原文(?:链接|地址|网址)|链接|网址)\s*[:：]\s*(https?://[^\s，,]+)")
_ANONYMOUS = {"佚名", "未知", "本站", "本网", "admin", "管理员", "网络"}


def _dates(text: str):
    """(match, year, month, day) of every date written in the text, year first or day first, in text order."""
    found = [(m, m.group(1), m.group(2), m.group(3)) for m in _DATE.finditer(text)]
    found += [(m, m.group(3), m.group(2), m.group(1)) for m in _DATE_DAY_FIRST.finditer(text)]
    return sorted(found, key=lambda f: f[0].start())


def parse_date(text: str) -> str | None:
    """First plausible calendar date in the text, as ISO 'YYYY-MM-DD'."""
    for _, year, month, day in _dates(text):
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
    return None


def is_date_line(line: str) -> bool:
    """Whether the line only dates the article: a date, and nothing but a time, a weekday or the paper beside it."""
    dates = _dates(line)
    if len(dates) != 1:
        return False
    match = dates[0][0]
    return not _BESIDE_DATE.sub("", line[: match.start()] + line[match.end() :])


def _title(header: list[str]) -> str | None:
    """The longest headline-shaped line above the body; site names and bylines are not titles."""
    candidates = []
    for line in header:
        stripped = _SITE_SUFFIX.sub("", line.strip())
        if not 8 <= han_count(stripped) <= 60 or _BYLINE.match(stripped) or _SITE_NAME.match(stripped):
            continue
        if _dates(stripped):  # a dateline ("原创 勐海组工 2023-03-08 18:30 发表于云南"), not a headline
            continue
        if re.search(r"[。;；]$", stripped):
            continue
        candidates.append(stripped)
    return max(candidates, key=han_count) if candidates else None


def extract_metadata(header: list[str], metadata: list[str], chrome: list[str]) -> DocumentMetadata:
    meta = DocumentMetadata(title=_title(header))
    labelled = [line for line in metadata if _DATE_LABEL.search(line)]
    for line in labelled + metadata + header + [line for line in chrome if is_date_line(line)]:
        meta.publish_date = parse_date(line)
        if meta.publish_date:
            break
    for line in metadata:
        if meta.source is None and (m := _SOURCE.search(line)):
            meta.source = m.group(1)
        if meta.author is None and (m := _AUTHOR.search(line)) and m.group(1) not in _ANONYMOUS:
            meta.author = m.group(1).split()[0]
        if meta.original_url is None and (m := _URL.search(line)):
            meta.original_url = m.group(1)
    if meta.author is None:
        for line in header:
            if m := _BYLINE.match(line.strip()):
                meta.author = m.group(2)
                break
    if meta.source is None:
        for line in header + chrome:
            if m := (_SUBMITTED_TO.search(line) or _SITE_NAME.match(line.strip())):
                meta.source = m.group(1)
                break
    if meta.source is None:  # no site either: the organisation that signs the article
        for line in header:
            if m := (_ORG_LINE.match(line.strip()) or _BYLINE.match(line.strip())):
                meta.source = m.group(1)
                break
    return meta
