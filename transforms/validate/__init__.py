"""Validate: the Great Expectations suites (suites.py) run over each slice's documents and figures (runner.py) before
anything is staged; what fails a critical check is quarantined."""
