"""Cross-report rules on names: issuer typos, and the roster (missing units, unknown issuers)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from ..engine.pyrule import RuleContext
from ..model import BatchRecord, Diagnostic, Severity, Span
from ..parse.issuer import same_body, squash_name
from .model import Batch, Entry
from .rule import BatchRule


def typo_kind(a: str, b: str) -> Optional[str]:
    """"doubled", "dropped" or "swapped" when ``a`` and ``b`` differ by exactly that
    one slip inside the name; None otherwise.  A difference at either end is
    not a typo: it changes the region or the organ type (县人民政府/县人民政府办)."""
    if a == b:
        return None
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        if len(d) == 2 and d[1] == d[0] + 1 and a[d[0]] == b[d[1]] and a[d[1]] == b[d[0]]:
            return "swapped"
        return None
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return None
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    if long_[:i] + long_[i + 1:] != short or i == 0 or i == len(long_) - 1:
        return None
    return "doubled" if long_[i] in (long_[i - 1], long_[i + 1]) else "dropped"


def _deletions(name: str) -> set[str]:
    return {name} | {name[:i] + name[i + 1:] for i in range(len(name))}


class IssuerTypo(BatchRule):
    code = "GL704"
    name = "issuer-typo"
    severity = Severity.WARNING
    related = {"zh": "同批报告", "en": "other report"}
    message = {"zh": "发布机关“{name}”与本批报告中的“{other}”只差一个字（{kind}），疑似笔误；如为同一机关，请统一名称",
               "en": "issuer \"{name}\" differs from \"{other}\" in this run by one character ({kind}); "
                     "a typo? If it is the same body, spell it the same way"}
    summary = {"zh": "本批报告的发布机关名称没有一字之差的笔误", "en": "issuer names in a run have no one-character typos"}
    docs = {
        "rationale": {
            "zh": "机关名称多打、漏打或颠倒一个字，既是报告本身的差错，也会使该报告无法与本单位上年报告配对，"
                  "跨年度核对因此落空。名称在开头或结尾不同（区划、机关类型）不算笔误。",
            "en": "A doubled, dropped or swapped character in a body's name is an error in the report and "
                  "keeps it from pairing with the unit's other reports, so cross-year checks miss it. A "
                  "difference at the start or end (region, organ type) is not a typo."},
        "basis": "《中华人民共和国政府信息公开条例》第五十条；机关名称以机构编制部门核定的名称为准",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "issuer": "示例县教育体育局",
                      "also": [{"year": 2021, "issuer": "示例县教育育体育局"}, {"year": 2020, "template": "2019"}]}],
            "pass": [{"template": "2021", "year": 2022, "issuer": "示例县教育体育局",
                      "also": [{"year": 2021, "issuer": "示例县教育局"}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Names of the run (and last year's) at one slip from each other; the rarer one is reported."""
        names: dict[str, list[Entry]] = {}
        for e in batch.all_entries:
            if e.report.issuer:
                names.setdefault(squash_name(e.report.issuer), []).append(e)
        count = Counter({n: len(es) for n, es in names.items()})
        by_deletion: dict[str, set[str]] = {}
        for n in names:
            for d in _deletions(n):
                by_deletion.setdefault(d, set()).add(n)
        pairs: set[tuple[str, str]] = set()
        for group in by_deletion.values():
            for a in group:
                for b in group:
                    if a < b:
                        pairs.add((a, b))
        labels = {"zh": {"doubled": "重复一字", "dropped": "漏一字", "swapped": "两字颠倒"},
                  "en": {"doubled": "a doubled character", "dropped": "a dropped character",
                         "swapped": "two characters swapped"}}["en" if ctx.lang.startswith("en") else "zh"]
        for a, b in sorted(pairs):
            kind = typo_kind(a, b)
            if kind is None or same_body(a, b) or self._both_on_roster(batch, a, b):
                continue
            for mine, other in ((a, b), (b, a)):
                if count[mine] > count[other]:
                    continue  # the more common spelling is taken as the right one
                ref = names[other][0].report
                for e in names[mine]:
                    if e.previous or not self.applies(e.report):
                        continue
                    yield self.finding(ctx, _issuer_span(e.report), e.report, [_issuer_span(ref)],
                                       name=mine, other=other, kind=labels[kind])

    @staticmethod
    def _both_on_roster(batch: Batch, a: str, b: str) -> bool:
        """Two roster units really are two bodies, however close their names."""
        units = [next((e.unit for e in batch.all_entries if e.report.issuer and squash_name(e.report.issuer) == n),
                      None) for n in (a, b)]
        return all(u is not None and u.roster is not None for u in units) and units[0] is not units[1]


def _issuer_span(report: BatchRecord) -> Optional[Span]:
    return report.issuer_span or report.title_span


class RosterMissing(BatchRule):
    code = "GL707"
    name = "roster-unit-missing"
    severity = Severity.WARNING
    related = {"zh": "名册", "en": "roster"}
    message = {"zh": "名册中的“{name}”{level}没有{year}年度报告", "en": "\"{name}\"{level} on the roster has no {year} report"}
    summary = {"zh": "名册中的每个单位都有本年度报告（下级缺报）", "en": "every unit on the roster has this year's report"}
    docs = {
        "rationale": {
            "zh": "每个行政机关都应公布本机关年度报告。上级主管部门和评估机构按名册核对，缺报的单位须督促补报。"
                  "本年度取本批报告中最常见的年度。",
            "en": "Every administrative body must publish its report. Supervisors check against a list of "
                  "units and chase the ones missing. \"This year\" is the year most reports of the run have."},
        "basis": "《中华人民共和国政府信息公开条例》第五十条",
        "examples": {
            "fail": [{"template": "2021", "year": 2022,
                      "roster": [{"name": "示例县人民政府办公室"}, {"name": "示例县教育局", "level": "部门"}]}],
            "pass": [{"template": "2021", "year": 2022,
                      "roster": [{"name": "示例县政府办", "aliases": ["示例县人民政府办公室"]}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """One finding per roster unit with no report of the run's year, on its roster row."""
        year = batch.run_year
        if batch.roster is None or year is None:
            return
        have = {id(e.unit) for e in batch.entries if e.year == year and e.unit is not None}
        for u in batch.units:
            if u.roster is None or id(u) in have:
                continue
            row = u.roster
            span = Span(batch.roster.path, row.line, 1, row.line, len(row.text) + 1)
            level = (f"（{row.level}）" if not ctx.lang.startswith("en") else f" ({row.level})") if row.level else ""
            d = self.diagnostic(ctx, span, path=batch.roster.path, name=row.name, level=level, year=year)
            yield d


class NotOnRoster(BatchRule):
    code = "GL708"
    name = "issuer-not-on-roster"
    severity = Severity.WARNING
    related = {"zh": "名册", "en": "roster"}
    message = {"zh": "发布机关“{issuer}”不在名册 {roster} 中（名称不符，或名册缺这个单位）",
               "en": "issuer \"{issuer}\" is not on the roster {roster} (a different spelling, or a unit "
                     "the roster lacks)"}
    messages = {"unknown": {"zh": "未能识别发布机关，无法与名册 {roster} 核对",
                            "en": "the issuer could not be found, so the report cannot be matched to the roster {roster}"}}
    summary = {"zh": "每份报告的发布机关都在名册中", "en": "every report's issuer is on the roster"}
    docs = {
        "rationale": {
            "zh": "名册之外的报告，要么机关名称写法与名册不同（应在名册中加别名），要么名册漏了单位，"
                  "要么报告放错了文件夹；三种情况都会使缺报核对出错。",
            "en": "A report whose issuer is on no roster row is spelled differently (add an alias), missing "
                  "from the roster, or in the wrong folder; each makes the missing-units check wrong."},
        "basis": "《中华人民共和国政府信息公开条例》第五十条",
        "examples": {
            "fail": [{"template": "2021", "year": 2022, "roster": [{"name": "示例县教育局"}]}],
            "pass": [{"template": "2021", "year": 2022, "roster": [{"name": "示例县人民政府办公室"}]}],
        },
    }

    def check_batch(self, batch: Batch, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Each report of the run whose unit is not a roster unit, on the place naming its issuer."""
        if batch.roster is None:
            return
        for e in self.entries(batch):
            if e.unit is not None and e.unit.roster is not None:
                continue
            msg = None if e.report.issuer else self.messages["unknown"]
            yield self.finding(ctx, _issuer_span(e.report), e.report, [], message=msg,
                               issuer=e.report.issuer or "", roster=batch.roster.path)


RULES = [IssuerTypo, RosterMissing, NotOnRoster]
