"""A whole ``govlint check`` run: results in, findings out as files finish, one exit status.

The command line parses options and calls :func:`check_run`; everything
after that happens here, so the run streams end to end: each file's result
is filtered by the baseline, counted for the exit status and, for text, JSON
and JSON Lines, written at once (other formats are rendered at the end from
results already cut to what they read).  Nothing but stand-ins of the
findings is kept for streamed formats, so memory does not grow with the
batch.

``-o FILE`` is written to a temporary file beside it and renamed into place
only when the run is complete: Ctrl-C (or SIGTERM) leaves the old file, or
none — never half of one — stops the workers, and exits with status 130.

May import every stage below the command line.
"""
from __future__ import annotations

import os
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from ..model import Diagnostic, FileResult
from . import Plan, run_files
from .progress import Progress

INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for Ctrl-C


class RunError(Exception):
    """The run cannot go on (an output that cannot be written, a cluster out of reach)."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass
class Emit:
    """What to print and where: the ``check`` options that concern output and exit status."""

    fmt: str = "text"
    output: Optional[str] = None
    lang: str = "zh"
    color: Optional[bool] = None
    statistics: bool = False
    config: Any = None  # the run's configuration (rule metadata for SARIF/HTML)
    baseline: Any = None  # a loaded engine.baseline.Baseline
    write_baseline: Optional[str] = None
    fail_on: str = "warning"
    given: tuple[str, ...] = ()  # the paths as given (a folder's non-reports are set aside)
    cross_report: bool = False  # --previous or --roster: the cross-report stage runs even for one file
    batch: Optional[Callable[[list[FileResult]], list[FileResult]]] = None  # the cross-report stage
    run_diagnostics: Optional[Callable[[], list[Diagnostic]]] = None  # about the run (a broken plugin)
    then: Optional[Callable[[list[FileResult]], None]] = None  # after the output (--annotate): whole reports
    messages: list[str] = field(default_factory=list)  # stderr lines for the caller to print


class Destination:
    """stdout, or an output file (:mod:`govlint.outfile`: atomic for a regular file, written
    through to a device or FIFO) put in place by :meth:`commit`."""

    def __init__(self, path: Optional[str], encoding: str):
        from ..outfile import OutputFile

        self.path = path
        self.fh: Optional[OutputFile] = None
        self.last = ""
        if path:
            try:
                self.fh = OutputFile(path, encoding=encoding)
            except OSError as e:
                raise _write_error(path, e) from None

    @property
    def is_terminal(self) -> bool:
        """Whether findings go to a terminal (where a progress bar may share the screen)."""
        return self.fh is None and _isatty(sys.stdout)

    def write(self, text: str) -> None:
        """Write a piece now (stdout is flushed, so a pipe sees each file as it finishes)."""
        if not text:
            return
        if self.fh is not None:
            try:
                self.fh.write(text)
            except OSError as e:
                raise _write_error(self.path or "", e) from None
        else:
            import click

            click.echo(text, nl=False)
            sys.stdout.flush()
        self.last = text

    def commit(self) -> None:
        """Finish: stdout gets a final newline if the text lacked one; a file is renamed into place."""
        if self.fh is None:
            if not self.last.endswith("\n"):
                import click

                click.echo("")
            return
        fh, self.fh = self.fh, None
        try:
            fh.commit()
        except OSError as e:
            raise _write_error(self.path or "", e) from None

    def abort(self) -> None:
        """Drop the temporary file: the old output (if any) stays as it was."""
        if self.fh is not None:
            fh, self.fh = self.fh, None
            fh.abort()


def _write_error(path: str, e: OSError) -> RunError:
    why = e.strerror or str(e)
    return RunError(f"无法写入 {path}：{why}", f"cannot write {path}: {why}")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While the run goes on, SIGTERM stops it the way Ctrl-C does (workers killed, no partial
    output); outside a run, and where signals cannot be set, the default stays.

    The first SIGINT or SIGTERM raises KeyboardInterrupt and ignores any that
    follow, for the rest of the process (it is on its way out with 130): a
    second Ctrl-C during the clean-up, or while the interpreter joins the
    pool's threads at exit, would otherwise kill it half way, leaving workers.
    """
    stopped = []

    def stop(signum: int, frame: Any) -> None:
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, signal.SIG_IGN)
        stopped.append(signum)
        raise KeyboardInterrupt
    try:
        previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM
        yield
        return
    try:
        yield
    finally:
        if not stopped:
            for s, handler in previous.items():
                signal.signal(s, handler)


def batch_active(config: Any) -> bool:
    """Whether the cross-report stage has anything to run: an enabled batch rule, or a
    plugin's own ``govlint_batch`` hook.  When it has not, results need not wait for it."""
    from ..batch.builtin_plugin import NAME
    from ..batch.rule import BatchRule
    from ..engine import rules_for
    from ..plugins import get_host

    if any(isinstance(r, BatchRule) and config.is_enabled(r.code) for r in rules_for(config).rules):
        return True
    impls = get_host(config).pm.hook.govlint_batch.get_hookimpls()
    return any(i.plugin_name != NAME for i in impls)


class _Run:
    """One run's bookkeeping: which files are set aside, baseline rows, the exit status."""

    def __init__(self, emit: Emit, rank: int):
        self.emit = emit
        self.rank = rank
        self.named = {os.path.normpath(p) for p in emit.given if not os.path.isdir(p)}
        self.skipped: list[str] = []
        self.for_baseline: list[tuple[list[Any], list[str]]] = []
        self.failing = False

    def set_aside(self, r: FileResult) -> bool:
        """A file found in a folder that is not a report (GL909) is named once, not reported."""
        if os.path.normpath(r.path) not in self.named and any(d.code == "GL909" for d in r.diagnostics):
            self.skipped.append(r.path)
            return True
        return False

    def finish(self, r: FileResult) -> FileResult:
        """Baseline rows (before filtering), the baseline filter, the exit status."""
        lines = r.report.source_lines if r.report else []
        if self.emit.write_baseline:
            self.for_baseline.append((list(r.diagnostics), lines))
        if self.emit.baseline is not None:
            r.diagnostics = self.emit.baseline.filter(r.diagnostics, lines)
        self.fails(r.diagnostics)
        return r

    def fails(self, diags: list[Diagnostic]) -> None:
        """Count findings at or above ``--fail-on`` towards exit status 1."""
        self.failing = self.failing or any(d.severity.rank >= self.rank for d in diags)


def check_run(files: list[str], options: Any, plan: Plan, emit: Emit) -> int:
    """Check ``files`` and print the findings; returns the exit status (0, 1, or 130 when
    interrupted).  Raises :class:`RunError` for an output or cluster problem.

    Findings stream as files finish unless something needs the whole run
    first: the cross-report stage (two reports or more, ``--previous`` or
    ``--roster``, and a batch rule enabled: its findings attach to every
    file), a format without a streamer, or ``--annotate``.
    """
    from ..output import report_needs
    from ..output.stream import streamer
    from ..runner import skipped_notice
    from .cluster import ClusterUnavailable
    from .slim import widest

    files = sorted(files)  # path order is output order: each file can be printed when it is done
    stage = emit.batch is not None and (emit.cross_report or len(files) > 1) and batch_active(emit.config)
    needs_lines = emit.baseline is not None or bool(emit.write_baseline)
    plan.level = widest(report_needs(emit.fmt), "excerpt" if needs_lines else "meta",
                        "batch" if stage else "meta", "full" if emit.then else "meta")
    out = _Output(emit)
    streams = not stage and not emit.then and streamer(emit.fmt, out.opts, 1) is not None
    run = _Run(emit, {"error": 3, "warning": 2, "info": 1}[emit.fail_on])
    with _sigterm_as_interrupt():  # around the clean-up too: a second signal waits for it
        try:
            results = run_files(files, options, plan, progress=out.progress.update)
            if streams:
                out.stream(run, (r for r in results if not run.set_aside(r)))
            elif stage and not emit.then and streamer(emit.fmt, out.opts, 1) is not None:
                park = _Parked()
                kept = [park.put(r) for r in results if not run.set_aside(r)]
                out.progress.close()
                out.stream(run, park.take(emit.batch(kept)))  # type: ignore[misc]
            else:
                kept = [r for r in results if not run.set_aside(r)]
                out.progress.close()
                out.collected(run, emit.batch(kept) if stage and emit.batch else kept)
        except KeyboardInterrupt:
            out.abort()
            emit.messages.append("已中断，未写出结果" if emit.lang == "zh" else "interrupted; no results written")
            return INTERRUPTED
        except ClusterUnavailable as e:
            out.abort()
            raise RunError(e.zh, e.en) from None
        except BaseException:
            out.abort()
            raise
    if run.skipped:
        emit.messages.insert(0, skipped_notice(run.skipped, emit.lang))
    return 1 if run.failing else 0


class _Output:
    """Where the findings go: the format's streamer (or renderer), the destination, the bar."""

    def __init__(self, emit: Emit):
        from ..engine import catalog
        from ..output import OutputOptions, output_encoding, should_color

        self.emit = emit
        self.color = (should_color(sys.stdout) if emit.color is None else emit.color) and not emit.output
        self.opts = OutputOptions(rules=dict(catalog(emit.config)), lang=emit.lang, color=self.color,
                                  statistics=emit.statistics, root=os.getcwd())
        self.dest = Destination(emit.output, output_encoding(emit.fmt))
        self.progress = Progress(label="检查" if emit.lang == "zh" else "checking")
        self.share_screen = self.dest.is_terminal

    def run_diagnostics(self) -> list[Diagnostic]:
        return list(self.emit.run_diagnostics() if self.emit.run_diagnostics else [])

    def stream(self, run: _Run, results: Iterator[FileResult]) -> None:
        """Each file's part as it arrives; the first waits for a second (one file has no heading)."""
        from dataclasses import replace

        from ..output.stream import streamer

        fmt = self.emit.fmt
        early = [] if fmt == "text" else self.run_diagnostics()  # JSON puts them on the first file
        st: Any = None
        held: Optional[FileResult] = None
        for r in results:
            r = run.finish(r)
            if early:
                r.diagnostics = [replace(d, path=r.path) for d in early] + r.diagnostics
                run.fails(early)
                early = []
            if st is None and held is None:
                held = r
                continue
            if st is None:
                st = streamer(fmt, self.opts, 2)
                self._write(st.file(held))  # type: ignore[arg-type]
            self._write(st.file(r))
        self.progress.close()
        if st is None:
            st = streamer(fmt, self.opts, 1)
            if held is not None:
                self._write(st.file(held))
        if fmt == "text":
            self.opts.run_diagnostics = self.run_diagnostics()
            run.fails(self.opts.run_diagnostics)
        _baseline_out(self.emit, run.for_baseline)
        self.dest.write(st.tail())
        self.dest.commit()

    def collected(self, run: _Run, results: list[FileResult]) -> None:
        """The whole run at once (after the cross-report stage, for a format that needs it all)."""
        from ..output import render

        results = [run.finish(r) for r in results]
        run_diags = self.run_diagnostics()
        run.fails(run_diags)
        _baseline_out(self.emit, run.for_baseline)
        try:
            text = render(self.emit.fmt, results, rules=self.opts.rules, lang=self.emit.lang,
                          color=self.color, statistics=self.emit.statistics, root=self.opts.root,
                          run_diagnostics=run_diags)
            if not isinstance(text, str):
                raise TypeError(f"returned {type(text).__name__}, not the text to write")
        except Exception as e:  # noqa: BLE001 - a plugin's format is code we did not write
            why = f"{type(e).__name__}: {e}"
            raise RunError(f"输出格式 {self.emit.fmt} 出错，未写出结果：{why}",
                           f"output format {self.emit.fmt} failed; no results written: {why}") from None
        self.dest.write(text)
        self.dest.commit()
        if self.emit.then:
            self.emit.then(results)

    def _write(self, piece: str) -> None:
        if piece and self.share_screen:
            self.progress.clear()
        self.dest.write(piece)
        if piece and self.share_screen:
            self.progress.redraw()

    def abort(self) -> None:
        self.progress.close()
        self.dest.abort()


def _baseline_out(emit: Emit, rows: list[tuple[list[Any], list[str]]]) -> None:
    if not emit.write_baseline:
        return
    from ..engine import baseline as bl

    try:
        n = bl.write_baseline(emit.write_baseline, rows)
    except OSError as e:
        raise RunError(f"无法写入基线文件：{e}", f"cannot write the baseline file: {e}") from None
    emit.messages.append(f"已写入基线文件 {emit.write_baseline}（{n} 条）" if emit.lang == "zh"
                         else f"wrote {n} entries to {emit.write_baseline}")


class _Parked:
    """Each file's own findings, packed while the run waits for the cross-report stage.

    Why: the stage needs every file before any can be printed, and the
    findings of 10,000 files are ≈ 400 MB as objects but a few KB each as
    compressed JSON (the cache's codec, so they come back exactly as they
    were).  The stage sees each result with its record and no findings; the
    findings it makes are put back with the file's own, in the order
    :func:`govlint.batch.cross_report` gives, and each file is unpacked only
    when it is printed.
    """

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}

    def put(self, r: FileResult) -> FileResult:
        import json
        import zlib

        from .codec import encode

        text = json.dumps(encode(r.diagnostics), ensure_ascii=False, separators=(",", ":"), allow_nan=True)
        self.packed[r.path] = zlib.compress(text.encode("utf-8"), 1)
        return FileResult(r.path, r.report, [], r.seconds, r.record)

    def take(self, results: list[FileResult]) -> Iterator[FileResult]:
        import json
        import zlib

        from .codec import decode

        for i, r in enumerate(results):
            results[i] = None  # type: ignore[call-overload]  # a printed file is freed
            blob = self.packed.pop(r.path, None)
            own = decode(json.loads(zlib.decompress(blob).decode("utf-8"))) if blob is not None else []
            r.diagnostics = sorted([*own, *r.diagnostics], key=lambda d: d.sort_key)
            r.record = None
            yield r
