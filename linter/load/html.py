"""HTML reports, as published on government portals.

A portal page wraps the report in navigation, scripts, styles and layout
tables.  We keep visible text blocks in document order (one Line per block),
drop the obvious noise (script/style/nav/forms' widgets/hidden elements), and
turn every *data* table — a ``<table>`` that contains no other table and has
at least two columns — into one Line per row with rowspan/colspan resolved
into a grid.  Layout tables (those containing tables) are walked like
ordinary blocks, so a report nested three layout tables deep still yields its
own tables and never one giant row.

Positions: lxml gives the source line of each element but not columns, and
not the line of tail text, so every word of text is located in the decoded
source by a forward-moving search (see :class:`_Locator`).  When a word
cannot be found (entities such as ``&nbsp;``) it inherits the last known
position instead of pointing somewhere wrong further ahead.
"""
from __future__ import annotations

import bisect
import re
from typing import Any, Optional

from ..document import Document, Line, row_line
from ..errors import LoadError
from ..limits import Limits
from ._positioned import Builder, Deadline, empty_cell, guarded
from .text import _is_binary, _plausible, decode

_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "cp936": "gb18030", "utf8": "utf-8", "unicode": "utf-8", "big5": "big5hkscs"}

# never visible, or page furniture rather than report text
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "iframe",
                   "object", "embed", "svg", "select", "option", "button", "input",
                   "textarea", "map", "audio", "video", "canvas"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                    "dl", "dt", "dd", "table", "tr", "td", "th", "tbody", "thead", "tfoot",
                    "caption", "section", "article", "blockquote", "pre", "hr", "center",
                    "form", "header", "footer", "main", "aside", "address", "fieldset",
                    "figure", "figcaption", "body", "html"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_LAYOUT_CELL = 600  # characters; the longest official row label is ~60
_WORD = re.compile(r"[^\s\u00a0\u3000]+")


def _decode(data: bytes) -> tuple[str, str]:
    """BOM, then strict UTF-8 (GBK text is almost never valid UTF-8, while
    pages declaring gb2312 but saved as UTF-8 are common), then the declared
    charset (meta charset / http-equiv), else the text loader's guess."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    if _is_binary(data):
        raise LoadError("GL901", "文件内容是二进制数据，不是 HTML 网页",
                        "the file holds binary data, not an HTML page")
    try:  # valid UTF-8 with Chinese in it is UTF-8, whatever the page declares
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:16384])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        enc = _ALIASES.get(name, name)
        try:
            text = data.decode(enc)
            if _declared_plausible(text, data):
                return text, enc
        except (LookupError, UnicodeDecodeError):
            pass  # declared wrongly (common): fall back to detection
    return decode(data)


_CJK = re.compile("[\u3400-\u9fff]")


def _declared_plausible(text: str, data: bytes) -> bool:
    """Whether a declared charset's decoding is believable, as the text loader judges its own guesses.

    A single-byte charset (iso-8859-1, windows-1252) decodes any bytes, so a
    GBK page declared iso-8859-1 decodes "successfully" into Latin letters and
    becomes GL909.  A report is Chinese: a decoding without a single CJK
    character, when the text loader's own decoding has them, is a lie.
    """
    if not _plausible(text):
        return False
    if _CJK.search(text[:20000]):
        return True
    try:
        guessed, _ = decode(data)
    except LoadError:
        return True
    return not _CJK.search(guessed[:20000])


class _Locator:
    """Maps text fragments back to (line, column) in the decoded source."""

    WINDOW = 4000

    def __init__(self, src: str) -> None:
        self.src = src
        self.starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.pos = 0

    def where(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def hint(self, line: Optional[int]) -> None:
        """An element's start line: text of it cannot come earlier."""
        if line and 0 < line <= len(self.starts):
            self.pos = max(self.pos, self.starts[line - 1])

    def place(self, text: str, out: Builder, after_tag: bool) -> None:
        """Append ``text`` to ``out`` with the positions found in the source."""
        last = self.where(self.pos)
        i = 0
        first = after_tag
        for m in _WORD.finditer(text):
            if m.start() > i:  # whitespace before the word: at the last position
                out.add(text[i:m.start()], last[0], last[1], 0)
            word = m.group()
            stop = self.pos + self.WINDOW + len(word)
            at = -1
            if first:  # the text right after a start tag: prefer '>word'
                at = self.src.find(">" + word, self.pos, stop)
                at = at + 1 if at >= 0 else -1
            if at < 0:
                at = self.src.find(word, self.pos, stop)
            first = False
            if at >= 0 and "\n" not in word:
                ln, co = self.where(at)
                out.add(word, ln, co, 1)
                self.pos = at + len(word)
                last = (ln, co + len(word))
            else:
                out.add(word, last[0], last[1], 0)
            i = m.end()
        if i < len(text):
            out.add(text[i:], last[0], last[1], 0)


def _tag(el: Any) -> Optional[str]:
    t = el.tag
    return t.lower() if isinstance(t, str) else None  # comments/PIs have callables


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN.search(style))


def _span(el: Any, name: str, cap: int) -> int:
    try:
        return max(1, min(int(str(el.get(name, "1")).strip().rstrip(";") or 1), cap))
    except ValueError:
        return 1


class _Walker:
    """Walks the tree iteratively (no recursion), emitting Lines."""

    def __init__(self, loc: _Locator, limits: Limits, deadline: Deadline) -> None:
        self.loc = loc
        self.limits = limits
        self.deadline = deadline
        self.lines: list[Line] = []
        self.block = Builder()
        self.tables = 0
        self.elements = 0

    def count(self) -> None:
        self.elements += 1
        if self.elements > self.limits.max_elements:
            raise LoadError("GL908", f"HTML 元素数量超过上限 {self.limits.max_elements}",
                            f"the HTML has more than {self.limits.max_elements} elements")
        if self.elements % 5000 == 0:
            self.deadline.check()

    def flush(self) -> None:
        b = self.block.collapsed()
        if b.has_text():
            self.lines.append(b.to_line())
        self.block = Builder()

    def text_of(self, el: Any, out: Builder) -> None:
        """All visible text under ``el`` (used for table cells), iteratively."""
        if el.text:
            self.loc.place(el.text, out, True)
        stack: list[Any] = [(el, iter(el))]
        while stack:
            parent, it = stack[-1]
            child = next(it, None)
            if child is None:
                stack.pop()
                if stack and parent.tail:
                    self.loc.place(parent.tail, out, False)
                continue
            self.count()
            tag = _tag(child)
            if tag is None or tag in _SKIP or _hidden(child):
                if child.tail:
                    self.loc.place(child.tail, out, False)
                continue
            if tag in ("br", "p", "div", "li"):
                ln, co = self.loc.where(self.loc.pos)
                out.add(" ", ln, co, 0)
            self.loc.hint(child.sourceline)
            if child.text:
                self.loc.place(child.text, out, True)
            if len(stack) >= self.limits.max_depth:
                self._too_deep()
            stack.append((child, iter(child)))

    def _too_deep(self) -> None:
        raise LoadError("GL908", f"HTML 嵌套层数超过上限 {self.limits.max_depth}",
                        f"the HTML is nested deeper than {self.limits.max_depth} levels")

    def walk(self, root: Any) -> None:
        stack: list[Any] = [(root, iter(root))]
        self.enter(root)
        while stack:
            el, it = stack[-1]
            child = next(it, None)
            if child is None:
                stack.pop()
                self.leave(el)
                if stack and el.tail:
                    self.loc.place(el.tail, self.block, False)
                continue
            self.count()
            tag = _tag(child)
            if tag is None or tag in _SKIP or _hidden(child):
                if child.tail:
                    self.loc.place(child.tail, self.block, False)
                continue
            if tag == "table" and self.data_table(child):
                if child.tail:
                    self.loc.place(child.tail, self.block, False)
                continue
            if len(stack) >= self.limits.max_depth:
                self._too_deep()
            self.enter(child)
            stack.append((child, iter(child)))

    def enter(self, el: Any) -> None:
        tag = _tag(el)
        if tag in _BLOCK or tag == "br":
            self.flush()
        self.loc.hint(el.sourceline)
        if el.text:
            self.loc.place(el.text, self.block, True)

    def leave(self, el: Any) -> None:
        if _tag(el) in _BLOCK:
            self.flush()

    def data_table(self, table: Any) -> bool:
        """Emit ``table`` as grid rows if it is a data table; False if layout."""
        for inner in table.iter("table"):
            if inner is not table:
                return False
        rows = [tr for tr in table.iter("tr")]
        cells = [[c for c in tr if _tag(c) in ("td", "th")] for tr in rows]
        if any(len("".join(td.itertext())) > _LAYOUT_CELL for tds in cells for td in tds):
            return False  # a cell holding a whole article: page layout, not data
        if not rows or max((sum(_span(c, "colspan", 1000) for c in cs) for cs in cells),
                           default=0) < 2:
            return False
        self.flush()
        self.loc.hint(table.sourceline)
        cap = next((c for c in table if _tag(c) == "caption"), None)
        if cap is not None:
            b = Builder()
            self.text_of(cap, b)
            b = b.collapsed()
            if b.has_text():
                self.lines.append(b.to_line())
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        texts: dict[tuple[int, int], Line] = {}
        area = 0
        for r, (tr, tds) in enumerate(zip(rows, cells)):
            c = 0
            self.loc.hint(tr.sourceline)
            for td in tds:
                while (r, c) in owner:
                    c += 1
                rs = _span(td, "rowspan", len(rows) - r)
                cs = _span(td, "colspan", 1000)
                area += rs * cs
                if area > self.limits.max_elements:
                    raise LoadError("GL908", "HTML 表格的合并单元格范围过大",
                                    "an HTML table's rowspan/colspan grid is too large")
                self.loc.hint(td.sourceline)
                b = Builder()
                self.text_of(td, b)
                line = b.collapsed().to_line(fallback=self.loc.where(self.loc.pos))
                texts[(r, c)] = line
                for dr in range(rs):
                    for dc in range(cs):
                        owner.setdefault((r + dr, c + dc), (r, c))
                c += cs
            self.deadline.check()
        ncols = max((c for _, c in owner), default=-1) + 1
        emitted = 0
        for r in range(len(rows)):
            row: list[Line] = []
            covered: list[str] = []
            for c in range(ncols):
                o = owner.get((r, c))
                covered.append("" if o is None or o == (r, c) else "left" if o[0] == r else "above")
                if o == (r, c):
                    row.append(texts[o])
                else:
                    anchor = texts[o] if o else None
                    pos = (anchor.lines[0], anchor.cols[0]) if anchor else \
                        (rows[r].sourceline or 1, 1)
                    row.append(empty_cell(*pos))
            # a spacer row is skipped; a row of several empty cells is a blank data row
            # (表四 left empty): the parser must see it to point at it
            if any(cl.text for cl in row) or (emitted and sum(1 for cv in covered if not cv) >= 2):
                if not emitted:
                    self.tables += 1
                emitted += 1
                self.lines.append(row_line(row, self.tables, r + 1, list(range(1, ncols + 1)),
                                           covered))
        return True


def _parse(text: str, huge: bool) -> tuple[Any, bool]:
    from lxml import etree
    parser = etree.HTMLParser(huge_tree=huge, remove_comments=True, remove_pis=True,
                              no_network=True)
    try:
        root = etree.fromstring(text, parser)
    except (etree.XMLSyntaxError, ValueError) as e:
        raise LoadError("GL901", f"HTML 无法解析：{e}", f"cannot parse the HTML: {e}")
    deep = any("depth" in str(err.message).lower() for err in parser.error_log)
    return root, deep


@guarded("HTML 网页", "HTML page")
def load_html(path: str, data: bytes, limits: Limits) -> Document:
    """Read an HTML page into a Document (kind "html"), or raise LoadError."""
    text, enc = _decode(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    m = _XML_DECL.match(text)
    if m:  # lxml refuses str input with an encoding declaration; keep columns
        text = re.sub(r"[^\n]", " ", m.group()) + text[m.end():]
    if "<" not in text[:65536]:
        raise LoadError("GL901", "文件不是 HTML 网页（没有任何标签）",
                        "the file is not an HTML page (no tags at all)")
    deadline = Deadline(limits.max_seconds, " HTML 网页", "HTML page")
    root, deep = _parse(text, huge=False)
    if deep:  # libxml2 stopped at 256 levels; real (messy) pages may go deeper
        root, deep = _parse(text, huge=True)
        if deep:
            raise LoadError("GL908", "HTML 嵌套层数过深，无法完整解析",
                            "the HTML is nested too deeply to be parsed completely")
    if root is None:
        raise LoadError("GL901", "HTML 网页是空的", "the HTML page is empty")
    walker = _Walker(_Locator(text), limits, deadline)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    if not walker.lines:
        raise LoadError("GL901", "HTML 网页中没有可见的文字内容",
                        "the HTML page has no visible text")
    doc = Document(path=path, kind="html", encoding=enc, source_lines=text.split("\n"))
    doc.lines = walker.lines
    doc.title_line = _page_title(root, text)
    return doc


def _page_title(root: Any, src: str) -> Optional[Line]:
    """The <title> as a Line at its place in the source (None without one).

    Portal pages often show the report without any heading of its own; the
    browser tab's title is then the only place the report names itself.
    """
    from ..document import normalize_line

    el = root.find(".//title")
    title = " ".join("".join(el.itertext()).split()) if el is not None else ""
    m = re.search(r"<title[^>]*>\s*", src, re.I)
    if not title or m is None:
        return None
    where = _Locator(src).where(m.end())
    return normalize_line(title, where[0], where[1])
