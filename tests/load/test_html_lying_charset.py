"""An HTML page whose meta charset lies (GBK bytes declared iso-8859-1) is read as what it is.

Single-byte charsets decode any bytes, so trusting the declaration turned a
Chinese report into Latin letters and a GL909 "not a report".
"""
from __future__ import annotations

from govlint.load import Limits, load
from govlint.parse import parse_document
from govlint.scaffold.synth import render_report


def _page(charset: str) -> bytes:
    body = "".join(f"<p>{line}</p>\n" for line in render_report("2021", 2022).splitlines() if line.strip())
    return (f'<html><head><meta charset="{charset}"><title>年报</title></head><body>\n{body}</body></html>'
            ).encode("gbk")


def test_gbk_page_declared_latin1_is_read_as_gbk(tmp_path):
    for charset in ("iso-8859-1", "windows-1252", "ascii"):
        p = tmp_path / f"{charset}.html"
        p.write_bytes(_page(charset))
        doc = load(str(p), Limits())
        assert doc.encoding.lower().replace("-", "") in ("gb18030", "gbk"), (charset, doc.encoding)
        report = parse_document(doc)
        assert report.year == 2022 and report.tables["t3"].found
