"""Malformed input ends in a LoadError with a GL9xx code — never a traceback, never a hang."""
from __future__ import annotations

import io
import os
import zipfile

import pytest

from gen.build import standard_content, to_docx, to_pdf
from govlint.errors import LoadError
from govlint.load import Limits, load
from govlint.load.docx import load_docx
from govlint.load.html import load_html
from govlint.load.pdf import load_pdf


def _code(loader, path, data: bytes, limits: Limits = Limits()) -> str:
    with pytest.raises(LoadError) as e:
        loader(str(path), data, limits)
    assert e.value.zh and e.value.en
    return e.value.code


def _via_load(path) -> str:
    with pytest.raises(LoadError) as e:
        load(str(path))
    return e.value.code


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> bytes:
    p = tmp_path_factory.mktemp("m") / "good.pdf"
    to_pdf(standard_content(), str(p))
    return p.read_bytes()


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.05])
def test_truncated_pdf(tmp_path, good_pdf, keep):
    p = tmp_path / "cut.pdf"
    p.write_bytes(good_pdf[:int(len(good_pdf) * keep)])
    assert _code(load_pdf, p, p.read_bytes()) == "GL901"
    assert _via_load(p) == "GL901"


def test_encrypted_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    p = tmp_path / "enc.pdf"
    c = canvas.Canvas(str(p), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "report")
    c.showPage()
    c.save()
    with pytest.raises(LoadError) as e:
        load(str(p))
    assert e.value.code == "GL901" and "加密" in e.value.zh


def test_300_blank_pages(tmp_path):
    from reportlab.pdfgen import canvas
    p = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(300):
        c.showPage()
    c.save()
    with pytest.raises(LoadError) as e:
        load(str(p))
    from govlint.load import ocr_engine

    if ocr_engine.available():  # 300 pages to OCR: refused before any is read, not half an hour
        assert e.value.code == "GL908" and "max-ocr-pages" in e.value.zh
    else:
        assert e.value.code == "GL906" and "没有文字层" in e.value.zh and "govlint[ocr]" in e.value.zh


def test_scanned_pdf_has_no_text_layer(tmp_path):
    Image = pytest.importorskip("PIL.Image")  # installed with reportlab
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    img = Image.new("RGB", (200, 100), "white")
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.drawImage(ImageReader(img), 50, 500, 400, 200)
    c.showPage()
    c.save()
    assert _via_load(p) == "GL906"


def test_zip_bomb_renamed_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (6 * 1024 * 1024))
    p = tmp_path / "bomb.docx"
    p.write_bytes(buf.getvalue())
    # over the unpacked-size limit
    assert _code(load_docx, p, p.read_bytes(), Limits(max_unpacked=5 * 1024 * 1024)) == "GL908"
    # within it, but with a compression ratio no Word file has
    assert _via_load(p) == "GL908"


def test_high_ratio_member_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    assert _code(load_docx, tmp_path / "x.docx", buf.getvalue()) == "GL908"


def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "fake.docx"
    p.write_text("这不是 Word 文件\n" * 100, encoding="utf-8")
    with pytest.raises(LoadError) as e:
        load(str(p))
    assert e.value.code == "GL901" and "ZIP" in e.value.zh


def test_docx_without_document_xml(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert _code(load_docx, tmp_path / "x.docx", buf.getvalue()) == "GL901"


def test_docx_with_broken_xml(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    assert _code(load_docx, tmp_path / "x.docx", buf.getvalue()) == "GL901"


def test_encrypted_or_ole_docx(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000)
    with pytest.raises(LoadError) as e:
        load_docx("x.docx", data, Limits())
    assert e.value.code == "GL901" and "加密" in e.value.zh
    p = tmp_path / "enc.docx"
    p.write_bytes(data)
    assert _via_load(p).startswith("GL9")


def test_truncated_docx(tmp_path):
    p = tmp_path / "r.docx"
    to_docx(standard_content(), str(p))
    data = p.read_bytes()
    assert _code(load_docx, p, data[:len(data) // 2]) == "GL901"


def test_html_20mb_10000_nested_tags(tmp_path):
    head = "<html><body>" + "<div>" * 10_000 + "正文" + "</div>" * 10_000
    html = head + "<p>" + "字" * ((20 * 1024 * 1024 - len(head.encode())) // 3 - 20) + "</p></body></html>"
    p = tmp_path / "deep.html"
    p.write_bytes(html.encode("utf-8"))
    assert _code(load_html, p, p.read_bytes()) == "GL908"
    assert _via_load(p) in ("GL904", "GL908")


def test_html_nesting_over_max_depth(tmp_path):
    html = "<html><body>" + "<span>" * 300 + "x" + "</span>" * 300 + "</body></html>"
    assert _code(load_html, tmp_path / "d.html", html.encode(), Limits(max_depth=100)) == "GL908"


def test_binary_junk_html(tmp_path):
    p = tmp_path / "junk.html"
    p.write_bytes(os.urandom(200_000))
    assert _via_load(p) == "GL901"
    p.write_bytes(b'<meta charset="gbk">' + os.urandom(200_000))
    assert _via_load(p) == "GL901"


def test_html_without_text(tmp_path):
    p = tmp_path / "e.html"
    p.write_bytes(b"<html><head><script>var a=1;</script></head><body> </body></html>")
    assert _via_load(p) == "GL901"


def test_absurd_spans_stay_bounded(tmp_path):
    html = b"<table><tr><td rowspan=99999 colspan=99999>a</td><td>b</td></tr></table>"
    doc = load_html("x.html", html, Limits())
    assert doc.lines[0].text.startswith("a")
    with pytest.raises(LoadError) as e:
        load_html("x.html", html, Limits(max_elements=100))
    assert e.value.code == "GL908"
