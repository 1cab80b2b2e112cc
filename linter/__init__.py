"""govlint: a linter for 政府信息公开工作年度报告 (annual reports on government information disclosure).

Stages, in the order data flows: ``load`` (file → Document), ``parse``
(Document → Report), ``engine`` (Report → Diagnostics), ``output``
(Diagnostics → text/JSON/SARIF/…).  Heavy libraries are imported lazily.
"""
__version__ = "0.1.0"
