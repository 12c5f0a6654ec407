"""Extract: from each clean document its figures (numerals, units, clauses), their indicators, the place it is about,
its metadata, keywords, initiatives and time references (document.py runs them in order)."""
