"""Lines a page broke at a fixed width, mid-sentence ("集中培训乡村基层干⏎部2959人"), joined back into paragraphs."""

from __future__ import annotations

import re

from transforms.clean.offsets import MappedText

# A line that ends a paragraph ends with a full stop, a closing quote or bracket, a colon or an ellipsis.
_ENDS_PARAGRAPH = re.compile(r"[。！？!?”’」』)）\]】:：…]$")
# A page is hard-wrapped when most of its long lines end mid-sentence.
WRAPPED_SHARE = 0.6
MIN_LINES = 8
LONG_LINE = 15


def is_wrapped(lines: list[str]) -> bool:
    long_lines = [line for line in lines if len(line) >= LONG_LINE]
    if len(long_lines) < MIN_LINES:
        return False
    open_ended = sum(1 for line in long_lines if not _ENDS_PARAGRAPH.search(line))
    return open_ended >= WRAPPED_SHARE * len(long_lines)


def unwrap(lines: list[MappedText]) -> list[MappedText]:
    """The lines of a hard-wrapped page joined into paragraphs; other pages' lines as they are."""
    if not is_wrapped([line.text for line in lines]):
        return lines
    joined: list[MappedText] = []
    for line in lines:
        if joined and len(joined[-1].text) >= LONG_LINE and not _ENDS_PARAGRAPH.search(joined[-1].text):
            last = joined[-1]
            joined[-1] = MappedText(last.text + line.text, last.origin + line.origin)
        else:
            joined.append(line)
    return joined
