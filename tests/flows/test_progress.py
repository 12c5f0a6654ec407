"""Progress bars: shown per stage on a terminal, silent elsewhere."""

import io
import sys

from flows.runtime import progress


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_bars_count_items_per_stage_on_a_terminal(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress.bars_on_terminal():
        progress.advance("extract", 2, 3)
        progress.advance("extract", 1, 3)
        progress.advance("load", 1, 1)
    shown = terminal.getvalue()
    assert "extract" in shown and "3/3" in shown and "load" in shown


def test_nothing_is_drawn_off_a_terminal(monkeypatch, capsys):
    with progress.bars_on_terminal():
        progress.advance("extract", 1, 1)
    assert capsys.readouterr().err == ""
