"""Built-in data: templates, rule packs and JSON Schemas (read via importlib.resources)."""
