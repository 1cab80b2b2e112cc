"""Stage 3: Document → Report.

Generic over templates: which template's tables a report uses is detected
from the tables themselves (column headers and rows only one format has),
independently of the year it claims, so a 2022 report on the 2019 form is
read correctly and can then be told it used the wrong form.

May import the foundation only (document, model, templates, labels): the
parser never knows about rules, so a cell it cannot place is left missing.
"""
from __future__ import annotations

import re
from typing import Optional

from ..document import Document, Line
from ..model import ParseNote, Report, Section, Span, Table, TextLine
from ..templates import Template, builtin_templates, squash, template_for_year
from . import issuer, meta
from .tables import parse_table
from .tokens import is_prose, tokenize

__all__ = ["parse_document", "parse_text", "detect_template"]


def detect_template(doc: Document, year: Optional[int] = None) -> tuple[Template, dict[str, int]]:
    """Score every template by the format-specific markers its tables show."""
    text = squash("".join(ln.text for ln in doc.lines if not is_prose(ln.text)))
    scores = {tid: sum(1 for m in t.markers if m in text) for tid, t in builtin_templates().items()}
    best = max(scores.values()) if scores else 0
    if best > 0:
        leaders = [tid for tid, s in scores.items() if s == best]
        if len(leaders) == 1:
            return builtin_templates()[leaders[0]], scores
    return template_for_year(year), scores


def _row_variants(templates: dict[str, Template]) -> list[str]:
    out: set[str] = set()
    for t in templates.values():
        for spec in t.tables.values():
            for r in spec.rows:
                out.update(r.match)
    return sorted(out)


def _marker_line(doc: Document, markers: list[str], lo: int, hi: int) -> Optional[int]:
    for i in range(lo, hi):
        text = doc.lines[i].text
        if not is_prose(text) and any(m in squash(text) for m in markers):
            return i
    return None


def _mask_comments(lines: list) -> list:
    """Blank out HTML comments (invisible in rendered Markdown) so rules never
    read them; positions stay, and suppression comments are read from the
    original source lines."""
    out = []
    inside = False
    for ln in lines:
        text = ln.text
        if not inside and "<!--" not in text:
            out.append(ln)
            continue
        chars = list(text)
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(chars):
            if not inside and text.startswith("<!--", i):
                inside = True
            if inside:
                end = text.find("-->", i)
                stop = len(chars) if end < 0 else end + 3
                for k in range(i, stop):
                    chars[k] = " "
                spans.append((i, stop))
                inside = end < 0
                i = stop
            else:
                i += 1
        # comments that end the line (govlint's own review notes) are cut off, not
        # blanked: trailing blanks would change how a wrapped sentence or a row is read
        cut = len(text)
        for start, stop in reversed(spans):
            if text[stop:cut].strip():
                break
            cut = start
        if cut < len(text) and ln.cells is None:
            out.append(Line("".join(chars[:cut]), ln.lines[:cut + 1], ln.cols[:cut + 1], ln.page,
                            None, ln.where))
            continue
        out.append(Line("".join(chars), ln.lines, ln.cols, ln.page, ln.cells, ln.where))
    return out


_INLINE_HEADING = re.compile(r"[。；;!！]\s*(?=(?:第)?[一二三四五六](?:部分)?\s*[、.．])")


def _split_inline_headings(lines: list[Line], template: Template) -> list[Line]:
    """Web pages that run a whole report into one paragraph put headings mid-line
    ("…下载。 一、总体情况 2022年…"): start a new line at a heading that has the
    official wording, so sections are found (positions are kept).  A sentence that lists the
    sections ("本报告包括：一、总体情况；二、…；三、…。") is left whole: its headings have no text of
    their own, and taking them would put the sections in the preamble."""
    variants = [v for sec in template.sections for v in sec.variants]
    out: list[Line] = []
    for ln in lines:
        text = ln.text
        found: list[tuple[int, int, int]] = []  # (the punctuation before, heading start, heading end)
        for m in _INLINE_HEADING.finditer(text) if len(text) > 20 else ():
            c = m.end()
            sq = squash(text[c:c + 60])
            body = sq.lstrip("第一二三四五六部分")
            v = next((v for v in sorted(variants, key=len, reverse=True) if body.startswith(v)), None)
            if v is None:
                continue
            target, k, seen = len(sq) - len(body) + len(v), c, 0
            while k < len(text) and seen < target:  # walk to the end of the heading words
                seen += len(squash(text[k]))
                k += 1
            found.append((m.start(), c, k))
        ends = [found[i + 1][0] if i + 1 < len(found) else len(text) for i in range(len(found))]
        if len(found) > 1 and not any(squash(text[k:e]) for (_, _, k), e in zip(found, ends)):
            found = []  # headings with nothing of their own after any: the sections listed in a sentence
        cuts: list[int] = []
        for _, c, k in found:
            cuts.append(c)
            if k < len(text) and text[k] == " ":
                cuts.append(k)  # the body text after the heading starts a line of its own
        if not cuts or ln.cells:
            out.append(ln)
            continue
        start = 0
        for c in [*cuts, len(text)]:
            while c < len(text) and text[c] == " ":
                c += 1
            if c > start:
                out.append(Line(text[start:c].rstrip(), ln.lines[start:c + 1], ln.cols[start:c + 1],
                                ln.page, None, ln.where))
            start = c
    return out


def parse_document(doc: Document, template: Optional[Template] = None) -> Report:
    """Parse a loaded Document into a Report (never raises on odd input)."""
    path = doc.path
    lines = doc.lines
    if doc.kind in ("markdown", "text"):
        lines = doc.lines = _mask_comments(lines)
    lines = doc.lines = _split_inline_headings(lines, template or template_for_year(None))
    report = Report(path=path, kind=doc.kind, source_lines=doc.source_lines)
    report.lines = [TextLine(ln.text, ln.span(path, 0, len(ln.text))) for ln in lines]

    all_templates = builtin_templates()
    headings = meta.find_headings(lines, template or template_for_year(None),
                                  _row_variants(all_templates))
    first_heading = headings[0].line if headings else None
    title = meta.find_title(lines, first_heading)
    if title:
        report.title = title.text
        report.title_span = lines[title.line].span(path, 0, len(lines[title.line].text))
        report.year = title.year
    elif doc.title_line is not None and (found := meta.page_title(doc.title_line)):
        own, start, end = found  # no visible title: the page's <title> names the report
        report.title, report.title_span = own.text, doc.title_line.span(path, start, end)
        report.issuer, report.year = own.issuer, own.year
    _issuer(report, lines, title, first_heading)
    if report.year is None:  # what the report calls itself, then its file, then the text
        report.year = (meta.self_named_year(lines, min(len(lines), 60)) or meta.file_name_year(path)
                       or meta.most_common_year(lines, 0, min(len(lines), 60)))

    if template is None:
        template, report.template_scores = detect_template(doc, report.year)
    report.template = template.id

    heading_lines = sorted(h.line for h in headings)
    for k, h in enumerate(headings):
        end = headings[k + 1].line if k + 1 < len(headings) else len(lines)
        report.sections.append(Section(
            number=h.number, heading=h.text,
            span=lines[h.line].span(path, 0, len(lines[h.line].text)),
            standard=h.standard, body_start=h.end_line + 1, body_end=end))
        if not h.standard:
            spec = next((s for s in template.sections if s.number == h.number), None)
            report.notes.append(ParseNote("heading_wording", report.sections[-1].span, data={
                "number": h.number, "found": h.text,
                "expected": spec.heading if spec else ""}))
    found_numbers = {h.number for h in headings}
    for spec in template.sections:
        if spec.number not in found_numbers:
            report.notes.append(ParseNote("section_missing", None, data={
                "number": spec.number, "heading": spec.heading}))

    _parse_tables(doc, template, headings, heading_lines, report)

    for iso, li, s, e in meta.find_dates(lines):
        report.dates.append((iso, lines[li].span(path, s, e)))
    return report


def _issuer(report: Report, lines: list[Line], title: Optional[meta.Title],
            first_heading: Optional[int]) -> None:
    """The issuer from the most trusted place that names it (see :mod:`.issuer`);
    other places naming another body become ``issuer_conflict`` notes."""
    cands = issuer.detect(lines, title.line if title else None, title.issuer if title else None,
                          first_heading, report.path)
    chosen, conflicts = issuer.choose(cands)
    if chosen is None:
        return

    def span(c: issuer.Candidate) -> Optional[Span]:
        return lines[c.line].span(report.path, c.start, c.end) if c.line is not None else None

    report.issuer, report.issuer_source, report.issuer_span = chosen.name, chosen.source, span(chosen)
    for c in conflicts:
        report.notes.append(ParseNote("issuer_conflict", span(c), data={
            "source": c.source, "name": c.name, "chosen_source": chosen.source,
            "chosen": chosen.name, "chosen_span": report.issuer_span}))


def _parse_tables(doc: Document, template: Template, headings: list[meta.Heading],
                  heading_lines: list[int], report: Report) -> None:
    lines = doc.lines
    by_number = {h.number: h for h in headings}
    specs = sorted(template.tables.values(), key=lambda s: s.section)
    prev_end = 0
    for k, spec in enumerate(specs):
        h = by_number.get(spec.section)
        start = h.end_line + 1 if h else _marker_line(doc, spec.start_markers, prev_end, len(lines))
        if start is None:
            report.tables[spec.name] = Table(spec.name, False, None, expected=spec.expected_keys)
            report.notes.append(ParseNote("table_missing", None, spec.name, data={
                "title": spec.title, "label": spec.label}))
            continue
        later = [ln for ln in heading_lines if ln >= start]
        end = later[0] if later else len(lines)
        at_eof = not later
        if k + 1 < len(specs) and specs[k + 1].section not in by_number:
            nxt = _marker_line(doc, specs[k + 1].start_markers, start, end)
            if nxt is not None and nxt > start:
                end, at_eof = nxt, False
        header = _marker_line(doc, spec.start_markers, start, end)
        if header is not None:
            start = header  # sentences between the heading and the table stay out
        tokens = tokenize(lines, start, end)
        region = lines[start].span(doc.path, 0, 0) if start < len(lines) else None
        table, notes = parse_table(doc, spec, tokens, doc.path, region, at_eof)
        report.tables[spec.name] = table
        report.notes.extend(notes)
        prev_end = end


def parse_text(text: str, path: str = "<text>", kind: str = "markdown") -> Report:
    """Parse report text directly (tests, rule examples, stdin)."""
    from ..document import normalize_line

    raw = text.splitlines()
    doc = Document(path=path, kind=kind, source_lines=raw,
                   lines=[normalize_line(s, i + 1) for i, s in enumerate(raw)])
    return parse_document(doc)
