"""Who published a report (发布机关): detection from several places, and name matching.

Why several places: a web page often loses the title's issuer ("关于2021年度
政府信息公开工作的年度报告"), a PDF excerpt starts at 一、总体情况, and a
report may be signed (落款) by one body and titled by another.  Pairing a
report with last year's, and rules gated on the issuer (towns cannot make
规章), stand on this, so every source is tried, in order of trust:

1. the title (or the issuer line just above it, or above a repeat of it);
2. the 落款 (the signing body above the closing date);
3. the report's own first sentences: "现将XX2024年政府信息公开工作年度报告公布如下",
   "本报告由XX编制", or a sentence of 一 opening with the body's name;
4. a portal page's "来源："/"发布机构：" line (it names who posted the page —
   often a superior office — so it is used only when the report names nobody);
5. the file name ("红旗区科学技术局2022年报.pdf").

Two sources of the report's own text (title, 落款, the publishing sentence,
the file name) naming *different* bodies are recorded as a parser note; rule
GL310 reports it.  "Different" is :func:`same_body`: tolerant of wording
(人民政府/政府, 办公室/办, spaces, bracket width, a region prefix) but never
merging two bodies (区教育局 ≠ 区教育体育局; 县人民政府 ≠ 县人民政府办公室).
The batch stage pairs reports with the same functions.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..document import Line

# what an issuer's name ends with (the organ type)
TAIL = (r"(?:人民政府|政府|办公室|办公厅|办事处|街道办|党政办|局|委员会|委|厅|部|署|院|处|中心|"
        r"乡|镇|街道|管委会|管理委员会|公司|所|站|队|会|馆|社|团)")
_CJK = r"\u4e00-\u9fff"
_NAME = rf"[{_CJK}（）()]"
# an administrative-region segment: 江苏省, 淮安市, 衡东县, 二道区, 杨林镇 …
_LEVEL = r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗|镇|乡|街道)"
_SEGMENT = rf"[{_CJK}]{{1,9}}?{_LEVEL}"
_TAIL_END = re.compile(f"(?:{TAIL}|{_LEVEL})$")
_STARTS_WITH_REGION = re.compile(rf"^{_SEGMENT}")
_PRONOUN = re.compile(r"^(?:我|本|该|各|全|上级|下级)")
_YEAR = r"(?:20\d{2})\s*年度?"

# 3. the report's own sentences
_PUBLISH = re.compile(
    rf"(?:现将|现发布|特向社会公布|向社会公布|予以公布|现予公布|公布|发布|印发)\s*《?\s*"
    rf"(?P<name>{_NAME}{{2,40}}?)\s*{_YEAR}\s*(?:政府)?信息公开(?:工作)?(?:的)?(?:年度)?(?:报告|总体情况)?")
_COMPILED = re.compile(rf"由\s*(?P<name>{_NAME}{{2,40}}?)\s*(?:负责)?(?:组织)?编制")
_SUBJECT = re.compile(
    rf"^(?:{_YEAR}(?:以来)?\s*[,，、]?\s*)?(?P<name>{_NAME}{{2,30}}?{TAIL})"
    r"(?=认真|坚持|严格|深入|按照|围绕|在|以|紧密|紧紧|紧扣|全面|高度|持续|积极|进一步|始终|根据|依据|"
    r"结合|立足|聚焦|着力|不断|切实|扎实|大力|主动|贯彻|落实|加强|继续|依法|共|全年|本年|进一步|"
    r"牢固|强化|秉持|把|将|对|通过)")
# 4. portal lines
_PORTAL = re.compile(rf"(?:来源|信息来源|发布机构|发布单位|发文机关|发布机关)\s*[:：]\s*(?P<name>{_NAME}{{2,40}})")
# 5. file names
_FILENAME = re.compile(rf"^(?P<name>{_NAME}{{2,40}}?)\s*[-_ ]?\s*{_YEAR}")
# the 落款 date line
_DATE_LINE = re.compile(r"(?<!\d)(20\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")

# sources whose conflict is worth a warning (the report's own words, and the file name)
CONFLICT_SOURCES = ("title", "signature", "sentence", "filename")
SOURCE_ORDER = ("title", "signature", "sentence", "portal", "filename")


@dataclass
class Candidate:
    """One place that names the issuer: which source, the name, where (line index and columns)."""

    source: str  # title, signature, sentence, portal, filename
    name: str
    line: Optional[int] = None  # index into the document lines; None for the file name
    start: int = 0
    end: int = 0
    strong: bool = True  # a "subject of a sentence" or "compiled by" guess is weak: no conflict from it


def squash_name(name: str) -> str:
    """NFKC, no spaces or stray punctuation: the name as written, comparable."""
    s = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\u3000·:：,，。\"“”'‘’《》<>]", "", s)


def issuer_key(name: str) -> str:
    """A key two spellings of one body share: 人民政府 → 政府, 办公室 → 办,
    brackets of either width, spaces; a town or district without its
    "人民政府"/"办事处" suffix is the same body (红旗满族乡 = 红旗满族乡人民政府)."""
    s = squash_name(name).replace("(", "（").replace(")", "）")
    s = s.replace("人民政府", "政府").replace("办公室", "办").replace("办公厅", "厅")
    s = re.sub(r"街道(?:办事处|办)$", "街道", s)
    s = re.sub(rf"({_LEVEL})政府$", r"\1", s)
    return s


def region_forms(key: str) -> list[str]:
    """The key, then the key with each leading region segment removed while
    what is left still starts with a place of its own: "江苏省淮安市" →
    ["江苏省淮安市", "淮安市"]; "红旗区教育局" stays alone ("教育局" could be anyone's)."""
    out, k = [key], key
    while True:
        m = _STARTS_WITH_REGION.match(k)
        if not m or m.end() >= len(k):
            return out
        k = k[m.end():]
        if not _STARTS_WITH_REGION.match(k):
            return out
        out.append(k)


def same_body(a: Optional[str], b: Optional[str]) -> bool:
    """Whether two issuer names denote one body (see the module docstring)."""
    if not a or not b:
        return False
    ka, kb = issuer_key(a), issuer_key(b)
    return ka == kb or ka in region_forms(kb) or kb in region_forms(ka)


def _clean_name(name: str, need_tail: bool = True) -> Optional[str]:
    name = re.sub(r"^关于", "", name.strip(" ：:，,、"))
    name = squash_name(name)
    if len(name) < 2 or _PRONOUN.match(name) or (need_tail and not _TAIL_END.search(name)):
        return None
    return name


def _locate(lines: list[Line], i: int, name: str) -> Candidate:
    text = lines[i].text
    sq = squash_name(name)
    # the name's columns in the line (the line may have spaces inside the name)
    pos = text.find(name)
    if pos < 0:
        chars = [(k, ch) for k, ch in enumerate(text) if squash_name(ch)]
        joined = "".join(ch for _, ch in chars)
        at = joined.find(sq)
        if at >= 0:
            return Candidate("", sq, i, chars[at][0], chars[at + len(sq) - 1][0] + 1)
        return Candidate("", sq, i, 0, len(text))
    return Candidate("", sq, i, pos, pos + len(name))


def _cand(source: str, lines: list[Line], i: int, raw: str, strong: bool = True,
          need_tail: bool = True) -> Optional[Candidate]:
    name = _clean_name(raw, need_tail)
    if not name:
        return None
    c = _locate(lines, i, raw.strip(" ：:，,、"))
    c.source, c.name, c.strong = source, name, strong
    return c


def _complete(name: str, lines: list[Line]) -> str:
    """"县审计局" (the county's, written relatively) → "桃江县审计局" when the
    report spells the full name somewhere; any other name is kept."""
    if not re.match(r"^[县区市镇乡旗州][^县区市镇乡旗州]", name):
        return name
    pat = re.compile(rf"(?<![{_CJK}])([{_CJK}]{{2}})" + re.escape(name)
                     + rf"|(?:联系|请|向|由|致|至|:|：)([{_CJK}]{{2}})" + re.escape(name))
    for ln in lines:
        m = pat.search(squash_name(ln.text))
        if m:
            return (m.group(1) or m.group(2)) + name
    return name


def detect(lines: list[Line], title_line: Optional[int], title_issuer: Optional[str],
           first_heading: Optional[int], path: str) -> list[Candidate]:
    """Every candidate, in :data:`SOURCE_ORDER` (the first is the most trusted)."""
    texts = [ln.text.strip() for ln in lines]
    top = first_heading if first_heading is not None else min(len(lines), 40)
    out: list[Candidate] = []
    # 1. title
    if title_issuer and title_line is not None:
        # the title's issuer may stand on the line above the title
        at = next((k for k in (title_line, title_line - 1, title_line - 2)
                   if k >= 0 and squash_name(title_issuer) in squash_name(texts[k])), title_line)
        c = _cand("title", lines, at, title_issuer, need_tail=False)
        if c:
            out.append(c)
    elif title_line is not None:
        out += _title_above(lines, texts, title_line, top)
    if not any(c.source == "title" for c in out):
        out += _titlelike(lines, texts, top)
    # 2. 落款
    sig = _signature(lines, texts)
    if sig:
        out.append(sig)
    # 3. sentences before section 一 and in its first lines
    out += _sentences(lines, texts, top)
    # 4. portal lines
    for i in range(min(top, len(lines))):
        m = _PORTAL.search(texts[i])
        if m:
            c = _cand("portal", lines, i, m.group("name"))
            if c:
                out.append(c)
                break
    # 5. file name
    m = _FILENAME.match(os.path.splitext(os.path.basename(path))[0])
    if m:
        name = _clean_name(m.group("name"))
        if name:
            out.append(Candidate("filename", name, None))
    for c in out:
        c.name = _complete(c.name, lines)
    return sorted(out, key=lambda c: SOURCE_ORDER.index(c.source))


def _above(lines: list[Line], texts: list[str], i: int) -> Optional[Candidate]:
    k = i - 1
    while k >= 0 and not texts[k]:
        k -= 1
    if k >= 0 and len(texts[k]) <= 30 and "。" not in texts[k]:
        return _cand("title", lines, k, texts[k].lstrip("#> "))
    return None


def _title_above(lines: list[Line], texts: list[str], title_line: int, top: int) -> list[Candidate]:
    """A title without its issuer: the body may stand on the line above it, or
    above a repeat of the title further down (portal pages print it twice)."""
    title = squash_name(texts[title_line].lstrip("#> "))
    for i in range(title_line, min(top, len(lines))):
        if squash_name(texts[i].lstrip("#> ")) == title:
            c = _above(lines, texts, i)
            if c:
                return [c]
    return []


_TITLELIKE = re.compile(rf"^(?P<name>{_NAME}{{2,40}}?)\s*{_YEAR}\s*(?:政府)?信息公开")


def _titlelike(lines: list[Line], texts: list[str], top: int) -> list[Candidate]:
    """A garbled title ("昌图县七家子镇2023年政府信息公开 工作告年度报"): name, year, 信息公开."""
    for i in range(min(top, len(lines))):
        t = texts[i].lstrip("#> ")
        if "。" in t or len(t) > 80:
            continue
        m = _TITLELIKE.match(t)
        if m:
            c = _cand("title", lines, i, m.group("name"))
            if c:
                return [c]
    return []


def _signature(lines: list[Line], texts: list[str]) -> Optional[Candidate]:
    idx = [i for i, t in enumerate(texts) if t]
    for pos in range(len(idx) - 1, max(len(idx) - 6, 0), -1):
        i = idx[pos]
        if _DATE_LINE.fullmatch(texts[i].strip("()（） ")) and pos > 0:
            k = idx[pos - 1]
            if len(texts[k]) <= 30:
                return _cand("signature", lines, k, texts[k].lstrip("#> "))
    return None


def _sentences(lines: list[Line], texts: list[str], top: int) -> list[Candidate]:
    out: list[Candidate] = []
    hi = min(len(lines), top + 6)
    for i in range(hi):
        for m in _PUBLISH.finditer(texts[i]):
            c = _cand("sentence", lines, i, m.group("name"))
            if c:
                return [c]
    for i in range(hi):
        m = _COMPILED.search(texts[i])
        if m:
            raw = re.sub(r"(?:党政综合办公室|党政办公室|党政办|综合办公室)$", "", m.group("name"))
            c = _cand("sentence", lines, i, raw, strong=False)
            if c:
                out.append(c)
                break
    for i in range(top, hi) if top < len(lines) else ():
        m = _SUBJECT.match(texts[i])
        if m:
            c = _cand("sentence", lines, i, m.group("name"), strong=False)
            if c:
                out.append(c)
                break
    return out


def choose(cands: list[Candidate]) -> tuple[Optional[Candidate], list[Candidate]]:
    """The most trusted candidate, and the strong candidates that name another body.

    A portal line only counts when nothing else names the issuer, and never
    conflicts (it names who posted the page).
    """
    own = [c for c in cands if c.source != "portal"]
    chosen = own[0] if own else (cands[0] if cands else None)
    if chosen is None:
        return None, []
    conflicts = []
    for c in cands:
        if (c is chosen or not c.strong or not chosen.strong or c.source not in CONFLICT_SOURCES
                or same_body(c.name, chosen.name)):
            continue
        if any(same_body(c.name, o.name) for o in conflicts):
            continue
        conflicts.append(c)
    return chosen, conflicts
