"""What ``govlint rule CODE`` prints: a rule's options with their current values, its
gate, and its examples in words.

Why words: an officer or a province's developer reads "表三 一、本年新收政府信息公开申请数量
自然人 = 6", not ``set={"t3.new.natural_person": 6}``; the cell names come from the
templates (:func:`govlint.labels.message_cell_label`), like every finding's.
"""
from __future__ import annotations

import json
from typing import Any

from .. import labels


def _q(text: Any, zh: bool) -> str:
    """Quoted, a line break shown as ↵ so that one change stays one line of the explanation."""
    text = str(text).replace("\r\n", "\n").replace("\n", "↵")
    return f"“{text}”" if zh else f'"{text}"'


def _value(v: Any, zh: bool) -> str:
    if v is None:
        return "空白" if zh else "blank"
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)  # an int prints exactly


def describe_example(ex: dict[str, Any], lang: str = "zh") -> list[str]:
    """The example as a sentence per change, in the order the example runner applies them."""
    zh = lang == "zh"
    tpl = str(ex.get("template"))
    out = [f"{tpl}年格式、{ex.get('year')}年度的示例报告" if zh
           else f"a clean {ex.get('year')} report on the {tpl} form"]
    if ex.get("note"):
        out.append(str(ex["note"]))
    if ex.get("issuer"):
        out.append(f"发布机关为{_q(ex['issuer'], zh)}" if zh else f"issued by {_q(ex['issuer'], zh)}")
    if ex.get("title"):
        out.append(f"标题改为{_q(ex['title'], zh)}" if zh else f"titled {_q(ex['title'], zh)}")
    if ex.get("date"):
        y, m, d = str(ex["date"]).split("-")
        out.append(f"落款日期为{int(y)}年{int(m)}月{int(d)}日" if zh else f"dated {ex['date']}")
    for key, v in (ex.get("set") or {}).items():
        out.append(f"{labels.message_cell_label(key, lang, tpl)} = {_value(v, zh)}")
    for n in ex.get("omit_sections") or []:
        out.append(f"删去{_q(labels.section_label(int(n), lang, tpl), zh)}整个部分" if zh
                   else f"without {labels.section_label(int(n), lang, tpl)}")
    for n, text in (ex.get("section_text") or {}).items():
        out.append(f"{_q(labels.section_label(int(n), lang, tpl), zh)}的正文改为{_q(text, zh)}" if zh
                   else f"the prose of {labels.section_label(int(n), lang, tpl)} replaced by {_q(text, zh)}")
    for pat, repl in (ex.get("replace_text") or {}).items():
        out.append(f"把匹配 {pat} 的文字改为{_q(repl, zh)}" if zh else f"text matching {pat} replaced by {_q(repl, zh)}")
    for pat in ex.get("remove_text") or []:
        out.append(f"删去匹配 {pat} 的文字" if zh else f"text matching {pat} removed")
    adds = ex.get("add_text") or []
    for add in [adds] if isinstance(adds, dict) else adds:
        if add.get("section"):
            where = labels.section_label(int(add["section"]), lang, tpl)
            out.append(f"在{_q(where, zh)}加上{_q(add['text'], zh)}" if zh
                       else f"{_q(add['text'], zh)} added to {where}")
        else:
            out.append(f"在落款前加上{_q(add['text'], zh)}" if zh else f"{_q(add['text'], zh)} added before the signature")
    if ex.get("options"):
        out.append(("本例的选项：" if zh else "options for this example: ")
                   + json.dumps(ex["options"], ensure_ascii=False))
    for other in ex.get("also") or []:  # a cross-report example's other mini-reports
        merged = {"template": tpl, "year": ex.get("year"), "issuer": ex.get("issuer"), **other}
        first, *rest = describe_example(merged, lang)
        out.append(("另一份报告：" if zh else "another report: ") + first
                   + ("；" if zh else "; ").join([""] + rest))
    for unit in ex.get("roster") or []:
        out.append(f"名册上有{_q(unit.get('name'), zh)}" if zh else f"the roster lists {_q(unit.get('name'), zh)}")
    if ex.get("expect"):
        out.append(("同时应报告 " if zh else "also expected: ") + ", ".join(ex["expect"]))
    return out


def options_lines(rule: Any, config: Any, lang: str = "zh") -> list[str]:
    """``key = value`` for each option in effect, marking those the configuration changed."""
    zh = lang == "zh"
    current = config.options_for(rule.code, rule.options)
    from_config = set((getattr(config, "options", {}) or {}).get(rule.code, {}) or {})
    out = []
    for key, value in current.items():
        mark = ("（来自配置文件）" if zh else "  (from the configuration)") if key in from_config else ""
        out.append(f"  {key} = {json.dumps(value, ensure_ascii=False)}{mark}")
    return out


def when_line(rule: Any, lang: str = "zh") -> str:
    """The ``when:`` gate in words; "" when the rule applies to every report."""
    w = rule.when or {}
    zh = lang == "zh"
    parts = []
    if w.get("template"):
        parts.append(("表格为" + "、".join(f"{t}年格式" for t in w["template"])) if zh
                     else "tables on the " + " or ".join(w["template"]) + " form")
    years = w.get("years") or {}
    if years.get("min") is not None or years.get("max") is not None:
        lo, hi = years.get("min"), years.get("max")
        parts.append((f"报告年度{lo or ''}–{hi or ''}") if zh else f"report years {lo or ''}–{hi or ''}")
    if w.get("issuer"):
        parts.append(f"发布机关匹配 {w['issuer']}" if zh else f"issuer matching {w['issuer']}")
    if w.get("not_issuer"):
        parts.append(f"发布机关不匹配 {w['not_issuer']}" if zh else f"issuer not matching {w['not_issuer']}")
    return ("；".join(parts)) if zh else "; ".join(parts)
