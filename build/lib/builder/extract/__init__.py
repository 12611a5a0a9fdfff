"""Extraction: what the pipeline learns from an article's text (dates, places, actors)."""
