"""The HTML report's cross-report part: GL7xx findings, and each unit's years side by side.

Why a separate card: a supervisor reads these first — which units' numbers do
not carry over, whose text is copied, who is missing — before going into
any single report.  Units are the batch stage's (names matched the same way
as for the checks), so the table shows what the rules compared.
"""
from __future__ import annotations

from html import escape

from ..batch.model import Batch
from ..labels import message_cell_label
from ..model import FileResult
from .common import OutputOptions, display_path, severity_label

# the figures a reviewer compares year to year
KEY_FIGURES = ["t3.new.total", "t3.carried_over.total", "t3.granted.total", "t3.carry_forward.total",
               "t4.review.total", "t4.litigation_direct.total", "t2.normative_docs.in_force"]

UI = {"zh": {"title": "跨报告检查", "findings": "跨报告问题", "years": "按机关逐年对比", "none": "未发现跨报告问题",
             "file": "文件", "related": "相关报告", "figure": "项目"},
      "en": {"title": "Across reports", "findings": "Cross-report findings", "years": "Each issuer, year by year",
             "none": "No cross-report findings", "file": "File", "related": "Related report", "figure": "Figure"}}


def _fmt(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def render_cross(results: list[FileResult], numbers: dict[str, int], opts: OutputOptions) -> str:
    """The card; empty when the run has no cross-report finding and no unit with two years."""
    t = UI["en" if opts.en else "zh"]
    diags = [d for r in results for d in r.diagnostics if d.code.startswith("GL7")]
    batch = Batch([r.report for r in results if r.report is not None])
    years: dict[object, dict[int, object]] = {}
    for e in batch.entries:
        if e.unit is not None and e.year is not None:
            years.setdefault(e.unit, {}).setdefault(e.year, e.report)
    multi = {u: ys for u, ys in years.items() if len(ys) > 1}
    if not diags and not multi:
        return ""
    out = [f'<section class="card" id="cross"><h2>{t["title"]}</h2><h3>{t["findings"]}</h3>']
    if diags:
        rows = []
        for d in sorted(diags, key=lambda d: d.sort_key):
            n = numbers.get(d.path)
            name = escape(display_path(d.path, opts.root))
            link = f'<a href="#rep{n}">{name}</a>' if n else name
            rel = "、".join(escape(display_path(s.path, opts.root)) + (f":{s.line}" if s.line else "")
                           for s in d.related if s.path and s.path != d.path)
            rows.append(f'<tr><td class="code">{escape(d.code)}</td><td><span class="pill {d.severity.value}">'
                        f'{escape(severity_label(d.severity, opts.lang))}</span></td><td>{link}</td>'
                        f'<td>{escape(d.message)}</td><td>{rel}</td></tr>')
        out.append(f'<table class="list" id="cross-findings"><tbody>{"".join(rows)}</tbody></table>')
    else:
        out.append(f'<p>{t["none"]}</p>')
    if multi:
        out.append(f'<h3>{t["years"]}</h3>')
        for unit, ys in sorted(multi.items(), key=lambda kv: kv[0].name):
            order = sorted(ys)
            head = "".join(f'<th class="num">{y}</th>' for y in order)
            body = "".join(
                f'<tr><td>{escape(message_cell_label(k, "en" if opts.en else "zh"))}</td>'
                + "".join(f'<td class="num">{escape(_fmt(ys[y].value(k)))}</td>' for y in order) + "</tr>"
                for k in KEY_FIGURES)
            out.append(f'<h4>{escape(unit.name)}</h4><table class="list years"><thead><tr><th>{t["figure"]}</th>'
                       f'{head}</tr></thead><tbody>{body}</tbody></table>')
    out.append("</section>")
    return "".join(out)
