"""GL310: the report names two different bodies as its issuer.

Why a rule: the title says one body and the 落款 (or the publishing sentence,
or the file's name) another — a report copied from a neighbour's and not
fully edited, or filed under the wrong unit.  Pairing a report with last
year's stands on the issuer, so a supervisor needs to know.  The parser
records the conflict (``issuer_conflict`` notes, see
:mod:`govlint.parse.issuer`); this rule words it.
"""
from __future__ import annotations

from typing import Iterable

from ..model import Diagnostic, Report, Severity
from .pyrule import PyRule, RuleContext

SOURCE_LABELS = {
    "zh": {"title": "标题", "signature": "落款", "sentence": "正文首段", "portal": "网页来源",
           "filename": "文件名"},
    "en": {"title": "the title", "signature": "the signature (落款)", "sentence": "the opening sentence",
           "portal": "the page's source line", "filename": "the file name"},
}


class IssuerConflict(PyRule):
    code = "GL310"
    name = "issuer-conflict"
    severity = Severity.WARNING
    message = {"zh": "{source}的发布机关为“{name}”，与{chosen_source}的“{chosen}”不是同一机关",
               "en": "{source} names the issuer \"{name}\", but {chosen_source} names \"{chosen}\": "
                     "not the same body"}
    summary = {"zh": "标题、落款、正文和文件名中的发布机关一致",
               "en": "title, signature, text and file name name the same issuer"}
    docs = {
        "rationale": {
            "zh": "标题写一个机关、落款写另一个机关，多是照抄其他单位的报告未改全，或报告归错了单位。"
                  "跨年度比对和按机关分组都以发布机关为准，名称不一致时须先核实。"
                  "“人民政府/政府”“办公室/办”、空格、括号宽窄和行政区划前缀的差别不算不一致。",
            "en": "A title naming one body and a signature naming another usually means a report copied "
                  "from another unit and not fully edited, or filed under the wrong unit. Cross-year "
                  "checks group reports by issuer, so this must be settled first. Wording differences "
                  "(人民政府/政府, 办公室/办, spaces, bracket width, a region prefix) do not count."},
        "basis": "《中华人民共和国政府信息公开条例》第五十条（各行政机关公布本机关年度报告）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022,
                      "replace_text": {"^示例县人民政府办公室$": "示例县教育局"}}],
            "pass": [{"template": "2021", "year": 2022},
                     {"template": "2021", "year": 2022, "note": "wording only: 人民政府办公室 → 政府办",
                      "replace_text": {"^示例县人民政府办公室$": "示例县政府办"}}],
        },
    }

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        """One finding per conflicting place, on that place, with the chosen name's place related."""
        labels = SOURCE_LABELS["en" if ctx.lang.startswith("en") else "zh"]
        for note in report.notes:
            if note.kind != "issuer_conflict":
                continue
            d = note.data
            related = [d["chosen_span"]] if d.get("chosen_span") is not None else []
            yield self.diagnostic(ctx, note.span, report=report, related=related,
                                  source=labels.get(d["source"], d["source"]), name=d["name"],
                                  chosen_source=labels.get(d["chosen_source"], d["chosen_source"]),
                                  chosen=d["chosen"])


RULES = [IssuerConflict]
