"""``--lang en`` prints no tool-generated Chinese.

Messages and locators in English may quote the report (its headings, cell
text, the wrong wording found) — those quotes sit inside “…”, "…" or 「…」
and are stripped before checking.  Everything else must be free of CJK:
table/row/column names come from the templates' ``label_en``/``columns_en``,
and DOCX/PDF/HTML locators (``Span.where``) are rendered per language.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from gen.paths import SEEDS
from gen.build import content_from_seed, sample_values, standard_content, to_docx, to_pdf
from govlint.engine import catalog
from govlint.labels import parse_where, render_where, where_text
from govlint.model import FileResult
from govlint.output.common import OutputOptions
from govlint.output.text import render_text
from govlint.runner import RunOptions, check_file

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|‘[^’]*’")
SNIPPET = re.compile(r"^\s*\d+ \|")  # the report's own source lines under a finding

# English text in files outside this change still carrying Chinese (rule
# summaries in rules/packs/core.yaml, used by the "cannot verify" message).
# Remove an entry once the wording is fixed there.
KNOWN_ELSEWHERE: tuple[str, ...] = ()  # tool text known to be Chinese in English output: none


def _unquoted(text: str) -> str:
    text = QUOTED.sub("", text)
    for known in KNOWN_ELSEWHERE:
        text = text.replace(known, "")
    return text


def _defective(template: str = "2021") -> dict[str, str]:
    """Sample values with an unbalanced 表三 column and a blank 表二 cell, so
    cell findings (and their DOCX/PDF locators) are produced."""
    v = sample_values(template)
    v["t3.new.natural_person"] = str(int(v["t3.new.natural_person"]) + 1)
    v["t2.rules.repealed"] = ""
    return v


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> list[FileResult]:
    d: Path = tmp_path_factory.mktemp("lang_en")
    files = [str(p) for p in SEEDS]
    for i, content in enumerate([content_from_seed(str(SEEDS[0])), standard_content(_defective())]):
        for suffix, build in ((".docx", to_docx), (".pdf", to_pdf)):
            path = d / f"r{i}{suffix}"
            build(content, str(path))
            files.append(str(path))
    return [check_file(f, RunOptions(lang="en")) for f in files]


def test_messages_and_locators_have_no_chinese(results):
    bad = []
    for r in results:
        for diag in r.diagnostics:
            if CJK.search(_unquoted(diag.message)):
                bad.append((r.path, diag.code, diag.message))
            where = diag.span.where if diag.span else None
            if where and CJK.search(render_where(where, "en")):
                bad.append((r.path, diag.code, where))
    assert not bad, bad


def test_text_output_has_no_chinese(results):
    out = render_text(results, OutputOptions(rules=catalog(), lang="en"))
    bad = [ln for ln in out.splitlines() if not SNIPPET.match(ln) and CJK.search(_unquoted(ln))]
    assert not bad, bad
    # the DOCX/PDF findings were located by cell, and the locator is English
    assert re.search(r"at table \d+, row \d+, column \d+", out)
    assert "表格" not in out


def test_docx_pdf_cells_found(results):
    """The defective DOCX and PDF produce cell findings (so the check above saw locators)."""
    for r in results[-2:]:
        codes = {d.code for d in r.diagnostics}
        assert "GL201" in codes, (r.path, codes)
        assert any(d.span and d.span.where for d in r.diagnostics), r.path


def test_locator_round_trip():
    for kind, nums, en in (("cell", {"table": 3, "row": 5, "column": 2}, "table 3, row 5, column 2"),
                           ("row", {"table": 3, "row": 5}, "table 3, row 5"),
                           ("paragraph", {"n": 12}, "paragraph 12")):
        where = where_text(kind, **nums)
        assert parse_where(where) == (kind, nums)
        assert render_where(where, "en") == en
        assert render_where(where, "zh") == where
    assert where_text("cell", table=3, row=5, column=2) == "表格3 第5行 第2列"
    assert render_where("somewhere else", "en") == "somewhere else"  # a plugin's own locator
