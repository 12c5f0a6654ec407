"""Clean: each document's markup, character forms, pinyin annotations, personal data and script, its page chrome set
apart from its body and its garbled spans found, with a map from every clean character back to the raw text
(document.py runs them in order)."""
