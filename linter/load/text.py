"""Plain text and Markdown reports, in any common Chinese encoding.

Encoding detection is ordered from certain to probable: byte-order marks,
then the NUL-byte pattern of BOM-less UTF-16, then strict UTF-8 (which
almost never decodes non-UTF-8 Chinese by accident), then GB18030 (a
superset of GBK/GB2312), then Big5, and only then charset-normalizer's
statistical guess.  Binary junk is rejected before any of that.
"""
from __future__ import annotations

import codecs
import re
from typing import Optional

from ..document import Document, normalize_line
from ..errors import LoadError
from ..limits import Limits

_LINE_SPLIT = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85")


def _looks_utf16(data: bytes) -> str | None:
    """BOM-less UTF-16: the ASCII in a report (digits, spaces, newlines) puts
    NUL bytes in one byte lane only; binary junk scatters them over both."""
    sample = data[:8192]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd and even <= odd * 0.3:
        enc = "utf-16-le"
    elif even and odd <= even * 0.3:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(enc)
    except UnicodeDecodeError:
        return None
    good = sum(1 for ch in text[:4000] if ch.isprintable() or ch in "\t\r\n" or "\u3000" <= ch <= "\u9fff")
    return enc if good >= 0.95 * min(len(text), 4000) else None


# counted with a regex, not a loop over every character (that loop was a tenth of a text check)
_CTRL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")  # controls but \t \n \f \r ESC
_RARE_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")  # controls but \t \n \f \r; private use


def _is_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    ctrl = len(_CTRL_BYTES.findall(sample))
    return ctrl > max(8, len(sample) // 100)


def _plausible(text: str) -> bool:
    """Reject decodings that produce mostly rare characters or controls."""
    if not text:
        return True
    bad = len(_RARE_CHARS.findall(text, 0, 20000))
    return bad <= max(2, len(text[:20000]) // 200)


def _mostly_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few stray bytes (a truncated copy, one bad character), decoded with U+FFFD.

    One bad byte must not leave the whole report unchecked: when at most one
    character in a thousand is undecodable and the rest is Chinese text, the
    report is read and the replaced bytes are reported (:func:`replaced_note`).
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    if bad and bad <= max(3, len(text) // 1000) and _CJK.search(text[:20000]) and _plausible(text):
        return text
    return None


def replaced_note(data: bytes, text: str, enc: str) -> Optional[tuple[str, str]]:
    """The GL903 warning for a decoding that replaced bytes (None when every byte was decoded)."""
    if enc != "utf-8" or "\ufffd" not in text:
        return None
    try:
        data.decode("utf-8")
        return None  # the file itself holds U+FFFD
    except UnicodeDecodeError as e:
        first = data[:e.start].count(b"\n") + 1
    n = text.count("\ufffd")
    return ("GL903", f"文件有 {n} 处字节不是有效的 UTF-8（第一处在第 {first} 行），已替换为 �，其余内容照常检查"
                     f" / {n} byte sequence(s) are not valid UTF-8 (first on line {first}); replaced with �, "
                     "the rest was checked")


_CJK = re.compile("[\u3400-\u9fff]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise LoadError."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    enc16 = _looks_utf16(data)
    if enc16:
        try:
            return data.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    if _is_binary(data):
        raise LoadError("GL901", "文件内容是二进制数据，不是文本报告",
                        "the file holds binary data, not a text report")
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly, "utf-8"
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # a detector failure is just "unknown"
        best = None
    if best is not None and best.encoding:
        return str(best), best.encoding
    raise LoadError("GL903", "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030、Big5）",
                    "cannot detect the encoding (tried UTF-8, UTF-16, GB18030, Big5)")


def _document(path: str, data: bytes, kind: str) -> Document:
    text, enc = decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_lines = _LINE_SPLIT.split(text)
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    doc = Document(path=path, kind=kind, encoding=enc, source_lines=raw_lines)
    note = replaced_note(data, text, enc)
    if note:
        doc.notes.append(note)
    doc.lines = [normalize_line(s, i + 1) for i, s in enumerate(raw_lines)]
    if not any(ln.text.strip() for ln in doc.lines):
        raise LoadError("GL901", "文件没有任何文字内容", "the file contains no text")
    return doc


def load_text(path: str, data: bytes, limits: Limits) -> Document:
    """Decode (encoding sniffed) and normalise each line; the size limit was already applied by ``load``."""
    return _document(path, data, "text")


def load_markdown(path: str, data: bytes, limits: Limits) -> Document:
    """Same reader as text; ``kind`` only labels the report (the parser reads both alike)."""
    return _document(path, data, "markdown")
