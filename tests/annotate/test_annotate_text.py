"""Inline ``<!-- govlint: … -->`` notes for text and Markdown reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.annotate import annotate
from govlint.runner import RunOptions, check_file

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"


def _key(d):
    return d.code, d.message


@pytest.mark.parametrize("seed", ["002", "003", "004"])
def test_each_finding_is_noted_on_its_line_and_the_copy_checks_the_same(seed, tmp_path):
    src = next(SEEDS.glob(f"{seed}_*.txt"))
    result = check_file(str(src), RunOptions())
    assert result.diagnostics
    out = annotate(result, src.read_bytes())
    copy = tmp_path / src.name
    copy.write_bytes(out)
    text = out.decode("utf-8")
    lines = text.splitlines()
    top = [ln for ln in lines if ln.startswith("<!-- govlint:")]
    original = src.read_text("utf-8").splitlines()
    shift = len(top)
    for d in result.diagnostics:
        note = f"<!-- govlint: {d.code} ["
        if d.span is not None and d.span.line > 0:
            line = lines[d.span.line - 1 + shift]
            assert line.startswith(original[d.span.line - 1]) and note in line and d.message in line
        else:
            assert any(note in ln and d.message in ln for ln in top)
    again = check_file(str(copy), RunOptions())  # the notes are comments: the parser never reads them
    assert sorted(map(_key, again.diagnostics)) == sorted(map(_key, result.diagnostics))


def test_encoding_and_line_breaks_are_kept(tmp_path):
    src = next(SEEDS.glob("004_*.txt")).read_text("utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(src.replace("\n", "\r\n").encode("gb18030"))
    result = check_file(str(path), RunOptions())
    out = annotate(result, path.read_bytes())
    text = out.decode("gb18030")  # still GB18030: a UTF-8 decode would fail on it
    with pytest.raises(UnicodeDecodeError):
        out.decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "<!-- govlint: GL605 [警告]" in text


def test_a_double_hyphen_cannot_end_the_note_early(tmp_path):
    from govlint.annotate.text import annotate_text
    from govlint.model import Diagnostic, Severity, Span

    d = Diagnostic("GL999", "x", Severity.INFO, "a -- b --> c", Span("r.md", 1, 1, 1, 2), "r.md")
    out = annotate_text("标题\n".encode(), [d]).decode()
    assert out.count("-->") == 1 and out.rstrip().endswith("-->")
