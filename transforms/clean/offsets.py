"""Text edits that keep, for every output character, its index in the original text."""

from __future__ import annotations

from collections.abc import Iterable


class MappedText:
    """A string plus the original index of each of its characters."""

    __slots__ = ("text", "origin")

    def __init__(self, text: str, origin: list[int] | None = None):
        self.text = text
        self.origin = list(range(len(text))) if origin is None else origin

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> "MappedText":
        """Replace each (start, end, replacement) span; edits must not overlap.

        A replacement of the same length maps char to char; any other maps all its chars to the span's start.
        """
        edits = sorted(edits)
        if not edits:  # most texts have nothing to edit at most steps: copying their origins took longer than the step
            return self
        pieces: list[str] = []
        origin: list[int] = []
        pos = 0
        for start, end, repl in edits:
            if start < pos:
                continue
            pieces.append(self.text[pos:start])
            origin.extend(self.origin[pos:start])
            if repl:
                pieces.append(repl)
                if len(repl) == end - start:
                    origin.extend(self.origin[start:end])
                else:
                    anchor = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
                    origin.extend([anchor] * len(repl))
            pos = end
        pieces.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return MappedText("".join(pieces), origin)

    def slice(self, start: int, end: int) -> "MappedText":
        return MappedText(self.text[start:end], self.origin[start:end])

    @staticmethod
    def join(parts: list["MappedText"], sep: str = "\n") -> "MappedText":
        text_parts: list[str] = []
        origin: list[int] = []
        for i, part in enumerate(parts):
            if i and sep:
                text_parts.append(sep)
                anchor = origin[-1] + 1 if origin else 0
                origin.extend([anchor] * len(sep))
            text_parts.append(part.text)
            origin.extend(part.origin)
        return MappedText("".join(text_parts), origin)
