"""Copied text: real reports, the near-duplicate search, and the plugin hook."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

from gen.paths import SEEDS
from govlint import plugins
from govlint.batch import Batch, cross_report, run_batch
from govlint.batch.textsim import _verified, normalise, shingles, similar_pairs
from govlint.config import Config
from govlint.load import load
from govlint.model import FileResult
from govlint.parse import parse_document, parse_text


def _real(name: str):
    return parse_document(load(str(next(p for p in SEEDS if p.name.startswith(name)))))


def test_honestly_different_reports_of_one_county_are_not_flagged():
    # 红旗区人民政府 2020, 红旗区人民政府办公室 2025, 红旗区科学技术局 2022: one county, own words
    batch = Batch([_real("000"), _real("001"), _real("004")])
    assert len({e.unit.name for e in batch.entries}) == 3
    assert [d.code for d in run_batch(batch, Config()) if d.code.startswith("GL7")] == []


def test_real_report_copied_to_next_year_with_numbers_changed(tmp_path):
    src = next(p for p in SEEDS if p.name.startswith("003")).read_text("utf-8")
    nxt = re.sub(r"(?<!\d)(\d{1,3})(?!\d)", lambda m: str(int(m.group(1)) + 1), src.replace("2020", "2021"))
    last = parse_text(src, "2020.md")
    this = parse_text(nxt, "2021.md")
    assert (this.issuer, this.year) == (last.issuer, 2021)
    found = [d for d in run_batch(Batch([last, this]), Config()) if d.code == "GL705"]
    assert {d.span.line for d in found} == {this.section(1).span.line, this.section(5).span.line}
    assert all("100%" in d.message and d.related[0].path == "2020.md" for d in found)


def test_numbers_and_template_sentences_do_not_count():
    a = normalise("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。全年发布信息12条。", [r"统计期限"])
    b = normalise("全年发布信息345条。", [r"统计期限"])
    assert a == b == "全年发布信息条"


def test_lsh_finds_the_same_pairs_as_comparing_every_pair():
    texts = {i: shingles(normalise("".join(f"第{i * 7 + j}号政策围绕主题{chr(0x4e00 + i * 50 + j)}开展解读。"
                                           for j in range(12)), []))
             for i in range(40)}
    texts[40] = set(texts[3])  # a copy
    texts[41] = set(list(texts[7])[:-3])  # nearly a copy
    everything = _verified(texts, ((a, b) for a in texts for b in texts if a < b), 0.8)
    lsh = similar_pairs(texts, 0.8, pairwise_below=0)  # the sketch even for a batch this small
    assert sorted((a, b) for a, b, _ in lsh) == sorted((a, b) for a, b, _ in everything)
    assert similar_pairs(texts, 0.8) == everything  # small: every pair compared, in the same order
    assert {(a, b) for a, b, _ in everything} == {(3, 40), (7, 41)}


def test_copies_of_one_text_are_compared_once(monkeypatch):
    """Boilerplate copied into many reports: every pair of copies is found (similarity 1), but
    the sets are compared once per distinct text, not once per pair of copies."""
    from govlint.batch import textsim

    a = shingles(normalise("本机关全年主动公开政策文件，按时更新政务公开专栏，依法答复群众申请。", []))
    b = set(a) | {"另外一句话"}
    c = shingles(normalise("统计数据另行说明，与上年相比没有变化，平台运行总体平稳有序。", []))
    texts = {i: set(a if i % 3 == 0 else b if i % 3 == 1 else c) for i in range(150)}
    texts[150] = set()  # an empty section is never a pair
    want = _verified(texts, ((x, y) for x in texts for y in texts if x < y and texts[x] and texts[y]), 0.8)
    calls = []
    real = textsim.jaccard
    monkeypatch.setattr(textsim, "jaccard", lambda x, y: calls.append(1) or real(x, y))
    for pairwise_below in (0, 1000):  # the sketch, and every pair
        calls.clear()
        assert similar_pairs(texts, 0.8, pairwise_below=pairwise_below) == want
        assert len(calls) <= 3  # a-b, a-c, b-c at most
    assert len(want) == 3 * 50 * 49 // 2 + 50 * 50  # copies of each text, and a with b


def test_a_small_batch_is_compared_pair_by_pair_without_importing_the_sketch():
    """A supervisor's 30-40 reports: exact comparison is cheaper than importing datasketch (and scipy)."""
    code = ("import sys\n"
            "from govlint.batch.textsim import shingles, similar_pairs\n"
            "items = {i: shingles(f'第{i}号文件公开目录更新答复申请情况说明') for i in range(40)}\n"
            "similar_pairs(items, 0.8)\n"
            "print('datasketch' in sys.modules)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "False", r.stderr


PLUGIN = '''
from govlint.hookspecs import hookimpl
from govlint.batch import BatchRule
from govlint.model import Diagnostic, Severity


class ManyReports(BatchRule):
    code = "GLX701"
    name = "unit-has-two-years"
    severity = Severity.INFO
    message = {"zh": "{unit}有{n}份报告", "en": "{unit} has {n} reports"}
    summary = {"zh": "按单位统计报告数", "en": "reports per unit"}
    docs = {"rationale": {"zh": "示例。", "en": "An example."}, "basis": "示例",
            "examples": {"fail": [{"template": "2021", "year": 2022, "also": [{"year": 2021}]}],
                         "pass": [{"template": "2021", "year": 2022}]}}

    def check_batch(self, batch, ctx):
        for unit in batch.units:
            mine = [e for e in batch.entries if e.unit is unit]
            if len(mine) > 1:
                yield self.finding(ctx, None, mine[0].report, unit=unit.name, n=len(mine))


@hookimpl
def govlint_python_rules():
    return [ManyReports]


@hookimpl
def govlint_batch(batch, config, lang):
    return [Diagnostic("GLX702", "batch-size", Severity.INFO, f"{len(batch.entries)} reports", None,
                       batch.entries[0].path)]
'''


def test_a_plugin_adds_batch_rules_and_uses_the_hook(tmp_path, monkeypatch):
    (tmp_path / "my_batch_plugin.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.reset()
    try:
        from govlint.engine import catalog
        from govlint.engine.examples import run_examples

        cfg = Config(plugins={"enable": ("my_batch_plugin",)})
        assert catalog(cfg)["GLX701"].source == "my_batch_plugin"
        reports = [parse_text(f"# 示例县水利局{y}年政府信息公开工作年度报告\n", f"{y}.md") for y in (2021, 2022)]
        results = cross_report([FileResult(r.path, r, []) for r in reports], cfg)
        codes = sorted(d.code for r in results for d in r.diagnostics)
        assert codes == ["GLX701", "GLX702"]
        ignored = cross_report([FileResult(r.path, r, []) for r in reports],
                               Config(plugins={"enable": ("my_batch_plugin",)}, ignore=("GLX7",)))
        assert not [d for r in ignored for d in r.diagnostics]
        from my_batch_plugin import ManyReports

        res = run_examples(rules=[ManyReports()], config=cfg)
        assert res and all(r.ok for r in res), [r.detail for r in res if not r.ok]
    finally:
        plugins.reset()
