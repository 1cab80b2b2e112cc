"""Stage 8, beside ``cli``: ``govlint serve``, a local web page and JSON API.

Many officers never open a terminal, and a province's IT team would rather
run one checker for all its officers than install Python on every desk.  So
the same checks run behind an upload page in Chinese (several files at once,
the HTML report in the page, the annotated copy and the JSON to download)
and behind ``POST /api/check`` for a portal's CMS.  Nothing here checks a
report itself: every upload goes through :func:`govlint.runner.check_file`
and the existing formatters, so the page says exactly what the command line
says, GL9xx findings for bad uploads included.

Serving many people safely: it binds 127.0.0.1 unless told otherwise, caps
the request size by the configured per-file limit (413 past it), checks in a
bounded worker pool with a per-file time budget, and keeps every upload in a
temporary folder of its own under a name it makes up, deleted before the
response leaves — no file is kept or ever served back by path.

May import every stage (it sits on top, with ``cli``); starlette, uvicorn
and python-multipart (the ``govlint[serve]`` extra) are imported only when
the server is built.
"""
from __future__ import annotations

from .settings import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: "Settings | None" = None):  # type: ignore[no-untyped-def]
    """The ASGI application (a Starlette app); ``settings`` default to the config found from the cwd."""
    from .app import build

    return build(settings or Settings.from_config())
