"""Extraction stages over a parsed spaCy Doc; none of them lets a spaCy object out."""
