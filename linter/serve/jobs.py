"""One request's uploads: a private temporary folder, the runner, the results as data.

An upload's name is only ever shown, never used as a path: the file is
stored as ``01.docx`` (its position and its sanitised suffix) inside a
folder made for this request, so "../../etc/passwd" or "C:\\x\\y.docx" can
reach nothing outside it.  The folder is removed when the request is done,
before the response is sent.

Checks run in worker threads limited by one :class:`anyio.CapacityLimiter`
for the whole server (a bounded pool: twenty uploads at once wait their
turn instead of loading twenty documents into memory together).  The
loaders stop a file at ``limits.max_seconds``; a check that still runs past
that budget is answered with GL908 and abandoned.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from ..model import Diagnostic, FileResult, Severity
from .settings import Settings

_SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


def display_name(raw: Optional[str], index: int) -> str:
    """The uploaded name as people see it: its last path part, no controls, at most 120 characters."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return name[:120] or f"上传文件{index}"


def stored_name(display: str, index: int) -> str:
    """The name on disk: a number and the (checked) suffix, nothing else of the upload's name."""
    suffix = os.path.splitext(display)[1].lower()
    return f"{index:02d}{suffix if _SUFFIX.match(suffix) else ''}"


@dataclass
class Upload:
    """One file of the request, already written into the request's folder."""

    name: str  # display name
    path: str  # inside the request folder
    data: bytes


@dataclass
class Checked:
    """One upload's outcome, paths rewritten to the upload's display name."""

    upload: Upload
    result: FileResult


class RequestFolder:
    """A temporary folder for one request, removed on exit (``with`` block)."""

    def __init__(self) -> None:
        self.path = tempfile.mkdtemp(prefix="govlint-upload-")
        self.uploads: list[Upload] = []

    def add(self, raw_name: Optional[str], data: bytes) -> Upload:
        """Store one upload under a made-up name; returns it with its display name."""
        index = len(self.uploads) + 1
        name = display_name(raw_name, index)
        taken = {u.name for u in self.uploads}
        if name in taken:  # two uploads of one name: the report must tell them apart
            stem, suffix = os.path.splitext(name)
            name = next(f"{stem}（{k}）{suffix}" for k in range(2, 1000) if f"{stem}（{k}）{suffix}" not in taken)
        path = os.path.join(self.path, stored_name(name, index))
        with open(path, "xb") as fh:  # x: never over anything
            fh.write(data)
        up = Upload(name, path, data)
        self.uploads.append(up)
        return up

    def __enter__(self) -> "RequestFolder":
        return self

    def __exit__(self, *exc: Any) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _renamed(result: FileResult, name: str) -> FileResult:
    """The result as if the file had been called ``name`` (the temp path is never shown)."""
    for d in result.diagnostics:
        d.path = name
    if result.report is not None:
        result.report.path = name
    return FileResult(name, result.report, result.diagnostics, result.seconds)


def timed_out(name: str, settings: Settings) -> FileResult:
    """The GL908 answer for a file whose check ran past its time budget."""
    zh = f"检查超过时间上限 {settings.limits.max_seconds:g} 秒，已停止"
    en = f"checking took longer than the {settings.limits.max_seconds:g} s limit and was stopped"
    msg = en if settings.lang == "en" else zh
    return FileResult(name, None, [Diagnostic("GL908", "resource-limit", Severity.ERROR, msg, None, name)])


async def check_uploads(folder: RequestFolder, settings: Settings, limiter: Any) -> list[Checked]:
    """Check every upload of the request through the runner, a bounded number at a time."""
    import anyio

    from ..runner import RunOptions, check_file

    options = RunOptions(lang=settings.lang, limits=settings.limits, config=settings.config)
    out: list[Checked] = []

    async def one(up: Upload) -> None:
        result: Optional[FileResult] = None
        with anyio.move_on_after(settings.seconds):
            result = await anyio.to_thread.run_sync(check_file, up.path, options,
                                                    limiter=limiter, abandon_on_cancel=True)
        out.append(Checked(up, _renamed(result, up.name) if result else timed_out(up.name, settings)))

    async with anyio.create_task_group() as tg:
        for up in folder.uploads:
            tg.start_soon(one, up)
    order = {id(up): i for i, up in enumerate(folder.uploads)}
    out.sort(key=lambda c: order[id(c.upload)])
    return out


def annotated_copy(c: Checked, lang: str) -> Optional[tuple[str, str, str]]:
    """(file name, MIME type, base64) of the upload with its findings as comments, or None."""
    from ..annotate import AnnotateError, annotatable, annotate, annotated_name

    if c.result.report is None or not c.result.diagnostics or not annotatable(c.upload.name):
        return None
    try:
        data = annotate(c.result, c.upload.data, lang)
    except AnnotateError:
        return None
    mime = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if c.upload.name.lower().endswith(".docx") else "text/plain;charset=utf-8")
    return annotated_name(c.upload.name, lang), mime, base64.b64encode(data).decode("ascii")


def report_meta(c: Checked) -> dict[str, Any]:
    """What the API says about one file besides its findings."""
    from ..output.common import severity_counts

    rep = c.result.report
    counts = severity_counts(c.result.diagnostics)
    return {"filename": c.upload.name, "kind": rep.kind if rep else None,
            "title": rep.title if rep else None, "issuer": rep.issuer if rep else None,
            "year": rep.year if rep else None, "template": rep.template if rep else None,
            "findings": len(c.result.diagnostics),
            "counts": {s.value: counts[s] for s in Severity},
            "seconds": round(c.result.seconds, 3)}


def finding_json(d: Diagnostic, report: Any, lang: str) -> dict[str, Any]:
    """The ``--output-format json`` object plus ``where``: the place in words (a Word cell has no line)."""
    from ..output.locate import officer_where

    item = d.to_json()
    item["where"] = officer_where(d.span, report, lang) or None
    return item
