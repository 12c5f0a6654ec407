"""Ingest: find the input files (scan.py), read and decode them (read.py, decoding.py), and decide which need
processing: unchanged files are passed over, exact copies set aside."""
