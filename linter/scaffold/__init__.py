"""Writes reports rather than reading them: the blank official form (Markdown
and Word) and the small, correct synthetic reports that rule examples and
tests start from.

May import only the shared foundation (templates, labels); the engine's rule
examples import it, never the other way round.
"""
