"""Word review comments: one per finding, on the cell or paragraph it is about.

The oracle is python-docx's own view of the document (``table.cell(r, c)``
resolves merges, ``document.paragraphs``), not govlint's locator code, so a
comment on the wrong cell fails here.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from gen.build import content_from_seed, sample_values, standard_content, to_docx
from govlint.annotate import annotate
from govlint.labels import parse_where
from govlint.model import Diagnostic, FileResult, Severity, Span
from govlint.runner import RunOptions, check_file

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"


def _bad_values() -> dict[str, str]:
    v = sample_values("2021")
    v["t3.new.natural_person"] = "3000"  # 一 自然人 off by one: GL201 and GL202
    v["t4.review.total"] = "9"  # 行政复议 总计 ≠ 5+2+1+0
    v["t3.partial.research"] = ""  # a blank cell: GL122
    return v


@pytest.fixture(scope="module")
def bad_docx(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "某市人民政府2024年报.docx"
    to_docx(standard_content(_bad_values()), str(path))
    return path


def _annotated(path: Path) -> tuple[FileResult, docx.document.Document, bytes]:
    result = check_file(str(path), RunOptions())
    out = annotate(result, path.read_bytes())
    return result, docx.Document(io.BytesIO(out)), out


def _comment_element(document, comment_id: int, tag: str):
    """The nearest ``tag`` ancestor of the comment's range start."""
    body = document.element.body
    start = next(el for el in body.iter(qn("w:commentRangeStart"))
                 if el.get(qn("w:id")) == str(comment_id))
    el = start
    while el is not None and el.tag != qn(tag):
        el = el.getparent()
    return el


def _expected_element(document, where: str):
    kind, n = parse_where(where)
    if kind == "paragraph":  # the n-th paragraph that has text (headings and title included)
        paras = [p for p in document.paragraphs if p.text.strip()]
        return "w:p", paras[n["n"] - 1]._p
    table = document.tables[n["table"] - 1]
    if kind == "row":
        return "w:tr", table.rows[n["row"] - 1]._tr
    return "w:tc", table.cell(n["row"] - 1, n["column"] - 1)._tc


def _by_finding(result: FileResult, document) -> dict[int, object]:
    """Finding index → its comment, matched by text (code, severity, message)."""
    comments = list(document.comments)
    out = {}
    for i, d in enumerate(result.diagnostics):
        hits = [c for c in comments if c.text.split("\n")[0].endswith(d.message)
                and c.text.startswith(d.code)]
        assert hits, f"no comment for {d.code} {d.message}"
        out[i] = hits[0]
        comments.remove(hits[0])
    assert not comments, "a comment that belongs to no finding"
    return out


def test_one_comment_per_finding_on_the_expected_cell_or_paragraph(bad_docx):
    result, document, _ = _annotated(bad_docx)
    codes = {d.code for d in result.diagnostics}
    assert {"GL201", "GL202", "GL204", "GL122"} <= codes
    matched = _by_finding(result, document)
    for i, d in enumerate(result.diagnostics):
        c = matched[i]
        assert c.author == "govlint" and c.initials == "GL"
        tag, expected = _expected_element(document, d.span.where)
        assert _comment_element(document, c.comment_id, tag) is expected, (d.code, d.span.where)
    # the blank cell's comment sits on the data row's empty 科研机构 cell, not the header
    blank = next(d for d in result.diagnostics if d.code == "GL122")
    assert (blank.span.row, blank.span.column_key) == ("partial", "research")
    kind, n = parse_where(blank.span.where)
    cell = document.tables[n["table"] - 1].cell(n["row"] - 1, n["column"] - 1)
    assert cell.text == "" and document.tables[n["table"] - 1].cell(n["row"] - 1, 0).text.startswith("三")


def test_comment_text_is_message_and_fix_hints(bad_docx):
    result, document, _ = _annotated(bad_docx)
    matched = _by_finding(result, document)
    i, d = next((i, d) for i, d in enumerate(result.diagnostics)
                if d.code == "GL201" and d.span.column_key == "natural_person")
    lines = matched[i].text.split("\n")
    assert lines[0] == f"GL201 [错误] {d.message}"
    assert "建议：若三(七)+四正确，一、本年新收政府信息公开申请数量 自然人应为3001" in lines
    assert len(lines) == 1 + len(d.hints)
    t4 = next(i for i, d in enumerate(result.diagnostics) if d.code == "GL204")
    assert "建议：若维持+纠正+其他结果+尚未审结正确，行政复议 总计应为8" in matched[t4].text


@pytest.mark.parametrize("seed", ["002", "004"])
def test_seed_documents_get_every_finding_as_a_comment(seed, tmp_path):
    src = next(SEEDS.glob(f"{seed}_*.txt"))
    path = tmp_path / f"{seed}.docx"
    to_docx(content_from_seed(str(src)), str(path))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result, document, _ = _annotated(path)
    assert result.diagnostics
    matched = _by_finding(result, document)
    for i, d in enumerate(result.diagnostics):
        tag, expected = _expected_element(document, d.span.where)
        assert _comment_element(document, matched[i].comment_id, tag) is expected
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the input is never modified
    for i, d in enumerate(result.diagnostics):  # consequences folded into a finding are named in its comment
        if d.folded:
            assert f"由此另有{len(d.folded)}项问题未单列（" in matched[i].text
    if seed == "002":
        assert any(d.folded for d in result.diagnostics)  # 表三 cut off folds the identities it stops


def test_a_clean_document_comes_back_unchanged(tmp_path):
    src = next(SEEDS.glob("003_*.txt"))
    path = tmp_path / "003.docx"
    to_docx(content_from_seed(str(src)), str(path))
    result = check_file(str(path), RunOptions())
    assert result.diagnostics == []
    data = path.read_bytes()
    assert annotate(result, data) == data


def test_a_finding_without_a_usable_place_goes_on_its_section_heading(bad_docx):
    result = check_file(str(bad_docx), RunOptions())
    p = str(bad_docx)
    lost = [  # a 表四 finding whose locator names no element; one with no span at all
        Diagnostic("GL999", "x", Severity.WARNING, "表四的问题", Span(p, 0, 0, 0, 0, table="t4",
                                                                          where="表格99 第1行"), p),
        Diagnostic("GL998", "y", Severity.INFO, "整个文件的问题", None, p),
        Diagnostic("GL997", "z", Severity.INFO, "一整行的问题", Span(p, 0, 0, 0, 0, where="表格2 第4行"), p)]
    out = annotate(FileResult(p, result.report, lost), bad_docx.read_bytes())
    document = docx.Document(io.BytesIO(out))
    comments = {c.text.split(" ")[0]: c for c in document.comments}
    heading = _comment_element(document, comments["GL999"].comment_id, "w:p")
    assert "".join(t.text for t in heading.iter(qn("w:t"))) == "四、政府信息公开行政复议、行政诉讼情况"
    title = _comment_element(document, comments["GL998"].comment_id, "w:p")
    assert "".join(t.text for t in title.iter(qn("w:t"))) == result.report.title
    # a row finding sits in the row's label cell: a comment range never crosses cells
    row = document.tables[1].rows[3]
    assert _comment_element(document, comments["GL997"].comment_id, "w:tc") is row.cells[0]._tc
    assert row.cells[0].text.startswith("一、本年新收")


SOFFICE = next((p for p in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice")
                if Path(p).exists()), None)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
def test_libreoffice_converts_the_annotated_document_with_its_comments(bad_docx, tmp_path):
    import subprocess

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    result, document, out = _annotated(bad_docx)
    src = tmp_path / "annotated.docx"
    src.write_bytes(out)
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                           "--outdir", str(tmp_path), str(src)],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    pdf_path = tmp_path / "annotated.pdf"
    assert proc.returncode == 0 and pdf_path.exists(), proc.stderr
    pdf = pdfium.PdfDocument(str(pdf_path))
    texts = []
    for page in pdf:  # LibreOffice exports each Word comment as a PDF text annotation
        for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, k)
            if raw.FPDFAnnot_GetSubtype(annot) == raw.FPDF_ANNOT_TEXT:
                n = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
                buf = (raw.FPDF_WCHAR * (n // 2))()
                raw.FPDFAnnot_GetStringValue(annot, b"Contents", buf, n)
                texts.append(bytes(buf).decode("utf-16-le").rstrip("\x00"))
            raw.FPDFPage_CloseAnnot(annot)
    assert len(texts) == len(result.diagnostics) == len(list(document.comments))
    assert sorted(t.split(" ")[0] for t in texts) == sorted(d.code for d in result.diagnostics)


