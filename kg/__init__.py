"""nia-kg: the knowledge graph side (IRIs, RDF mapping, store, build, queries, CLI)."""
