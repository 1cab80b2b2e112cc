"""Screenshots for the README's "For officers": the annotated Word copy as LibreOffice
renders it, and the result page of ``govlint serve`` in headless Chromium.

Why a script: what an officer sees cannot be asserted by a structural test;
after changing linter/annotate/ or linter/serve/, run this and look.

Usage:  python scripts/screenshot_officers.py [OUT_DIR]      (default: docs/)
Needs:  soffice (LibreOffice writer), pdftoppm (poppler-utils), chromium,
        the serve and dev extras (starlette, uvicorn, playwright), a CJK font.
Writes: OUT_DIR/annotate.png, OUT_DIR/serve.png
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gen.build import sample_values, standard_content, to_docx  # noqa: E402

NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _report(folder: Path) -> Path:
    v = sample_values("2021")
    v["t3.new.natural_person"] = "3000"
    v["t3.carry_forward.natural_person"] = "38"
    v["t3.carry_forward.total"] = "40"
    v["t4.review.total"] = "9"
    v["t3.partial.research"] = ""
    path = folder / "某市人民政府2024年报.docx"
    to_docx(standard_content(v), str(path))
    return path


def annotate_png(src: Path, out: Path, work: Path) -> None:
    """govlint check --annotate, LibreOffice → PDF (comments as PDF notes) → PNG of page 1."""
    annotated = work / "annotated.docx"  # LibreOffice's command line wants plain names
    subprocess.run([sys.executable, "-m", "govlint", "check", str(src), "--annotate", str(annotated)],
                   capture_output=True, timeout=120)
    assert annotated.exists(), "govlint check --annotate wrote nothing"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to",
                    NOTES, "--outdir", str(work), str(annotated)], check=True, capture_output=True,
                   timeout=180, stdin=subprocess.DEVNULL)
    pdf = annotated.with_suffix(".pdf")
    subprocess.run(["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                    str(out.with_suffix(""))], check=True, timeout=60)


def serve_png(src: Path, out: Path, work: Path) -> None:
    """Upload the report and a broken file through the page and screenshot the result."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    broken = work / "损坏的报告.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "serve", "--port", str(port)], cwd=work,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            for _ in range(100):
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:
                    time.sleep(0.2)
            page.set_input_files("#files", [str(src), str(broken)])
            page.click("#check")
            page.wait_for_selector("#verdict")
            page.frame_locator("#report").locator("li.finding").first.wait_for()
            page.screenshot(path=str(out))
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = _report(work)
        annotate_png(src, out / "annotate.png", work)
        serve_png(src, out / "serve.png", work)
    for name in ("annotate.png", "serve.png"):
        print(out / name, os.path.getsize(out / name), "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
