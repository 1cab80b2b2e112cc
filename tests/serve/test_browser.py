"""The upload page in a real browser (Playwright driving the system's headless Chromium):
an officer uploads a Word report and a broken file and sees the findings and the GL9xx line."""
from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path

import pytest

from gen.build import content_from_seed, to_docx

SEEDS = Path(__file__).resolve().parents[1] / "data" / "shared" / "seeds"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")]
playwright = pytest.importorskip("playwright.sync_api", reason="playwright (dev extra) not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture()
def page():
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            pg = browser.new_page(viewport={"width": 1400, "height": 1000})
            pg.set_default_timeout(60_000)
            yield pg
        finally:
            browser.close()


def test_upload_a_report_and_a_broken_file_and_see_the_findings(server, page, tmp_path):
    import docx

    report = tmp_path / "红旗区科学技术局2022年报.docx"
    to_docx(content_from_seed(str(next(SEEDS.glob("004_*.txt")))), str(report))
    broken = tmp_path / "损坏的报告.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    page.goto(server.url + "/")
    assert page.title() == "年度报告检查"
    page.set_input_files("#files", [str(report), str(broken)])
    page.click("#check")
    page.wait_for_selector("#verdict")
    assert page.inner_text("#verdict") == "共检查 2 个文件，发现 4 个问题（错误 2，警告 2，提示 0）"
    rows = page.inner_text("#files")
    assert "红旗区科学技术局2022年报.docx" in rows and "红旗区科学技术局" in rows
    assert page.inner_text(".gl9") == "GL901 不是有效的 .docx（ZIP）文件"
    report_frame = page.frame_locator("#report")
    findings = report_frame.locator("li.finding")
    assert findings.count() == 4
    texts = " ".join(findings.all_inner_texts())
    assert "GL605" in texts and "GL606" in texts and "GL301" in texts and "GL901" in texts
    assert "表二" in report_frame.locator("table.rtable").first.inner_text()
    # the annotated copy is in the page itself: decode it and find the comments in it
    link = page.locator("a.annotated")
    assert link.get_attribute("download") == "红旗区科学技术局2022年报-审核.docx"
    data = base64.b64decode(link.get_attribute("href").split(",", 1)[1])
    comments = list(docx.Document(io.BytesIO(data)).comments)
    assert sorted(c.text.split(" ")[0] for c in comments) == ["GL301", "GL605", "GL606"]
    assert page.locator("a.json").get_attribute("download").endswith(".json")
    assert server.leftovers() == []
