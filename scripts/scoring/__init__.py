"""Scorers for the key-fact extractor, one module per gold set or fact type."""
