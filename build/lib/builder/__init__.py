"""Arshif: a folder of raw Arabic news articles in, a static right-to-left archive site out."""

__version__ = "0.1.0"
