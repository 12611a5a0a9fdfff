"""Arabic text handling shared by every stage: one normaliser, collation, numerals."""
