"""The OCR engine (RapidOCR: PP-OCR models on onnxruntime) and its page cache.

Why RapidOCR: its wheel ships the PP-OCR Chinese detection and recognition
models, so ``pip install govlint[ocr]`` is all an offline machine needs, and
it reads the digits and labels of report tables better and faster than
Debian's tesseract-ocr + chi-sim on the same pages (figures in the README's
dependency notes, ``benchmarks/bench_ocr.py``).

The engine is imported only when a page without text is met, and created
once per process (loading the models takes a moment).  A page's result is
cached by the hash of its pixels and the engine's version, under the cache
folder the result cache uses (``$GOVLINT_CACHE_DIR/ocr``), so a rerun over
the same scans does not OCR them again even when the report's result is not
cached (a time limit was hit, the rules changed).  ``GOVLINT_NO_CACHE=1``
turns it off.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..errors import LoadError

INSTALL_HINT_ZH = "安装 OCR 扩展后可识别扫描件：pip install \"govlint[ocr]\""
INSTALL_HINT_EN = "install the OCR extra to read scans: pip install \"govlint[ocr]\""
_MAGIC = "govlint-ocr-cache 1"
PIPELINE = "det+rec, no cls, word boxes"  # how the engine is called: part of the cache key

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass
class Word:
    """One recognised word (a CJK character, or a run of digits/Latin) in image pixels."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class TextBox:
    """One detected text line: its words left to right."""

    words: list[Word]


def available() -> bool:
    """Whether the ``ocr`` extra is installed (without importing it)."""
    import importlib.util

    try:
        return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime"))
    except (ImportError, ValueError):  # a module set to None in sys.modules: blocked, not there
        return False


def require() -> None:
    """GL906 with the install hint when the extra is missing."""
    if not available():
        raise LoadError("GL906", "没有文字层（可能是扫描件）。" + INSTALL_HINT_ZH,
                        "no text layer (probably a scan); " + INSTALL_HINT_EN)


_ENGINE: Any = None


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        from rapidocr import RapidOCR

        _ENGINE = RapidOCR(params={"Global.log_level": "error"})
    return _ENGINE


def engine_version() -> str:
    """Part of every cache key: another engine or model reads pixels differently."""
    from importlib.metadata import version

    try:
        return f"rapidocr {version('rapidocr')}"
    except Exception:  # not installed from a distribution: still a stable key
        return "rapidocr"


def _cache_path(key: str) -> Optional[Path]:
    from ..yamlio import cache_dir

    base = cache_dir()
    return None if base is None else base / "ocr" / key[:2] / key


def _read_cache(key: str) -> Optional[list[TextBox]]:
    path = _cache_path(key)
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(zlib.decompress(path.read_bytes()).decode("utf-8"))
        if data.get("magic") != _MAGIC or data.get("key") != key:
            return None
        return [TextBox([Word(*w) for w in box]) for box in data["boxes"]]
    except Exception:  # truncated or foreign: OCR again and rewrite
        return None


def _write_cache(key: str, boxes: list[TextBox]) -> None:
    path = _cache_path(key)
    if path is None:
        return
    payload = {"magic": _MAGIC, "key": key,
               "boxes": [[[w.text, w.score, w.x0, w.y0, w.x1, w.y1] for w in b.words] for b in boxes]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8")))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache is no reason to fail a check


def page_key(gray: Any) -> str:
    """The cache key of one page image: its pixels, shape and the engine."""
    h = hashlib.sha256()
    h.update(f"{engine_version()}|{PIPELINE}|{gray.shape}|".encode())
    h.update(gray.tobytes())
    return h.hexdigest()


def recognise(gray: Any) -> list[TextBox]:
    """Text lines of a greyscale page image (numpy uint8), cached by content."""
    key = page_key(gray)
    cached = _read_cache(key)
    if cached is not None:
        return cached
    boxes = _run(gray)
    _write_cache(key, boxes)
    return boxes


def recognise_cell(gray: Any) -> list[TextBox]:
    """Text of one table cell's image, recognition only (the detector missed it), cached by content."""
    key = "cell-" + page_key(gray)
    cached = _read_cache(key)
    if cached is not None:
        return cached
    global RUNS
    RUNS += 1
    result = _engine()(gray, use_det=False, use_cls=False, use_rec=True, return_word_box=False)
    boxes: list[TextBox] = []
    txts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or ()
    h, w = gray.shape[:2]
    for text, score in zip(txts, scores):
        if str(text).strip():
            boxes.append(TextBox([Word(str(text).strip(), float(score), 0.0, 0.0, float(w), float(h))]))
    _write_cache(key, boxes)
    return boxes


RUNS = 0  # engine calls in this process (a rerun over cached pages makes none)


def _run(gray: Any) -> list[TextBox]:
    global RUNS
    RUNS += 1
    # every switch given on every call: RapidOCR keeps the last call's switches
    # for the next one, so a cell's recognition-only call would turn detection off.
    # No direction classifier: it turns a lone "9" upside down into a "6" (score
    # 1.0); a report page is upright once deskewed
    result = _engine()(gray, use_det=True, use_cls=False, use_rec=True, return_word_box=True)
    txts = getattr(result, "txts", None) if result is not None else None
    if not txts or getattr(result, "boxes", None) is None:  # nothing found (no detection boxes)
        return []
    words = _word_lists(result.word_results, len(txts))
    out: list[TextBox] = []
    for i, (text, score, quad) in enumerate(zip(txts, result.scores, result.boxes)):
        ws = words[i] if words is not None else None
        if ws is None or "".join(w.text for w in ws) != "".join(str(text).split()):
            ws = _split_line(str(text), float(score), quad)  # no word boxes: spread over the line
        ws = [w for w in ws if w.text.strip()]
        if ws:
            out.append(TextBox(sorted(ws, key=lambda w: w.x0)))
    return out


def _rect(quad: Any) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def _word_lists(results: Any, lines: int) -> Optional[list[list[Word]]]:
    """The engine's per-word boxes, one list per text line; None when it gave none for some line.

    RapidOCR computes word boxes only when every line has them, and then drops
    lines without any, so the lists line up with the text lines only when
    there is one per line.
    """
    if not results or len(results) != lines:
        return None
    out: list[list[Word]] = []
    for line in results:
        if not isinstance(line, (tuple, list)):
            return None
        ws = []
        for item in line:
            if not isinstance(item, (tuple, list)) or len(item) != 3 or item[2] is None:
                return None
            text, score, quad = item
            ws.append(Word(str(text).strip(), float(score), *_rect(quad)))
        out.append(ws)
    return out


def _split_line(text: str, score: float, quad: Any) -> list[Word]:
    """A text line's characters spread evenly over its box (each with the line's score)."""
    chars = "".join(text.split())
    if not chars:
        return []
    x0, y0, x1, y1 = _rect(quad)
    step = (x1 - x0) / len(chars)
    return [Word(ch, score, x0 + i * step, y0, x0 + (i + 1) * step, y1) for i, ch in enumerate(chars)]
