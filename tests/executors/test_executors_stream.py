"""Findings printed as files finish: the same bytes as rendering the whole run, a progress bar
only on a terminal."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govlint.executors.progress import Progress
from govlint.executors.slim import slim
from govlint.output import OutputOptions, render, report_needs
from govlint.output.stream import streamer
from govlint.runner import RunOptions, check_paths, iter_files

from executor_fixtures import sample_dir  # noqa: F401 - a fixture


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_streamed_pieces_join_into_the_rendered_output(sample_dir: Path, fmt: str) -> None:
    files = sorted(iter_files([str(sample_dir)])[0])
    results = check_paths(files, RunOptions())
    for statistics in (False, True):
        for lang in ("zh", "en"):
            for chosen in (results, results[:1], [r for r in results if not r.diagnostics][:1], []):
                opts = OutputOptions(lang=lang, statistics=statistics, root=str(sample_dir))
                st = streamer(fmt, opts, len(chosen))
                assert st is not None
                pieces = [st.head()] + [st.file(slim(r, report_needs(fmt))) for r in chosen] + [st.tail()]
                want = render(fmt, chosen, rules={}, lang=lang, statistics=statistics, root=str(sample_dir))
                assert "".join(pieces) == want, (fmt, lang, statistics, len(chosen))


def test_formats_that_need_the_whole_run_do_not_stream() -> None:
    for fmt in ("sarif", "junit", "csv", "html", "github"):
        assert streamer(fmt, OutputOptions(), 3) is None


def test_the_first_findings_are_printed_before_the_run_ends(tmp_path: Path) -> None:
    """A pipe sees the first file's findings while later files are still being checked."""
    from gen.paths import SEEDS

    d = tmp_path / "many"
    d.mkdir()
    for i in range(60):
        (d / f"{i:03d}.txt").write_bytes(SEEDS[i % len(SEEDS)].read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "check", str(d), "--no-cache",
                             "--output-format", "jsonl"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    running = proc.poll() is None
    rest, _ = proc.communicate(timeout=300)
    assert first.startswith(b'{"code"') and b"000.txt" in first
    assert running, "the first line should arrive while the run is still going"
    assert rest.count(b"\n") > 60


def _pty_progress(env_ci: bool) -> bytes:
    import pty
    import threading

    master, slave = pty.openpty()
    got = bytearray()

    def drain() -> None:  # a terminal reads as it is written to (its buffer is small)
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        stream = os.fdopen(slave, "w", encoding="utf-8", closefd=False)
        if env_ci:
            os.environ["CI"] = "1"
        try:
            p = Progress(stream=stream, label="检查", delay=0.05)
        finally:
            os.environ.pop("CI", None)
        p.update(1, 100)
        time.sleep(0.1)
        for i in range(2, 101):
            p.update(i, 100)
        p.redraw()
        p.close()
        stream.flush()
        time.sleep(0.3)
        return bytes(got)
    finally:
        os.close(slave)
        reader.join(2)
        os.close(master)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pseudo-terminal")
def test_a_progress_bar_only_on_a_terminal_and_never_in_ci(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    shown = _pty_progress(env_ci=False)
    assert "检查".encode() in shown and b"50/100" in shown and shown.endswith(b"\r\x1b[K\x1b[?25h")
    assert _pty_progress(env_ci=True) == b""
    piped = tmp_path / "err.txt"
    with open(piped, "w", encoding="utf-8") as fh:
        p = Progress(stream=fh, delay=0)
        for i in range(1, 51):
            p.update(i, 50)
        p.close()
    assert piped.read_text("utf-8") == ""
