"""Example govlint plugin for a (fictional) province's extra requirements."""
__version__ = "0.1.0"
