"""What one ``govlint serve`` process is configured with, decided once at start.

The configuration is fixed when the server starts (``--config`` or the one
found from the working folder) and passed to every check explicitly: an
upload sits in a temporary folder, and looking for a ``.govlint.yaml`` by
walking up from there would let whatever lies in ``/tmp`` configure the
checks.  With no configuration at all the server writes an empty one of its
own for the same reason.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from typing import Optional

from ..limits import Limits


@dataclass
class Settings:
    """Limits and sizes of the service; every field has a command-line option."""

    config: Optional[str] = None  # explicit config file for every check
    lang: str = "zh"
    workers: int = 2  # checks running at once
    max_files: int = 20  # files in one request
    queue: int = 64  # files waiting for a worker before the server answers 503
    limits: Limits = field(default_factory=Limits)

    @property
    def max_request(self) -> int:
        """Largest request body accepted: every file at its limit, plus the multipart framing."""
        return self.limits.max_bytes * self.max_files + 1024 * 1024

    @property
    def seconds(self) -> float:
        """Time one file may take before it is answered with GL908 (the loaders stop at max_seconds)."""
        return self.limits.max_seconds + 5.0

    @classmethod
    def from_config(cls, config: Optional[str] = None, **kw: object) -> "Settings":
        """Settings whose limits come from the config's ``limits:`` (which the CLI validated)."""
        from dataclasses import fields, replace

        from ..config import find_config, read_config_file

        path = config or find_config(os.getcwd())
        if path is None:  # an explicit empty config: never one found above a temp folder
            folder = tempfile.mkdtemp(prefix="govlint-serve-config-")
            path = os.path.join(folder, ".govlint.yaml")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("{}\n")
        limits = Limits()
        known = {f.name for f in fields(Limits)}
        values = {k: type(getattr(limits, k))(v) for k, v in read_config_file(path).limits.items() if k in known}
        base = kw.pop("limits", None) or limits
        return cls(config=path, limits=replace(base, **values), **kw)  # type: ignore[arg-type]
