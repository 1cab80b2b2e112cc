"""Test-document generators: one report content rendered as HTML, DOCX and PDF."""
