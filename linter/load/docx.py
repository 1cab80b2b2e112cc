"""Word (.docx) reports.

The zip is inspected before anything is decompressed (a renamed zip bomb
must cost nothing), then ``word/document.xml`` is read with a capped read and
parsed by lxml with entity resolution and network access off.  We walk the
body XML ourselves rather than through python-docx objects because we need
things python-docx does not expose in one pass: paragraphs and tables in body
order (including content controls ``w:sdt``), tracked-insert text, automatic
list numbering (section headings such as "一、总体情况" are often Word
numbering, not text), and the raw merge markup (``w:gridSpan``,
``w:vMerge``, ``w:gridBefore``) to build the table grid.

A .docx has no line numbers, so ``line`` is the running number of the
emitted Line, ``source_lines`` holds one string per emitted Line, and
``Line.where`` says "第12段" (paragraph) or "表格3 第5行" (table row).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Any, Optional

from ..document import Document, Line, normalize_line, row_line

LEFT, ABOVE = object(), object()  # grid positions covered by a colspan / rowspan
from ..errors import LoadError
from ..labels import where_text
from ..limits import Limits
from ._positioned import Deadline, guarded
from ._wordnum import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _T = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "t"))
_CONTAINERS = frozenset(f"{{{W}}}{t}" for t in ("sdt", "sdtContent", "customXml", "ins",
                                                  "smartTag", "moveTo"))
_SKIP_TEXT = frozenset({f"{{{W}}}{t}" for t in ("instrText", "delText", "pPr", "rPr",
                                                   "moveFrom", "del")} | {MC_FALLBACK})
_MAX_RATIO = 200  # deflate rarely beats ~20:1 on Word XML; bombs reach 1000:1
_MAX_ENTRIES = 10_000


def _val(el: Optional[Any], attr: str = "val") -> Optional[str]:
    return None if el is None else el.get(f"{{{W}}}{attr}")


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Check the container before decompressing anything."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise LoadError(
            "GL901", "文件已加密（受密码保护）或是旧版 Word（.doc）格式：请去除密码或另存为 .docx 后再检查",
            "the file is encrypted (password-protected) or an old Word (.doc) file: "
            "remove the password or save as .docx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError):
        raise LoadError("GL901", "不是有效的 .docx（ZIP）文件", "not a valid .docx (ZIP) file")
    if len(infos) > _MAX_ENTRIES:
        raise LoadError("GL908", f".docx 内含文件过多（{len(infos)} 个）",
                        f"the .docx holds too many parts ({len(infos)})")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        raise LoadError(
            "GL908", f".docx 解压后大小 {total / 1048576:.0f} MB 超过上限 "
            f"{limits.max_unpacked / 1048576:.0f} MB（疑似压缩炸弹）",
            f"the .docx unpacks to {total / 1048576:.0f} MB, over the "
            f"{limits.max_unpacked / 1048576:.0f} MB limit (possible zip bomb)")
    for i in infos:
        if i.file_size > 1_048_576 and i.file_size > _MAX_RATIO * max(i.compress_size, 1):
            raise LoadError("GL908", f".docx 中 {i.filename} 的压缩比异常（疑似压缩炸弹）",
                            f"{i.filename} in the .docx has an absurd compression ratio "
                            "(possible zip bomb)")
        if i.flag_bits & 0x1:
            raise LoadError("GL901", ".docx 已加密，请去除密码后再检查",
                            "the .docx is encrypted; remove the password and check again")
    return zf


def _read(zf: zipfile.ZipFile, name: str, limits: Limits) -> Optional[bytes]:
    """A part's bytes, read with a hard cap (headers can lie about sizes)."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limits.max_unpacked + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
            OSError, ValueError) as e:
        raise LoadError("GL901", f".docx 已损坏，无法读取 {name}：{e}",
                        f"the .docx is damaged; cannot read {name}: {e}")
    if len(data) > limits.max_unpacked:
        raise LoadError("GL908", f".docx 中 {name} 解压后超过大小上限（疑似压缩炸弹）",
                        f"{name} in the .docx unpacks beyond the size limit (possible zip bomb)")
    return data


def _xml(data: bytes, name: str, limits: Limits) -> Any:
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise LoadError("GL901", f".docx 已损坏：{name} 不是有效的 XML（{e}）",
                        f"the .docx is damaged: {name} is not valid XML ({e})")
    n = 0
    for _ in root.iter():
        n += 1
        if n > limits.max_elements * 4:  # Word XML is verbose: ~4 nodes per visible item
            raise LoadError("GL908", f".docx 的 {name} 元素过多",
                            f"{name} in the .docx has too many XML elements")
    return root


def _main_part(zf: zipfile.ZipFile, limits: Limits) -> str:
    """The officeDocument target named by _rels/.rels (usually word/document.xml)."""
    rels = _read(zf, "_rels/.rels", limits)
    if rels:
        try:
            root = _xml(rels, "_rels/.rels", limits)
            for rel in root:
                if str(rel.get("Type", "")).endswith("/officeDocument"):
                    target = posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
                    if target in zf.namelist():
                        return target
        except LoadError:
            pass
    return "word/document.xml"


def _para_text(p: Any) -> str:
    """Visible text of one paragraph: runs, hyperlinks, inserts; no field codes or deletions."""
    out: list[str] = []
    stack = [iter(p)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TEXT:
            continue
        if tag == _T:
            out.append(el.text or "")
            continue
        local = tag.rsplit("}", 1)[-1]
        if local == "tab":
            out.append("\t")
        elif local in ("br", "cr"):
            out.append("\n")
        elif local == "noBreakHyphen":
            out.append("-")
        elif local == "p" and out:  # text box paragraphs inside a run
            out.append("\n")
        if len(el):
            stack.append(iter(el))
    return "".join(out)


def _children(el: Any, wanted: frozenset) -> list[Any]:
    """Children of ``el`` with a wanted tag, looking through sdt/customXml wrappers."""
    out: list[Any] = []
    stack = [iter(el)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
        elif c.tag in wanted:
            out.append(c)
        elif c.tag in _CONTAINERS:
            stack.append(iter(c))
    return out


class _Builder:
    def __init__(self, path: str, numbering: Numbering, deadline: Deadline) -> None:
        self.doc = Document(path=path, kind="docx")
        self.numbering = numbering
        self.deadline = deadline
        self.paras = 0
        self.tables = 0

    def emit_text(self, raw: str, where: str) -> None:
        raw = raw.strip(" \t\u3000\u00a0")
        if not raw:
            return
        n = len(self.doc.lines) + 1
        self.doc.source_lines.append(raw)
        line = normalize_line(raw, n)
        line.where = where
        self.doc.lines.append(line)

    def paragraph(self, p: Any) -> None:
        text = self.numbering.prefix(p) + _para_text(p)
        if not text.strip():
            return
        self.paras += 1
        for piece in text.split("\n"):
            self.emit_text(piece, where_text("paragraph", n=self.paras))

    def body(self, container: Any) -> None:
        for el in _children(container, frozenset({_P, _TBL})):
            if el.tag == _P:
                self.paragraph(el)
            elif el.find(f".//{_TBL}") is not None:  # layout table holding tables
                for tr in _children(el, frozenset({_TR})):
                    for tc in _children(tr, frozenset({_TC})):
                        self.body(tc)
            else:
                self.table(el)
            if len(self.doc.lines) % 200 == 0:
                self.deadline.check()

    def table(self, tbl: Any) -> None:
        grid: list[list[Optional[str]]] = []  # LEFT/ABOVE: covered by a merge
        for tr in _children(tbl, frozenset({_TR})):
            row: list[Optional[str]] = []
            trpr = tr.find(f"{{{W}}}trPr")
            before = _val(trpr.find(f"{{{W}}}gridBefore")) if trpr is not None else None
            row.extend([""] * _int(before, 0))
            for tc in _children(tr, frozenset({_TC})):
                pr = tc.find(f"{{{W}}}tcPr")
                span = _int(_val(pr.find(f"{{{W}}}gridSpan")) if pr is not None else None, 1)
                vm = pr.find(f"{{{W}}}vMerge") if pr is not None else None
                hm = pr.find(f"{{{W}}}hMerge") if pr is not None else None
                covered = (vm is not None and _val(vm) in (None, "continue")) or \
                    (hm is not None and _val(hm) in (None, "continue"))
                if covered:
                    row.extend([ABOVE if vm is not None else LEFT] * span)
                    continue
                text = " ".join(_para_text(p) for p in tc.iter(_P))
                row.append(" ".join(text.split()))
                row.extend([LEFT] * (span - 1))
            grid.append(row)
        ncols = max((len(r) for r in grid), default=0)
        if not ncols:
            return
        self.tables += 1
        for r, row in enumerate(grid, start=1):
            covered = [("left" if c is LEFT else "above") if c is LEFT or c is ABOVE else ""
                       for c in row] + [""] * (ncols - len(row))
            cells = ["" if cv else c for c, cv in zip(row, covered)] + [""] * (ncols - len(row))
            if not any(cells) and sum(1 for cv in covered if not cv) < 2:
                continue  # a spacer row; a row of several empty cells is a blank data row
            n = len(self.doc.lines) + 1
            self.doc.source_lines.append("\t".join(cells))
            col = 1
            lines: list[Line] = []
            for c in cells:
                lines.append(normalize_line(c, n, col))
                col += len(c) + 1
            line = row_line(lines, self.tables, r, list(range(1, ncols + 1)), covered)
            line.where = where_text("row", table=self.tables, row=r)
            self.doc.lines.append(line)


def _int(v: Optional[str], default: int) -> int:
    try:
        return max(0, min(int(v), 1000)) if v is not None else default
    except ValueError:
        return default


@guarded("Word 文档", "Word document")
def load_docx(path: str, data: bytes, limits: Limits) -> Document:
    """Read a .docx into a Document (kind "docx"), or raise LoadError."""
    deadline = Deadline(limits.max_seconds, " Word 文档", "Word document")
    zf = _open_zip(data, limits)
    name = _main_part(zf, limits)
    main = _read(zf, name, limits)
    if main is None:
        raise LoadError("GL901", "缺少 word/document.xml，不是有效的 Word 文档",
                        "word/document.xml is missing: not a valid Word document")
    root = _xml(main, name, limits)
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise LoadError("GL901", "Word 文档没有正文（缺少 w:body）",
                        "the Word document has no body (w:body missing)")
    styles = _read(zf, "word/styles.xml", limits)
    numbering = _read(zf, "word/numbering.xml", limits)
    num = Numbering(_xml(numbering, "word/numbering.xml", limits) if numbering else None,
                    _xml(styles, "word/styles.xml", limits) if styles else None)
    b = _Builder(path, num, deadline)
    b.body(body)
    if not any(ln.text.strip() for ln in b.doc.lines):
        raise LoadError("GL901", "Word 文档中没有任何文字内容",
                        "the Word document contains no text")
    return b.doc


# ------------------------------------------------- back from locators to XML

class _Places(_Builder):
    """The loader's own walk, remembering the element behind each number it gives."""

    def __init__(self, numbering: Numbering, deadline: Deadline) -> None:
        super().__init__("", numbering, deadline)
        self.paragraph_elements: dict[int, Any] = {}
        self.table_elements: dict[int, Any] = {}

    def paragraph(self, p: Any) -> None:
        before = self.paras
        super().paragraph(p)
        if self.paras != before:
            self.paragraph_elements[self.paras] = p

    def table(self, tbl: Any) -> None:
        before = self.tables
        super().table(tbl)
        if self.tables != before:
            self.table_elements[self.tables] = tbl


def element_places(data: bytes, body: Any, limits: Optional[Limits] = None) -> tuple[dict[int, Any], dict[int, Any]]:
    """Paragraph number → ``w:p`` and table number → ``w:tbl`` in ``body``.

    ``body`` may be any lxml tree of this document's main part (python-docx's
    own, for the Word annotation); the numbers are counted by the very walk
    :func:`load_docx` makes, so the locators in findings ("第12段", "表格3
    第5行") lead back to the elements they were made from.
    """
    limits = limits or Limits()
    zf = _open_zip(data, limits)
    styles = _read(zf, "word/styles.xml", limits)
    numbering = _read(zf, "word/numbering.xml", limits)
    num = Numbering(_xml(numbering, "word/numbering.xml", limits) if numbering else None,
                    _xml(styles, "word/styles.xml", limits) if styles else None)
    b = _Places(num, Deadline(limits.max_seconds, " Word 文档", "Word document"))
    b.body(body)
    return b.paragraph_elements, b.table_elements


def table_row(tbl: Any, row: int) -> Optional[Any]:
    """The ``w:tr`` the loader numbers ``row`` (1-based, every row counted)."""
    rows = _children(tbl, frozenset({_TR}))
    return rows[row - 1] if 1 <= row <= len(rows) else None


def grid_cell(tbl: Any, row: int, column: int) -> Optional[Any]:
    """The ``w:tc`` holding grid position (row, column) as the loader resolves
    merges: a ``gridSpan`` covers several columns, a ``vMerge`` continuation
    belongs to the cell that starts the merge above it."""
    rows = _children(tbl, frozenset({_TR}))
    for r in range(min(row, len(rows)) - 1, -1, -1):
        tr = rows[r]
        trpr = tr.find(f"{{{W}}}trPr")
        pos = _int(_val(trpr.find(f"{{{W}}}gridBefore")) if trpr is not None else None, 0)
        for tc in _children(tr, frozenset({_TC})):
            pr = tc.find(f"{{{W}}}tcPr")
            span = _int(_val(pr.find(f"{{{W}}}gridSpan")) if pr is not None else None, 1)
            if pos < column <= pos + span:
                vm = pr.find(f"{{{W}}}vMerge") if pr is not None else None
                if vm is not None and _val(vm) in (None, "continue"):
                    break  # merged from above: look in the row before
                return tc
            pos += span
        else:
            return None
    return None
