"""Link: republished copies of one article, found by their fingerprints (fingerprints.py) and linked to the original
(linking.py), so that their figures are loaded once."""
