"""Built-in rules written in Python (registered via govlint.engine.builtin_plugin).

Most rules are YAML; a rule lives here when its logic is not a parameterised
kind.  Registration goes through the same hook a third-party plugin uses.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..model import Diagnostic, Report, Severity
from .kinds_base import join
from .pyrule import PyRule, RuleContext

_PERIOD = re.compile(r"统计(?:期限|期间|时限|时间|区间|周期)[^。]{0,60}")
_GARBLED = re.compile(r"(?<!\d)\d{5,}\s*年|(?<!\d)\d{5,}\s*日|(?<!\d)(?:19|20)\d{2}\d{1,4}日")


class PeriodDatesGarbled(PyRule):
    code = "GL305"
    name = "period-dates-garbled"
    severity = Severity.WARNING
    message = {"zh": "统计期限中的日期无法识别：“{text}”，应写作“自{year}年1月1日起至{year}年12月31日止”",
               "en": "the statistics-period dates are garbled: \"{text}\"; write "
                     "\"自{year}年1月1日起至{year}年12月31日止\""}
    summary = {"zh": "统计期限的日期书写错误（如“202020年”“自202011日起”）",
               "en": "statistics-period dates are garbled (e.g. \"202020年\")"}
    docs = {
        "rationale": {"zh": "日期多打或漏打数字时，读者无法确认数据所属年度，审核时常见此类错误。",
                      "en": "A date with extra or missing digits leaves the reader unsure which year "
                            "the data cover; reviewers see this often in real reports."},
        "basis": "《中华人民共和国政府信息公开条例》第四十九条；国办公开办函〔2021〕30号（年度报告格式）",
        "examples": {
            "fail": [{"template": "2021", "year": 2022,
                      "remove_text": ["本报告中所列数据的统计期限.*?止。"],
                      "add_text": {"section": 1, "text": "本报告中所列数据的统计期限自202220年1月1日起至2022年12月31日止。"},
                      "expect": ["GL302"]}],
            "pass": [{"template": "2021", "year": 2022}],
        },
    }

    def check(self, report: Report, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Search the whole report joined (PDF wrapping can split the period sentence across lines)."""
        st = join(report, report.lines, ctx.cache)
        for m in _PERIOD.finditer(st.text):
            g = _GARBLED.search(m.group(0))
            if g:
                yield self.diagnostic(ctx, st.span(m.start() + g.start(), m.start() + g.end()),
                                      report=report, text=re.sub(r"\s+", "", g.group(0)),
                                      year=report.year or "YYYY")


RULES = [PeriodDatesGarbled]
