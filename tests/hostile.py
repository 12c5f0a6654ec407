"""A hostile input corpus, written by the tests: every kind of file a crawl of county websites can leave behind.

`write_hostile_corpus` returns what should become of each entry, so tests can hold the pipeline to it.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from helpers import SEEDS

# Personal data written into article bodies, in several encodings: the privacy scan must find none of it outside raw.
PERSONAL = (
    "为方便群众办事，村党支部书记王某的手机13912345678向全村公开，党群服务中心0571-88881234全天值守，"
    "群众意见可发至wangmou@example.com，身份证号110101199003071234的困难党员已纳入帮扶名单。"
)
# A short sentence, worded differently in each file: a line repeated across a batch is chrome, redacted or not.
SHORT_PERSONAL = "{}的手机13987654321已公开。"
HOLDERS = {1: "驻村第一书记", 3: "村委会主任", 7: "村务监督委员会主任"}
LIMIT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Expected:
    outcome: str
    reason: str | None = None  # the quarantine reason, or None when any reason will do


def articles(count: int) -> list[str]:
    """Distinct plain-text articles with the seeds' texture, from the scale generator."""
    from bench.synth import Generator

    gen, texts, index = Generator(SEEDS, seed=11), [], 0
    while len(texts) < count:
        doc = gen.article(index)
        index += 1
        if doc.original is None and not doc.gbk and not doc.traditional and doc.file.endswith(".txt"):
            texts.append(doc.data.decode("utf-8"))
    return texts


def _with_personal_data(text: str, variant: int) -> str:
    lines = text.splitlines()
    middle = len(lines) // 2
    return "\n".join(lines[:middle] + [PERSONAL, SHORT_PERSONAL.format(HOLDERS[variant])] + lines[middle:])


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "全县培训党员干部1.2万人次。")
    return buffer.getvalue()


def write_hostile_corpus(root: Path, outside: Path) -> dict[str, Expected]:
    """Write the corpus under root (and a target under outside); return entry path -> what must become of it."""
    text = articles(14)
    seeds = sorted(SEEDS.iterdir())
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "plain/article.txt": text[0].encode("utf-8"),
        "encodings/gbk.txt": _with_personal_data(text[1], 1).encode("gbk"),
        "encodings/big5.txt": seeds[0].read_text(encoding="utf-8").encode("big5", errors="replace"),
        "encodings/utf16-bom.txt": _with_personal_data(text[3], 3).encode("utf-16"),
        "encodings/utf16-le-no-bom.txt": text[4].encode("utf-16-le"),
        "encodings/truncated-utf8.txt": text[5].rstrip().encode("utf-8")[:-1],
        "encodings/mixed.txt": text[6][: len(text[6]) // 2].encode("utf-8") + text[6][len(text[6]) // 2 :].encode("gbk"),
        "binary/image.txt": b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048),
        "binary/archive.html": _zip_bytes(),
        "binary/random.txt": rng.randbytes(4096),
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t \r\n   \n",
        "chrome-only.html": (
            "<html><body><div class='nav'>首页 &gt; 新闻中心 &gt; 正文</div><div>打印 关闭窗口</div>"
            "<div>版权所有：某县委组织部 ICP备12345678号</div><div>联系电话：0571-88880000</div></body></html>"
        ).encode("utf-8"),
        "scripts.html": (
            "<html><head><style>body{font:14px} .x{color:red}</style><script>var tel='13800001111';function go(){return 1}</script>"
            "</head><body><!-- 统计代码 --><div class='nav'>首页 &gt; 工作动态</div>"
            + "".join(f"<p>{line}</p>" for line in _with_personal_data(text[7], 7).splitlines())
            + "<script src='x.js'></script><noscript>请启用脚本</noscript><div>版权所有 某县党建网 联系电话：0571-88889999</div></body></html>"
        ).encode("utf-8"),
        "huge.txt": ("全县培训党员干部1.2万人次。\n" * (50 * 1024 * 1024 // 37 + 1)).encode("utf-8"),
        "copies/exact.txt": seeds[1].read_bytes(),
        "copies/near.txt": ("转载自市委组织部网站\n" + "。".join(seeds[3].read_text(encoding="utf-8").split("。")[1:])).encode("utf-8"),
        "names/with space and \"quotes\" 'too'.txt": text[8].encode("utf-8"),
        "names/中文 名称.txt": text[9].encode("utf-8"),
        "names/new\nline.txt": text[10].encode("utf-8"),
        "folder.txt/inside.txt": text[11].encode("utf-8"),
        "UPPER.TXT": text[12].encode("utf-8"),
        "unreadable.txt": text[13].encode("utf-8"),
        "ignored.pdf": b"%PDF-1.4",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "unreadable.txt").chmod(0)
    os.mkfifo(root / "pipe.txt")
    (root / "links").mkdir()
    (root / "links" / "self-loop.txt").symlink_to("self-loop.txt")
    (root / "links" / "dir-loop").symlink_to("..", target_is_directory=True)
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(text[2], encoding="utf-8")
    (root / "links" / "outside.txt").symlink_to(outside / "secret.txt")
    (root / "links" / "outside-dir").symlink_to(outside, target_is_directory=True)

    loaded = Expected("loaded")
    expected = {
        "plain/article.txt": loaded,
        "encodings/gbk.txt": loaded,
        "encodings/big5.txt": loaded,
        "encodings/utf16-bom.txt": loaded,
        "encodings/utf16-le-no-bom.txt": loaded,
        "encodings/truncated-utf8.txt": loaded,
        "encodings/mixed.txt": Expected("quarantined", "undecodable text"),
        "binary/image.txt": Expected("quarantined", "binary file"),
        "binary/archive.html": Expected("quarantined", "binary file"),
        "binary/random.txt": Expected("quarantined"),
        "empty.txt": Expected("quarantined", "empty file"),
        "whitespace.txt": Expected("quarantined", "no article body"),
        "chrome-only.html": Expected("quarantined", "no article body"),
        "scripts.html": loaded,
        "huge.txt": Expected("quarantined", "file too large"),
        "copies/exact.txt": Expected("duplicate", "exact duplicate"),
        "copies/near.txt": Expected("duplicate", "near duplicate"),
        "names/with space and \"quotes\" 'too'.txt": loaded,
        "names/中文 名称.txt": loaded,
        "names/new\nline.txt": loaded,
        "folder.txt": Expected("quarantined", "not a file"),
        "folder.txt/inside.txt": loaded,
        "UPPER.TXT": loaded,
        "unreadable.txt": Expected("quarantined", "unreadable"),
        "pipe.txt": Expected("quarantined", "not a file"),
        "links/self-loop.txt": Expected("quarantined", "unreadable"),
        "links/outside.txt": Expected("quarantined", "outside source folder"),
        "links/outside-dir": Expected("quarantined", "outside source folder"),
    }
    for seed in seeds:
        shutil.copy(seed, root / seed.name)
        expected[seed.name] = loaded
    return expected
