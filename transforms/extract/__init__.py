"""Extract: from each clean document its figures (numerals, units, clauses), their indicators, the place it is about,
its metadata, keywords, initiatives, time references and a topic score (document.py runs them in order)."""
