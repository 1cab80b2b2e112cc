"""Stage 2: file → :class:`~govlint.document.Document`.

Loaders are looked up by file suffix and imported only when a file of that
kind is loaded, so ``govlint --version`` and a plain-text check never pay
for PDF, DOCX or HTML libraries.  Plugins may register more loaders.

May import only the foundation (document, errors, limits, labels; yamlio for
the OCR page cache's folder); ``Limits``
is part of a loader's signature, so plugin loaders find it here too.
"""
from __future__ import annotations

import importlib
import os
from typing import Callable, Optional

from ..document import Document
from ..errors import LoadError
from ..limits import Limits

Loader = Callable[[str, bytes, Limits], Document]

# suffix -> "module:function" (imported lazily)
BUILTIN_LOADERS: dict[str, str] = {
    ".txt": "govlint.load.text:load_text",
    ".text": "govlint.load.text:load_text",
    ".md": "govlint.load.text:load_markdown",
    ".markdown": "govlint.load.text:load_markdown",
    ".html": "govlint.load.html:load_html",
    ".htm": "govlint.load.html:load_html",
    ".shtml": "govlint.load.html:load_html",
    ".docx": "govlint.load.docx:load_docx",
    ".pdf": "govlint.load.pdf:load_pdf",
    # page images (图片版), read with OCR (the ocr extra)
    ".png": "govlint.load.image:load_image",
    ".jpg": "govlint.load.image:load_image",
    ".jpeg": "govlint.load.image:load_image",
    ".tif": "govlint.load.image:load_image",
    ".tiff": "govlint.load.image:load_image",
}

# formats we recognise but cannot read: tell the officer what to do instead
UNSUPPORTED: dict[str, str] = {
    ".doc": "Word 97-2003", ".wps": "WPS", ".ofd": "OFD", ".et": "WPS 表格",
    ".xls": "Excel", ".xlsx": "Excel", ".rtf": "RTF", ".odt": "OpenDocument",
}

_extra_loaders: dict[str, Loader] = {}


def register_loader(suffix: str, loader: Loader) -> None:
    """Register a loader for a suffix (used by the plugin manager)."""
    _extra_loaders[suffix.lower()] = loader


def supported_suffixes() -> list[str]:
    """Built-in suffixes plus plugin-registered ones, so folder expansion picks up plugin formats."""
    return sorted(set(BUILTIN_LOADERS) | set(_extra_loaders))


def _resolve(spec: str) -> Loader:
    mod, func = spec.split(":")
    return getattr(importlib.import_module(mod), func)


def _sniff(data: bytes) -> Optional[str]:
    """Guess a suffix from magic bytes, for files saved with the wrong name."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return ".docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return ".png"  # any image: the image loader reads every format Pillow knows
    return None


def load(path: str, limits: Optional[Limits] = None) -> Document:
    """Read one file into a Document, or raise LoadError (never anything else)."""
    limits = limits or Limits()
    suffix = os.path.splitext(path)[1].lower()
    from ..reading import NotARegularFile, TooLarge, read_capped

    try:
        data = read_capped(path, limits.max_bytes)
    except NotARegularFile as e:
        if e.kind_en == "folder":  # listed because it could not be entered
            raise LoadError("GL901", "无法进入此文件夹（没有权限），其中的报告未检查",
                            "cannot enter this folder (permission denied); the reports in it were not checked")
        raise LoadError("GL901", f"这是{e.kind_zh}，不是普通文件，未读取", f"this is a {e.kind_en}, not a regular file; not read")
    except TooLarge:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = limits.max_bytes + 1
        mb = limits.max_bytes / 1024 / 1024
        raise LoadError(
            "GL904",
            f"文件大小 {size / 1024 / 1024:.1f} MB 超过上限 {mb:.0f} MB（可用 --max-file-size 调整）",
            f"file is {size / 1024 / 1024:.1f} MB, over the {mb:.0f} MB limit (see --max-file-size)")
    except OSError as e:
        import errno

        zh = {errno.ELOOP: "符号链接形成循环", errno.ENOENT: "文件不存在（或链接指向不存在的文件）",
              errno.EACCES: "没有读取权限"}.get(e.errno or 0, e.strerror or str(e))
        raise LoadError("GL901", f"无法读取文件：{zh}", f"cannot read the file: {e.strerror or e}")
    if not data.strip():
        raise LoadError("GL901", "文件为空，没有可检查的内容", "the file is empty")
    sniffed = _sniff(data)
    if sniffed and sniffed != suffix and suffix not in (".docx",) + tuple(UNSUPPORTED):
        suffix = sniffed  # e.g. a PDF saved as .txt: read it as what it is
    if suffix in UNSUPPORTED or (sniffed == ".doc" and suffix != ".docx"):
        # (an encrypted .docx is an OLE file too: its loader says so precisely)
        kind = UNSUPPORTED.get(suffix, "Word 97-2003")
        raise LoadError(
            "GL902",
            f"不支持 {kind} 格式（{suffix}），请另存为 .docx 或 PDF 后再检查",
            f"{kind} files ({suffix}) are not supported; save as .docx or PDF and check again")
    loader = _extra_loaders.get(suffix)
    if loader is None:
        spec = BUILTIN_LOADERS.get(suffix)
        if spec is None:
            raise LoadError(
                "GL902",
                f"不支持的文件类型“{suffix or '无扩展名'}”；支持：{'、'.join(supported_suffixes())}",
                f"unsupported file type '{suffix or 'no suffix'}'; supported: {', '.join(supported_suffixes())}")
        try:
            loader = _resolve(spec)
        except ImportError as e:
            raise LoadError("GL902", f"读取 {suffix} 文件所需的库未安装：{e}",
                            f"the library needed for {suffix} files is not installed: {e}")
    return loader(path, data, limits)
