"""Separate an article's body from page chrome by the shape of each line and by repetition across documents.

Lines are sorted into three piles: body, metadata (title, byline, date, source, link: kept as metadata, not
body) and chrome (navigation, share bars, counters, footers, disclaimers, contact blocks).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from transforms.chars import han_count

_SENTENCE_MARK = re.compile(r"[。；;！!？?]")
# Above the body only a full stop makes a short line a sentence: a title may end in "！" or "？".
_FULL_STOP = re.compile(r"。")
_COMMA = re.compile(r"[,，、]")
_SPACE = re.compile(r"\s+")

# Site furniture: a line carrying one of these is chrome unless it is long running text.
_CHROME_WORDS = re.compile(
    r"打印|扫一扫|扫描二维码|分享到|关闭窗口|返回顶部|返回首页|上一篇|下一篇|相关(?:文章|阅读|新闻|链接)|手机版|电脑版|移动版"
    r"|字号|【\s*大|\[\s*大|当前(?:位置|所在)|您的位置|所在位置|责任编辑|编辑[:：]|审核[:：]|校对[:：]"
    r"|阅读(?:人次|次数|量)|浏览(?:次数|量|人次)|点击(?:数|量|率|次数)|访问量|欢迎(?:来到|访问|光临)"
    r"|主办|承办|协办|技术支持|联系(?:电话|我们|方式)|监督电话|举报电话|邮箱[:：]|E-?mail|QQ|地址[:：]|网站地图|办公区|邮编"
)
# What redaction leaves of a contact number: a line that is little more than these is a contact block, while a
# sentence that mentions a redacted number is body text.
_REDACTED = re.compile(r"\[(?:电话|邮箱|QQ号|身份证号)\]")
# Words that are chrome only on a very short line ("回复", "收藏 评论"): in running text they are ordinary words.
_WEAK_CHROME_WORDS = re.compile(r"评论|回复|登录|注册|搜索|首页|分享|收藏|投稿|纠错|热线|更多")
# Footer words that mark a line as chrome even when it reads like prose.
_FOOTER_WORDS = re.compile(
    r"版权所有|版权归|免责声明|本站(?!讯)|本网(?!讯)|转载|ICP备|ICP证|公网安备|Copyright|©|All Rights Reserved|违法和不良信息|不承担任何|侵权"
)
_METADATA = re.compile(
    r"(?:发布|发表|更新|录入|上传)(?:时间|日期)|^\s*(?:日期|时间)[:：]|来源[:：]|来源于|稿源|供稿|出处[:：]|作者[:：]|^\s*文\s*[/／]"
    r"|原文(?:链接|地址|网址)|原标题|发布人|^\s*https?://"
)
# A byline word marks a line of metadata only when the line is not running text: a lead sentence names the reporter
# ("近日，记者从县委组织部获悉，全县选派182名干部…").
_BYLINE = re.compile(r"记者|通讯员")
_BREADCRUMB = re.compile(r"[>›»]|\s[|｜]\s|\|")
_IMAGE = re.compile(r"^\S+\.(?:jpe?g|png|gif|bmp|webp)$", re.I)
_CODE = re.compile(r"[{};]\s*$|^\s*(?:var|function|let|const|if|else|return|document\.|window\.)\b|=>|\(\)\s*\{")


def is_prose(stripped: str, han: int) -> bool:
    """Running text: long enough, mostly Chinese, with sentence or clause punctuation."""
    if han < 30:
        return False
    return bool(_SENTENCE_MARK.search(stripped)) or len(_COMMA.findall(stripped)) >= 2


def line_key(line: str) -> str:
    return _SPACE.sub("", line)


def repeated_lines(texts: list[list[str]], min_docs: int = 3) -> set[str]:
    """Lines (by their text without spaces) that occur in at least `min_docs` documents of a batch."""
    counts: Counter[str] = Counter()
    for lines in texts:
        counts.update({key for line in lines if len(key := line_key(line)) >= 2})
    return {key for key, n in counts.items() if n >= min_docs}


@dataclass
class Layout:
    body: list[int] = field(default_factory=list)
    header: list[int] = field(default_factory=list)  # non-chrome lines above the body (title, byline)
    metadata: list[int] = field(default_factory=list)
    chrome: list[int] = field(default_factory=list)


def classify(line: str, repeated: set[str]) -> str:
    """'prose', 'text', 'chrome', 'metadata' or 'blank' for one line on its own; prose is text that runs on."""
    stripped = line.strip()
    if not stripped:
        return "blank"
    han = han_count(stripped)
    prose = is_prose(stripped, han)
    # The cheap condition first: most lines are long prose, which no regular expression below needs to scan.
    if (not prose or han < 200) and _FOOTER_WORDS.search(stripped):
        return "chrome"
    if han < 60 and (_METADATA.search(stripped) or (not prose and _BYLINE.search(stripped))):
        return "metadata"
    if _IMAGE.match(stripped) or (han < len(stripped) / 3 and _CODE.search(stripped)):
        return "chrome"
    if han < 60 and _CHROME_WORDS.search(stripped):
        return "chrome"
    if _REDACTED.search(stripped) and not _SENTENCE_MARK.search(stripped) and han_count(_REDACTED.sub("", stripped)) < 15:
        return "chrome"
    if not prose and (_BREADCRUMB.search(stripped) or (_WEAK_CHROME_WORDS.search(stripped) and han < 15)):
        return "chrome"
    if not prose and han == 0:
        return "chrome"
    if not prose and line_key(stripped) in repeated:
        return "chrome"
    return "prose" if prose else "text"


def separate(lines: list[str], repeated: set[str] = frozenset()) -> Layout:
    """Split a document's lines into body, header, metadata and chrome (indices into `lines`)."""
    kinds = [classify(line, repeated) for line in lines]
    prose = [i for i, kind in enumerate(kinds) if kind == "prose"]
    layout = Layout()
    if not prose:
        texts = [i for i, kind in enumerate(kinds) if kind == "text" and _SENTENCE_MARK.search(lines[i])]
        if not texts:
            for i, kind in enumerate(kinds):
                if kind in ("chrome", "metadata"):
                    getattr(layout, kind).append(i)
                elif kind == "text":
                    layout.header.append(i)
            return layout
        first, last = texts[0], texts[-1]
    else:
        first, last = prose[0], prose[-1]
    first, last = _reach(lines, kinds, first, -1, _FULL_STOP), _reach(lines, kinds, last, 1, _SENTENCE_MARK)
    for i, kind in enumerate(kinds):
        if kind == "blank":
            continue
        if kind in ("chrome", "metadata"):
            getattr(layout, kind).append(i)
        elif first <= i <= last:
            layout.body.append(i)
        elif i < first:
            layout.header.append(i)
        else:
            layout.chrome.append(i)
    return layout


def _reach(lines: list[str], kinds: list[str], edge: int, step: int, sentence: re.Pattern) -> int:
    """The body's edge moved over the short sentences next to it ("每村2至3名。" closing an article), up to the first
    line that is chrome, metadata, or text that is not a sentence."""
    i = edge + step
    while 0 <= i < len(kinds) and kinds[i] in ("text", "blank"):
        if kinds[i] == "text":
            if not sentence.search(lines[i]):
                break
            edge = i
        i += step
    return edge
