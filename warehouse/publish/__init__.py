"""Publish: what the warehouse shows its readers: named reports, the HTML report, exports, and the purge of raw bytes."""
