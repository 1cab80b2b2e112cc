"""The Starlette application: routes, request limits, answers that never show a traceback.

``GET /`` the upload page · ``POST /check`` the result page · ``POST
/api/check`` JSON · ``GET /healthz`` for monitoring.  A request larger than
the limits is refused with 413 before its files are read whole (the body is
counted as it arrives); a request the queue cannot take gets 503; anything
unexpected a plain 500 sentence — the details stay in the server log.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Optional

from .. import __version__
from . import pages
from .jobs import RequestFolder, annotated_copy, check_uploads, finding_json, report_meta
from .settings import Settings

log = logging.getLogger("govlint.serve")

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class Refused(Exception):
    """A request govlint will not check: HTTP status and one sentence in each language."""

    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(zh)
        self.status, self.zh, self.en = status, zh, en


class BodyLimit:
    """ASGI middleware: count the request body as it arrives and stop past ``limit`` bytes."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        await self.app(scope, counted, send)


class _TooLarge(Exception):
    pass


def _mb(n: float) -> str:
    return f"{n / 1048576:.1f}".rstrip("0").rstrip(".")


def build(settings: Settings) -> Any:
    """The app for ``settings`` (one limiter and one queue counter per app)."""
    import anyio
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    limiter = anyio.CapacityLimiter(max(1, settings.workers))
    state = {"waiting": 0, "checked": 0}
    too_large = Refused(413, f"上传内容过大：请求超过上限 {_mb(settings.max_request)} MB"
                             f"（每个文件不超过 {_mb(settings.limits.max_bytes)} MB，一次最多 {settings.max_files} 个）",
                        f"upload too large: the request is over {_mb(settings.max_request)} MB (at most "
                        f"{_mb(settings.limits.max_bytes)} MB per file, {settings.max_files} files)")

    async def read_files(request: Request, folder: RequestFolder) -> None:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_request:
            raise too_large
        try:
            form = await request.form(max_files=settings.max_files, max_fields=50,
                                      max_part_size=64 * 1024)
        except _TooLarge:
            raise too_large from None
        except Exception as e:  # malformed multipart, too many parts
            raise Refused(400, f"无法读取上传内容：{e}", f"cannot read the upload: {e}") from None
        try:
            files = [f for f in form.getlist("files") + form.getlist("file") if hasattr(f, "read")]
            if not files:
                raise Refused(400, "没有收到文件：请在 files 字段上传一个或多个报告",
                              "no file received: upload one or more reports in the 'files' field")
            for f in files:
                data = await f.read(settings.limits.max_bytes + 1)
                if len(data) > settings.limits.max_bytes:
                    raise Refused(413, f"文件“{f.filename}”超过大小上限 {_mb(settings.limits.max_bytes)} MB",
                                  f"the file '{f.filename}' is over the {_mb(settings.limits.max_bytes)} MB limit")
                folder.add(f.filename, data)
        finally:
            await form.close()

    async def run(request: Request, page: bool) -> tuple[list[Any], str, str, str]:
        """Check the request's uploads; the HTML report and annotated copies only for the page."""
        from ..engine import catalog
        from ..output import render
        from ..output.common import summary_sentence

        with RequestFolder() as folder:
            await read_files(request, folder)
            n = len(folder.uploads)
            if state["waiting"] + n > settings.queue:
                raise Refused(503, "服务器繁忙，请稍后再试", "the server is busy; try again shortly")
            state["waiting"] += n
            try:
                checked = await check_uploads(folder, settings, limiter)
            finally:
                state["waiting"] -= n
            state["checked"] += n
            results = [c.result for c in checked]
            findings = [finding_json(d, c.result.report, settings.lang)
                        for c in sorted(checked, key=lambda c: c.upload.name)
                        for d in sorted(c.result.diagnostics, key=lambda d: d.sort_key)]
            api = {"version": __version__, "summary": summary_sentence(results, settings.lang),
                   "reports": [report_meta(c) for c in checked], "findings": findings}
            report_html, rows = "", []
            if page:
                report_html = render("html", results, rules=catalog(_config(settings)), lang=settings.lang)
                rows = [{"meta": report_meta(c), "annotated": annotated_copy(c, settings.lang),
                         "inputs": [(d.code, d.message) for d in c.result.diagnostics
                                    if d.code.startswith("GL9")]}
                        for c in checked]
        return rows, api["summary"], report_html, json.dumps(api, ensure_ascii=False, indent=2)

    def refused(e: Refused, as_json: bool) -> Response:
        msg = e.en if settings.lang == "en" else e.zh
        if as_json:
            return JSONResponse({"error": msg, "status": e.status}, status_code=e.status, headers=HEADERS)
        return HTMLResponse(pages.problem_page(msg), status_code=e.status, headers=HEADERS)

    async def index(request: Request) -> Response:
        return HTMLResponse(pages.upload_form(settings.limits.max_bytes / 1048576, settings.max_files),
                            headers=HEADERS)

    async def check_page(request: Request) -> Response:
        try:
            rows, summary, report_html, api_json = await run(request, page=True)
        except Refused as e:
            return refused(e, as_json=False)
        return HTMLResponse(pages.result_page(rows, summary, report_html, api_json), headers=HEADERS)

    async def check_api(request: Request) -> Response:
        try:
            _rows, _summary, _html, api_json = await run(request, page=False)
        except Refused as e:
            return refused(e, as_json=True)
        return Response(api_json, media_type="application/json", headers=HEADERS)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "workers": settings.workers,
                             "waiting": state["waiting"], "checked": state["checked"]}, headers=HEADERS)

    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        e = Refused(500, "服务器内部错误，请稍后再试或联系管理员", "internal server error; try again or tell the administrator")
        return refused(e, as_json=request.url.path.startswith("/api/"))

    app = Starlette(routes=[Route("/", index), Route("/check", check_page, methods=["POST"]),
                            Route("/api/check", check_api, methods=["POST"]),
                            Route("/healthz", health)],
                    exception_handlers={Exception: crashed})
    return BodyLimit(app, settings.max_request)


_CONFIGS: dict[Optional[str], Any] = {}


def _config(settings: Settings) -> Any:
    """The server's configuration object (for the rule catalogue of the reports), read once."""
    if settings.config not in _CONFIGS:
        from ..config import load_config

        _CONFIGS[settings.config] = load_config(None, settings.config)
    return _CONFIGS[settings.config]
