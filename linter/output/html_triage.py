"""Triage in the HTML report: filter the findings, sort the summary tables, order files naturally.

A supervisor with two hundred reports asks "who fails GL201?" and "what is
wrong with 红旗区's reports?": the summary's rule and issuer rows link to
their findings (the page then shows only those), a filter bar narrows the
findings by severity, rule and issuer, every summary table sorts by a click
on its head, and files are ordered as people number them (报告2 before
报告10).  All of it is a few lines of inline script over ``data-`` attributes,
so the page stays one file that needs no network; without script it is the
same report, unfiltered.
"""
from __future__ import annotations

import re
from html import escape
from typing import Iterable

from ..model import Severity
from .common import SEVERITIES, severity_label

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """「报告2」 < 「报告10」: digit runs compare as numbers, the rest as text."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in _DIGITS.split(text) if p)


def filter_bar(codes: Iterable[str], issuers: Iterable[str], en: bool) -> str:
    """The selects above the reports; empty choices mean "all"."""
    everything = "all" if en else "全部"

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
        return (f'<label>{escape(label)} <select data-filter="{name}" id="filter-{name}">'
                f'<option value="">{everything}</option>{opts}</select></label>')

    lang = "en" if en else "zh"
    sev = [(s.value, severity_label(s, lang)) for s in SEVERITIES]
    return ('<nav class="filters" id="filters">'
            + select("sev", "Severity" if en else "级别", sev)
            + select("rule", "Rule" if en else "规则", [(c, c) for c in sorted(set(codes))])
            + select("issuer", "Issuer" if en else "发布机关",
                     [(i, i) for i in sorted(set(issuers), key=natural_key)])
            + f'<button type="button" id="filter-clear">{"Show all" if en else "显示全部"}</button>'
            + '<span class="fcount" id="filter-count"></span></nav>')


def finding_data(code: str, severity: Severity, issuer: str) -> str:
    """The ``data-`` attributes a finding carries for the filters."""
    return f' data-code="{escape(code)}" data-sev="{severity.value}" data-issuer="{escape(issuer)}"'


def filter_link(kind: str, value: str, text: str) -> str:
    """A summary cell that shows only the findings of one rule or issuer when clicked."""
    return (f'<a class="filter-link" href="#filters" data-set-{kind}="{escape(value)}" '
            f'title="只看这些问题 / show these findings">{text}</a>')


TRIAGE_CSS = """
nav.filters{display:flex;gap:16px;align-items:center;flex-wrap:wrap;background:#fff;
border:1px solid var(--line);border-radius:8px;padding:10px 16px;margin-bottom:20px;
position:sticky;top:0;z-index:5}
nav.filters select{font:inherit;padding:2px 6px}
nav.filters button{font:inherit;padding:2px 12px;cursor:pointer}
.fcount{color:var(--muted);font-size:13px}
table.list th.sortable{cursor:pointer;user-select:none}
table.list th.sortable::after{content:" ↕";color:#b0b8c3;font-size:11px}
table.list th.asc::after{content:" ↑";color:var(--accent)}table.list th.desc::after{content:" ↓";color:var(--accent)}
.rtable td.part.error{background:rgba(198,40,40,.07);box-shadow:inset 0 0 0 1px rgba(198,40,40,.45)}
.rtable td.part.warning{background:rgba(161,92,0,.07);box-shadow:inset 0 0 0 1px rgba(161,92,0,.45)}
.rtable td.part.info{background:rgba(11,105,163,.07);box-shadow:inset 0 0 0 1px rgba(11,105,163,.45)}
[hidden]{display:none!important}
"""

TRIAGE_JS = """
(function(){
var sel={};document.querySelectorAll('select[data-filter]').forEach(function(s){sel[s.dataset.filter]=s;
s.addEventListener('change',apply);});
function apply(){var v={sev:sel.sev&&sel.sev.value,rule:sel.rule&&sel.rule.value,issuer:sel.issuer&&sel.issuer.value};
var on=v.sev||v.rule||v.issuer,shown=0;
document.querySelectorAll('li.finding').forEach(function(li){var ok=(!v.sev||li.dataset.sev===v.sev)&&
(!v.rule||li.dataset.code===v.rule)&&(!v.issuer||li.dataset.issuer===v.issuer);li.hidden=!ok;if(ok)shown++;});
document.querySelectorAll('section.report').forEach(function(sec){
sec.hidden=!!on&&!sec.querySelector('li.finding:not([hidden])');});
var c=document.getElementById('filter-count');if(c)c.textContent=on?(shown+' / '+
document.querySelectorAll('li.finding').length):'';}
document.addEventListener('click',function(e){var a=e.target.closest('a.filter-link');if(!a)return;
['sev','rule','issuer'].forEach(function(k){if(sel[k])sel[k].value=a.getAttribute('data-set-'+k)||'';});apply();});
var clr=document.getElementById('filter-clear');if(clr)clr.addEventListener('click',function(){
Object.keys(sel).forEach(function(k){sel[k].value='';});apply();});
function key(td){var t=(td&&td.textContent||'').trim();return t;}
document.querySelectorAll('table.list').forEach(function(tbl){var ths=tbl.querySelectorAll('thead th');
ths.forEach(function(th,i){th.classList.add('sortable');th.addEventListener('click',function(){
var asc=!th.classList.contains('asc');ths.forEach(function(h){h.classList.remove('asc','desc');});
th.classList.add(asc?'asc':'desc');var body=tbl.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a.cells[i]),y=key(b.cells[i]);var nx=parseFloat(x),ny=parseFloat(y);
var r=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)?nx-ny:x.localeCompare(y,'zh-CN',{numeric:true});
return asc?r:-r;});rows.forEach(function(r){body.appendChild(r);});});});});
})();
"""
