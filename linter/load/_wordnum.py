"""Word automatic list numbering, rendered as text.

Report templates often number the section headings ("一、总体情况") and
sub-items ("（一）主动公开") with Word's list numbering, so the numerals are
not in the paragraph text at all.  Without them the parser could not see the
six sections; this module replays ``word/numbering.xml`` (abstract levels,
``lvlText`` such as "%1、", ``numFmt`` such as ``chineseCounting``, start
values and overrides) plus numbering inherited from paragraph styles.
"""
from __future__ import annotations

from typing import Any, Optional

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: Optional[Any]) -> Optional[str]:
    return None if el is None else el.get(_w("val"))


def _int(v: Optional[str], default: int) -> int:
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word counts)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else
                                    (_DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def fmt(n: int, kind: str) -> str:
    """Format counter ``n`` in Word's ``numFmt`` ``kind``."""
    if kind in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
                "taiwaneseCounting", "chineseLegalSimplified", "koreanCounting"):
        return chinese(n)
    if kind in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] if d.isdigit() else d for d in str(n)).replace("零", "〇")
    if kind == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if kind == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if kind in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if kind == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if kind == "upperLetter":
        return _letter(n)
    if kind == "lowerLetter":
        return _letter(n).lower()
    if kind == "upperRoman":
        return _roman(n)
    if kind == "lowerRoman":
        return _roman(n).lower()
    if kind in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Computes the list label ("一、", "（二）", "3.") of each numbered paragraph."""

    def __init__(self, numbering: Optional[Any], styles: Optional[Any]) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractId → levels
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractId, starts)
        self.style_num: dict[str, tuple[Optional[str], Optional[int], Optional[str]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            for st in styles.iter(_w("style")):
                sid = st.get(_w("styleId"))
                if not sid:
                    continue
                np_ = st.find(f"{_w('pPr')}/{_w('numPr')}")
                based = _val(st.find(_w("basedOn")))
                num_id = _val(np_.find(_w("numId"))) if np_ is not None else None
                ilvl = _val(np_.find(_w("ilvl"))) if np_ is not None else None
                self.style_num[sid] = (num_id, _int(ilvl, 0) if ilvl else None, based)

    def _read_numbering(self, root: Any) -> None:
        for ab in root.iter(_w("abstractNum")):
            aid = ab.get(_w("abstractNumId"))
            lv: dict[int, tuple[int, str, str]] = {}
            for lvl in ab.iter(_w("lvl")):
                il = _int(lvl.get(_w("ilvl")), 0)
                lv[il] = (_int(_val(lvl.find(_w("start"))), 1),
                          _val(lvl.find(_w("numFmt"))) or "decimal",
                          _val(lvl.find(_w("lvlText"))) or "")
            if aid is not None:
                self.levels[aid] = lv
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            aid = _val(num.find(_w("abstractNumId")))
            starts: dict[int, int] = {}
            for ov in num.iter(_w("lvlOverride")):
                so = ov.find(_w("startOverride"))
                if so is not None:
                    starts[_int(ov.get(_w("ilvl")), 0)] = _int(_val(so), 1)
            if nid is not None and aid is not None:
                self.nums[nid] = (aid, starts)

    def _style_numpr(self, sid: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        seen = 0
        while sid and seen < 20:
            num_id, ilvl, based = self.style_num.get(sid, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            sid, seen = based, seen + 1
        return None, None

    def prefix(self, p: Any) -> str:
        """The numbering label of paragraph ``p`` ("" when it is not numbered)."""
        if not self.nums:
            return ""
        ppr = p.find(_w("pPr"))
        num_id: Optional[str] = None
        ilvl: Optional[int] = None
        if ppr is not None:
            np_ = ppr.find(_w("numPr"))
            if np_ is not None:
                num_id = _val(np_.find(_w("numId")))
                il = _val(np_.find(_w("ilvl")))
                ilvl = _int(il, 0) if il is not None else None
            if num_id is None:
                num_id, s_ilvl = self._style_numpr(_val(ppr.find(_w("pStyle"))))
                ilvl = ilvl if ilvl is not None else s_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        aid, starts = self.nums[num_id]
        levels = self.levels.get(aid, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = starts.get(ilvl, levels[ilvl][0])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl][2]
        for k in range(8, -1, -1):
            if f"%{k + 1}" in text:
                lv = levels.get(k, (1, "decimal", ""))
                n = counters.get(k, starts.get(k, lv[0]))
                text = text.replace(f"%{k + 1}", fmt(n, lv[1]))
        return text
