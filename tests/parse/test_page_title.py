"""A web page that shows the report without a heading still names itself in <title>."""
from __future__ import annotations

import re

import pytest

from gen.build import standard_content, to_html
from govlint.config import Config
from govlint.engine import run
from govlint.load import load
from govlint.parse import parse_document

OWN = "测试市2025年政府信息公开工作年度报告"


def _page(tmp_path, title_tag: str, heading: bool = False):
    c = standard_content(year=2025, issuer="测试市人民政府")
    c.title, c.closing = OWN, []  # no 落款 either: the issuer can only come from the title
    html = to_html(c)
    html = re.sub(r"<title>.*?</title>", f"<title>{title_tag}</title>", html)
    if not heading:
        html = re.sub(r"<h1>.*?</h1>", "", html)
    p = tmp_path / "r.html"
    p.write_text(html, encoding="utf-8")
    return p, parse_document(load(str(p)))


@pytest.mark.parametrize("tag", [OWN, f"{OWN}_政务公开", f"{OWN} - 测试市人民政府门户网站",
                                 f"政务公开｜{OWN}"])
def test_title_tag_names_the_report(tmp_path, tag):
    p, rep = _page(tmp_path, tag)
    assert (rep.title, rep.issuer, rep.year) == (OWN, "测试市", 2025)
    assert "GL111" not in [d.code for d in run(rep, Config())]
    line = p.read_text(encoding="utf-8").split("\n")[rep.title_span.line - 1]
    col = rep.title_span.column - 1
    assert line[col:col + len(OWN)] == OWN  # the span points at the <title> text


def test_a_visible_heading_comes_first(tmp_path):
    _, rep = _page(tmp_path, "政务公开首页", heading=True)
    assert rep.title == OWN and rep.title_span.line > 3


def test_a_title_tag_that_is_not_a_report_title_is_not_used(tmp_path):
    _, rep = _page(tmp_path, "测试市人民政府门户网站")
    assert rep.title is None
    assert "GL111" in [d.code for d in run(rep, Config())]
