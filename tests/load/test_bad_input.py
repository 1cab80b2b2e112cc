"""Bad input never produces a traceback, and never stops the rest of a run."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from gen.paths import SEEDS
from govlint.load import ocr_engine

GOVLINT = [sys.executable, "-m", "govlint"]


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*GOVLINT, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture()
def bad_files(tmp_path):
    files = {}
    files["empty"] = tmp_path / "empty.txt"
    files["empty"].write_bytes(b"")
    files["blank"] = tmp_path / "blank.md"
    files["blank"].write_bytes(b"   \n\n \t\n")
    files["junk"] = tmp_path / "junk.txt"
    files["junk"].write_bytes(os.urandom(200_000))
    files["huge"] = tmp_path / "huge.txt"
    with open(files["huge"], "wb") as fh:
        line = ("政府信息公开工作年度报告 0 0 0 0 0 0 0\n" * 1000).encode("utf-8")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line)
    files["image"] = tmp_path / "scan.png"
    files["image"].write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(1000))
    files["doc"] = tmp_path / "old.doc"
    files["doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(1000))
    files["not_report"] = tmp_path / "notes.txt"
    files["not_report"].write_text("会议纪要\n今天开会讨论了食堂菜单。\n", encoding="utf-8")
    return files


# a page image is read with OCR: a damaged one is GL901; without the ocr extra, GL906 says what to install
EXPECTED_CODE = {"empty": "GL901", "blank": "GL901", "junk": "GL901", "huge": "GL904",
                 "image": "GL901" if ocr_engine.available() else "GL906", "doc": "GL902",
                 "not_report": "GL909"}


def test_each_bad_file_gets_one_gl9xx_and_good_files_still_checked(bad_files):
    good = str(SEEDS[1])
    args = [str(p) for p in bad_files.values()] + [good]
    res = run("check", *args, "--output-format", "json")
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    assert res.returncode == 1
    found = json.loads(res.stdout)
    by_file = {}
    for d in found:
        by_file.setdefault(d["filename"], []).append(d["code"])
    for name, path in bad_files.items():
        assert by_file.get(str(path)) == [EXPECTED_CODE[name]], (name, by_file.get(str(path)))
    assert good in by_file  # the good report was checked after the bad ones (it lacks 统计期限)


def test_text_output_is_one_line_per_bad_file(bad_files):
    res = run("check", str(bad_files["junk"]), str(bad_files["empty"]), "--no-color")
    assert "Traceback" not in res.stderr
    lines = [ln for ln in res.stdout.splitlines() if "GL90" in ln]
    assert len(lines) == 2, res.stdout


def test_missing_path_is_a_usage_error(tmp_path):
    res = run("check", str(tmp_path / "nope.txt"))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "nope.txt" in res.stderr


def test_extract_reports_unreadable_files_on_stderr(bad_files):
    res = run("extract", str(bad_files["junk"]), str(SEEDS[0]))
    assert "Traceback" not in res.stderr
    assert "GL901" in res.stderr
    data = json.loads(res.stdout)
    assert len(data) == 1 and data[0]["year"] == 2020
    assert res.returncode == 1


def test_input_files_are_never_modified(tmp_path):
    target = tmp_path / "r.txt"
    target.write_bytes(SEEDS[0].read_bytes())
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    run("check", str(target))
    run("extract", str(target))
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_config_limits_apply(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes((SEEDS[0].parents[1] / "corpus" / "001_huaian-shi-2024.pdf").read_bytes())
    (tmp_path / ".govlint.yaml").write_text("limits:\n  max-pages: 2\n", encoding="utf-8")
    res = run("check", str(pdf), "--output-format", "json")
    found = {(d["code"], d["severity"]) for d in json.loads(res.stdout)}
    assert ("GL908", "warning") in found
    msg = [d["message"] for d in json.loads(res.stdout) if d["code"] == "GL908"][0]
    assert "只读取了前 2 页" in msg and "/" not in msg


def test_folder_run_skips_readme_and_excluded_files(tmp_path):
    (tmp_path / "README.md").write_text("# 本仓库说明\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "草稿.txt").write_text("草稿\n", encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(SEEDS[0].read_bytes())
    res = run("check", str(tmp_path), "--exclude", "drafts/*", "--output-format", "json")
    files = {d["filename"] for d in json.loads(res.stdout)}
    assert files == {str(tmp_path / "r.txt")}
