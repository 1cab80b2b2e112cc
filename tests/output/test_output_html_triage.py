"""Triage in the HTML report: filters, links from the summary, sorting, natural order, shading.

Structure is checked with lxml; the behaviour (a click filters, a click
sorts) in headless Chromium when it is installed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from govlint.config import Config
from govlint.engine import catalog
from govlint.output import render
from govlint.runner import RunOptions, check_file

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds").glob("*.txt"))
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


def _results(paths):
    return [check_file(str(p), RunOptions()) for p in paths]


def _html(results) -> str:
    return render("html", results, rules=catalog(Config()))


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


@pytest.fixture(scope="module")
def seed_results():
    return _results(SEEDS)


def test_files_are_in_natural_order(tmp_path):
    text = SEEDS[4].read_bytes()
    for n in (10, 2, 1):
        (tmp_path / f"报告{n}.txt").write_bytes(text)
    doc = lxml.html.fromstring(_html(_results(sorted(tmp_path.iterdir()))))
    heads = [h.text_content() for h in doc.xpath('//section[contains(@class,"report")]//h2')]
    assert [Path(h).name for h in heads] == ["报告1.txt", "报告2.txt", "报告10.txt"]


def test_filter_bar_and_summary_links_cover_every_rule_and_issuer(seed_results):
    doc = lxml.html.fromstring(_html(seed_results))
    codes = {d.code for r in seed_results for d in r.diagnostics}
    assert set(doc.xpath('//select[@id="filter-rule"]/option/@value')) - {""} == codes
    assert set(doc.xpath('//select[@id="filter-sev"]/option/@value')) == {"", "error", "warning", "info"}
    issuers = {r.report.issuer for r in seed_results if r.diagnostics}
    assert set(doc.xpath('//select[@id="filter-issuer"]/option/@value')) - {""} == issuers
    assert set(doc.xpath('//a[@data-set-rule]/@data-set-rule')) == codes
    assert set(doc.xpath('//a[@data-set-issuer]/@data-set-issuer')) == {
        r.report.issuer for r in seed_results}
    items = doc.xpath('//li[contains(@class,"finding")]')
    assert len(items) == sum(len(r.diagnostics) for r in seed_results)
    assert all(li.get("data-code") and li.get("data-sev") and li.get("data-issuer") for li in items)
    assert not doc.xpath('//*[starts-with(@src,"http") or starts-with(@href,"http")]')


def test_every_cell_of_a_failed_identity_is_shaded(tmp_path):
    from govlint.scaffold.synth import render_report

    path = tmp_path / "r.md"
    path.write_text(render_report("2021", 2022, cells={"t3.granted.natural_person": 4}), "utf-8")
    result = check_file(str(path), RunOptions())
    d = next(d for d in result.diagnostics if d.code == "GL203" and d.span.column_key == "natural_person")
    assert len(d.related) > 20  # every operand of the identity, not the first dozen
    doc = lxml.html.fromstring(_html([result]))
    for s in d.related:
        cell = doc.xpath('//*[@id=$i]', i=f"r1-c-{s.table}.{s.row}.{s.column_key}")[0]
        assert _classes(cell) & {"part", "hit"}, (s.row, s.column_key)


def test_the_table2_cell_of_a_narrative_finding_is_shaded(seed_results):
    seed4 = next(r for r in seed_results if r.path.endswith("004_4ae8e34d3be90645.txt"))
    n = sorted(r.path for r in seed_results).index(seed4.path) + 1
    doc = lxml.html.fromstring(_html(seed_results))
    for key in ("t2.normative_docs.issued", "t2.normative_docs.in_force"):  # GL605, GL606
        cell = doc.xpath('//*[@id=$i]', i=f"r{n}-c-{key}")[0]
        assert "part" in _classes(cell) and "参与问题" in cell.get("title")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
def test_filters_links_and_sorting_work_in_a_browser(seed_results, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) not installed")
    page_file = tmp_path / "report.html"
    page_file.write_text(_html(seed_results), "utf-8")
    n301 = sum(1 for r in seed_results for d in r.diagnostics if d.code == "GL301")
    total = sum(len(r.diagnostics) for r in seed_results)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"], timeout=60_000)
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            visible = "li.finding:not([hidden])"
            assert page.locator(visible).count() == total
            page.select_option("#filter-rule", "GL301")
            assert page.locator(visible).count() == n301
            assert page.inner_text("#filter-count") == f"{n301} / {total}"
            page.click("#filter-clear")
            page.click('a[data-set-rule="GL605"]')  # the rule row's count links to its findings
            assert page.locator(visible).count() == 1
            assert page.locator("section.report:not([hidden])").count() == 1
            page.click('a[data-set-issuer="红旗满族乡"]')
            assert page.eval_on_selector_all(visible, "els => els.map(e => e.dataset.issuer)") == \
                ["红旗满族乡"] * sum(len(r.diagnostics) for r in seed_results if r.report.issuer == "红旗满族乡")
            page.click("#filter-clear")
            head = page.locator("#summary table.list").first.locator("thead th").nth(3)  # 问题数
            head.click()
            counts = page.eval_on_selector_all("#summary table.list >> nth=0 >> tbody tr td:nth-child(4)",
                                               "els => els.map(e => +e.textContent)")
            assert counts == sorted(counts)
            head.click()
            counts = page.eval_on_selector_all("#summary table.list >> nth=0 >> tbody tr td:nth-child(4)",
                                               "els => els.map(e => +e.textContent)")
            assert counts == sorted(counts, reverse=True)
        finally:
            browser.close()
