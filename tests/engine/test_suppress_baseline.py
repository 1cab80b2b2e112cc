"""Inline suppressions and baseline files."""
from __future__ import annotations

from govlint.config import Config
from govlint.engine import run
from govlint.engine.baseline import load_baseline, write_baseline
from govlint.parse import parse_text as parse_text_any
from govlint.scaffold.synth import render_report

BAD = {"t3.new.natural_person": 6, "t3.new.total": 7}


def _run(text, path="r.md"):
    return run(parse_text_any(text, path), Config())


def _text(**kw):
    return render_report("2021", 2022, cells=BAD, date="2023-02-15", **kw)  # GL201 ×2 + GL303


def test_suppress_whole_file_by_prefix():
    text = _text()
    assert [d.code for d in _run(text)] == ["GL201", "GL201", "GL303"]
    assert [d.code for d in _run("<!-- govlint: disable=GL2 -->\n" + text)] == ["GL303"]
    assert [d.code for d in _run(text + "\n<!-- govlint: disable=GL303, GL201 -->\n")] == []
    assert _run(text + "\n<!-- govlint: disable -->\n") == []


def test_suppress_next_line_only_hits_that_line():
    text = _text()
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("\t（七）总计"))
    lines.insert(i, "<!-- govlint: disable-next-line=GL201 -->")
    left = _run("\n".join(lines))
    assert [d.code for d in left] == ["GL303"]
    j = next(k for k, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    lines.insert(j, "<!-- govlint: disable-next-line=GL201 -->")  # wrong line: no effect on the 七 row
    assert [d.code for d in _run("\n".join(lines))] == ["GL303"]
    lines.pop(i + 1)  # remove the comment before the 七 row: GL201 is back
    assert [d.code for d in _run("\n".join(lines))] == ["GL201", "GL201", "GL303"]


def test_baseline_survives_line_shifts(tmp_path):
    report_path = tmp_path / "r.md"
    text = _text()
    rep = parse_text_any(text, str(report_path))
    diags = run(rep, Config())
    bl = tmp_path / "baseline.json"
    assert write_baseline(str(bl), [(diags, rep.source_lines)]) == len(diags)
    # insert paragraphs above everything: line numbers move, fingerprints do not
    shifted = text.replace("## 一、总体情况", "## 一、总体情况\n\n新增一段说明。\n\n又一段。", 1)
    rep2 = parse_text_any(shifted, str(report_path))
    diags2 = run(rep2, Config())
    assert diags2 and diags2[0].span.line != diags[0].span.line
    assert load_baseline(str(bl)).filter(diags2, rep2.source_lines) == []
    # a new problem is still reported, and only the new ones are
    worse = shifted.replace("\t（一）予以公开\t3\t1", "\t（一）予以公开\t4\t1", 1)
    assert worse != shifted
    rep3 = parse_text_any(worse, str(report_path))
    new = load_baseline(str(bl)).filter(run(rep3, Config()), rep3.source_lines)
    assert "GL202" in {d.code for d in new}
    assert not {"GL201", "GL303"} & {d.code for d in new}


def test_missing_baseline_is_empty_and_broken_is_error(tmp_path):
    assert load_baseline(str(tmp_path / "none.json")).counts == {}
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    try:
        load_baseline(str(bad))
    except ValueError as e:
        assert "not a govlint baseline" in str(e)
    else:
        raise AssertionError("expected ValueError")
