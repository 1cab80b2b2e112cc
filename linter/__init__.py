"""govlint: a linter for 政府信息公开工作年度报告 (annual reports on government information disclosure).

Stages, in the order data flows: ``load`` (file → Document), ``parse``
(Document → Report), ``engine`` (Report → Diagnostics), ``output``
(Diagnostics → text/JSON/SARIF/…); ``runner`` and ``cli`` sit on top.  The
modules beside the packages (model, templates, labels, config, plugins …) are
the foundation every stage may import; they import no stage.
``tests/test_architecture.py`` holds the map and enforces it.  Heavy
libraries are imported lazily.
"""
__version__ = "0.1.0"
