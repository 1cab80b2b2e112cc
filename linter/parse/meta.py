"""Title, issuer (发布机关), report year, section headings and dates.

Headings are found in two passes: first lines whose wording matches an
accepted variant of the template (in order, so the table row "四、结转下年度
继续办理" can never be taken for section 四), then, for sections still
missing, a line that opens with the right numeral but non-standard wording
(seed 002 replaced 六's heading with its statistics-period sentence).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..document import Line
from ..templates import Template, squash

NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(r"^(?:第(?P<n2>[一二三四五六])部分|(?P<n>[一二三四五六]))\s*[、.,:：]?\s*(?P<text>.*)$")
# "1、总体情况": Arabic numbering, accepted only with the official wording
_ARABIC = re.compile(r"^(?P<d>[1-6])\s*[、.．]\s*(?P<text>\D.*)$")
_NO_NUMERAL = re.compile(r"^[、.]\s*(?P<text>.+)$")
# anchored at the start only: the trailing markers are stripped by ``_strip_trailing``
# (a ``[*\s|]+$`` alternative retried at every position is quadratic in a run of spaces)
_LEAD = re.compile(r"^(?:\s*Page\s*\d+\s*[-—–]\s*)?[\s#>*=]+|^\s*Page\s*\d+\s*[-—–]\s*")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_DATE = re.compile(r"(?<!\d)(20\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")
_ISSUER_TAIL = re.compile(r"(人民政府|政府|办公室|办事处|局|委员会|委|厅|部|署|院|处|中心|乡|镇|街道|管委会|公司|所|站|队|会)$")


@dataclass
class Heading:
    number: int
    line: int  # index into lines
    text: str  # heading as written (normalised)
    standard: bool
    end_line: int  # last line index of a heading split over lines


def clean(text: str) -> str:
    """Strip markdown markers and stray spacing around a line (linear in its length)."""
    return _strip_trailing(_LEAD.sub("", text, count=1)).strip()


def _strip_trailing(text: str) -> str:
    """Drop trailing ``*``, ``|`` and spaces, in one pass from the end."""
    end = len(text)
    while end and (text[end - 1] in "*|" or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def _variant_match(sq: str, variants: list[str]) -> bool:
    for v in variants:
        if sq == v or (sq.startswith(v) and len(sq) - len(v) <= 4):
            return True
    return False


def find_headings(lines: list[Line], template: Template, row_labels: list[str]) -> list[Heading]:
    """Locate the six section headings (see module docstring)."""
    specs = {s.number: s for s in template.sections}
    found: dict[int, Heading] = {}
    last = 0
    texts = [clean(ln.text) for ln in lines]
    for i, text in enumerate(texts):
        if not text or len(text) > 60:
            continue
        m = _HEADING.match(text)
        num = None
        body = text
        if m:
            num = NUMERALS.index(m.group("n") or m.group("n2")) + 1
            body = m.group("text")
        elif _ARABIC.match(text):
            body = _ARABIC.match(text).group("text")  # numbered 1–6: found, but not standard
        else:
            m2 = _NO_NUMERAL.match(text)
            if m2:
                body = m2.group("text")
        sq = squash(body)
        if not sq:
            continue
        for number, spec in specs.items():
            if number <= last or number in found:
                continue
            end = i
            ok = _variant_match(sq, spec.variants)
            if not ok and len(sq) >= 4 and any(v.startswith(sq) for v in spec.variants):
                j = i + 1  # heading split over lines
                while j < len(texts) and not texts[j]:
                    j += 1
                if j < len(texts) and _variant_match(sq + squash(texts[j]), spec.variants):
                    ok, end = True, j
            if ok:
                standard = num == number
                found[number] = Heading(number, i, text if end == i else text + texts[end],
                                        standard, end)
                last = number
                break
    # second pass: right numeral, non-standard wording
    labels = set(row_labels)
    for number in range(1, 7):
        if number in found:
            continue
        lo = max([h.end_line + 1 for n, h in found.items() if n < number], default=0)
        hi = min([h.line for n, h in found.items() if n > number], default=len(lines))
        for i in range(lo, hi):
            m = _HEADING.match(texts[i])
            if not m or NUMERALS.index(m.group("n") or m.group("n2")) + 1 != number:
                continue
            sq = squash(m.group("text"))
            if not sq or any(sq.startswith(lb) or lb.startswith(sq) for lb in labels):
                continue
            found[number] = Heading(number, i, texts[i][:60], False, i)
            break
    return [found[n] for n in sorted(found)]


@dataclass
class Title:
    text: str
    line: int
    end_line: int
    issuer: Optional[str]
    year: Optional[int]


def _issuer_from_title(title: str, year_match: Optional[re.Match]) -> str:
    """The body named in a title: before the year ("红旗区人民政府2020年…"),
    or between the year and 政府信息公开 ("2019年上海市人民政府办公厅政府信息…"),
    or, without a year, before 政府信息公开."""
    head = title[:year_match.start()] if year_match else ""
    head = re.sub(r"^关于", "", head).strip(" ：:")
    if head:
        return head
    rest = title[year_match.end():] if year_match else title
    rest = re.sub(r"^\s*度", "", rest)
    m = re.search(r"政府信息(?:公开)?", rest)
    body = rest[:m.start()] if m else ""
    return re.sub(r"^关于", "", body).strip(" ：:的")


def find_title(lines: list[Line], first_heading: Optional[int]) -> Optional[Title]:
    """The report title: the first line naming 政府信息公开 and 报告/年报 before section 一."""
    limit = min(first_heading if first_heading is not None else 40, 40, len(lines))
    texts = [clean(ln.text) for ln in lines]
    for i in range(limit):
        t = texts[i]
        if (not t or "。" in t or len(t) > 80 or t.count(">") >= 2 or t.startswith("首页")
                or lines[i].text.lstrip().startswith((">", "＞"))):
            continue  # sentences and breadcrumb navigation ("首页 > 政务公开 > …", one crumb a line)
        joined, end = t, i
        if not re.search(r"(报告|年报)\s*$", t):
            j = i + 1
            while j < len(texts) and not texts[j]:
                j += 1
            if j < len(texts) and len(texts[j]) <= 12 and re.search(r"(报告|年报)$", texts[j]):
                joined, end = t + texts[j], j
        if "公开" not in joined or not re.search(r"(报告|年报)", joined):
            continue
        m = _YEAR.search(joined)
        if not m and not re.search(r"年度报告|年报", joined):
            continue
        year = int(m.group(1)) if m else None
        issuer = _issuer_from_title(joined, m)
        if not issuer:
            k = i - 1  # issuer on the line above ("九原区政务服务局 / 2022年…")
            while k >= 0 and not texts[k]:
                k -= 1
            if k >= 0 and len(texts[k]) <= 30 and _ISSUER_TAIL.search(texts[k]):
                issuer = texts[k]
        return Title(joined, i, end, issuer or None, year)
    return None


_TITLE_SEP = re.compile(r"\s*(?:[_|｜]|\s[-—–]+\s|--)\s*")


def page_title(line: Line) -> Optional[tuple[Title, int, int]]:
    """A report title inside a page's own title ("…年度报告_政务公开 - 某市人民政府"):
    the segment that names 政府信息公开 and 报告/年报, with its character range."""
    text = line.text
    start = 0
    for m in [*_TITLE_SEP.finditer(text), None]:
        end = m.start() if m else len(text)
        seg = text[start:end]
        if "公开" in seg and re.search(r"(报告|年报)", seg):
            year = _YEAR.search(seg)
            if year or re.search(r"年度报告|年报", seg):
                issuer = _issuer_from_title(seg, year)
                return Title(seg, 0, 0, issuer or None, int(year.group(1)) if year else None), start, end
        start = m.end() if m else len(text)
    return None


def find_signature_issuer(lines: list[Line]) -> Optional[str]:
    """The 落款 (signing body) on the line above the closing date, if any."""
    texts = [clean(ln.text) for ln in lines]
    idx = [i for i, t in enumerate(texts) if t]
    for pos in range(len(idx) - 1, max(len(idx) - 6, 0), -1):
        i = idx[pos]
        if _DATE.fullmatch(texts[i].strip("()（） ")) and pos > 0:
            prev = texts[idx[pos - 1]]
            if len(prev) <= 30 and _ISSUER_TAIL.search(prev):
                return prev
    return None


def find_dates(lines: list[Line]) -> list[tuple[str, int, int, int]]:
    """Dates on their own line (落款) or after 发布时间/发布日期: (iso, line, start, end)."""
    out = []
    for i, ln in enumerate(lines):
        t = ln.text
        for m in _DATE.finditer(t):
            rest = (t[:m.start()] + t[m.end():]).strip(" ()（）")
            if rest and not re.search(r"(发布|印发|成文)(时间|日期)\s*[:：]?\s*$", t[:m.start()]):
                continue
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                out.append((f"{y:04d}-{mo:02d}-{d:02d}", i, m.start(), m.end()))
    return out


# the report naming itself: "现公布XX2019年政府信息公开工作年度报告", "2019年度政府信息公开年报"
_SELF_NAMED = re.compile(r"(?<!\d)(20\d{2})\s*年度?[^。；，,]{0,24}?政府信息公开(?:工作)?(?:年度报告|年报)")
_FILE_YEAR = re.compile(r"(?<![0-9A-Za-z])(20\d{2})(?![0-9A-Za-z])")


def self_named_year(lines: list[Line], hi: int) -> Optional[int]:
    """The year in the first sentence that names the report itself, within ``lines[:hi]``.

    After the title this is what a report says of itself; the statistics
    period is what it says of its data, and a wrong period year is a
    finding (GL302), not the report's year.
    """
    for ln in lines[:hi]:
        m = _SELF_NAMED.search(ln.text)
        if m:
            return int(m.group(1))
    return None


def file_name_year(path: str) -> Optional[int]:
    """A year standing alone in the file name ("huaian-2024.pdf", "2019年报.docx"), if exactly one."""
    import os

    years = {int(y) for y in _FILE_YEAR.findall(os.path.basename(path)) if 2008 <= int(y) <= 2099}
    return years.pop() if len(years) == 1 else None


def most_common_year(lines: list[Line], lo: int, hi: int) -> Optional[int]:
    """The year named most often (as "20xx年") in ``lines[lo:hi]``: a fallback when the title has none.

    A tie goes to the year seen first; None when no year appears.
    """
    counts: dict[int, int] = {}
    for ln in lines[lo:hi]:
        for m in _YEAR.finditer(ln.text):
            y = int(m.group(1))
            counts[y] = counts.get(y, 0) + 1
    return max(counts, key=lambda y: counts[y]) if counts else None
