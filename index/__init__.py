"""Whoosh: schema, incremental indexer, search (queries, snippets, facets, spelling)."""
