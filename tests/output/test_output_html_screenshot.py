"""scripts/screenshot_html_report.sh: the HTML generation always, the screenshot when
Chromium is installed.  Generation is tested without Chromium so a broken HTML
report can never hide behind a skipped browser test."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_html_report.sh"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


def _run(out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), str(out)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHON": sys.executable, **env})


def _check_html(path: Path) -> None:
    doc = lxml.html.fromstring(path.read_text("utf-8"))
    verdict = doc.xpath('//div[@class="verdict"]/text()')[0]
    m = re.search(r"(\d+) 个文件(?:，发现 (\d+) 个问题)?", verdict)
    assert m, verdict
    files, findings = int(m.group(1)), int(m.group(2) or 0)
    assert len(doc.xpath('//section[contains(@class,"report")]')) == files
    assert len(doc.xpath('//li[contains(@class,"finding")]')) == findings
    if files > 1:
        assert doc.xpath('//*[@id="summary"]')
    ids = set(doc.xpath("//@id"))
    assert all(h[1:] in ids for h in doc.xpath("//a/@href") if h.startswith("#"))


def test_script_generates_the_html_report(tmp_path):
    proc = _run(tmp_path, NO_SCREENSHOT="1")
    assert proc.returncode == 0, proc.stderr
    _check_html(tmp_path / "report.html")
    _check_html(tmp_path / "report-1.html")
    assert not (tmp_path / "report.png").exists()


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install -y chromium)")
def test_script_screenshots_the_report(tmp_path):
    proc = _run(tmp_path, WINDOW="1200,900")
    assert proc.returncode == 0, proc.stderr
    for name in ("report.png", "report-1.png"):
        png = (tmp_path / name).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (1200, 900)
        assert len(png) > 20_000  # a blank page compresses to a few KB
