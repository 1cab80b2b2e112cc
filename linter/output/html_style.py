"""The CSS and JavaScript inlined into the HTML report.

The report is one file a supervisor mails around or opens from a network
share, often on machines without internet: so no external fonts, scripts or
images, only the system's CJK fonts named in order of the platforms where
they exist (macOS, Windows, Linux).
"""
from __future__ import annotations

CSS = """
:root{--err:#c62828;--err-bg:#fdecea;--warn:#a15c00;--warn-bg:#fff3dc;--info:#0b69a3;
--info-bg:#e7f3fc;--line:#d9dee5;--muted:#5f6b7a;--head:#f3f5f8;--accent:#2f5c9a}
*{box-sizing:border-box}
html{scroll-behavior:smooth;scroll-padding-top:16px}
body{margin:0;background:#f6f7f9;color:#1f2933;font:14px/1.6 -apple-system,"PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",
"WenQuanYi Micro Hei","Segoe UI",sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header.page{background:#1f3a5f;color:#fff;padding:20px 32px}
header.page h1{margin:0 0 4px;font-size:22px;font-weight:600}
header.page .verdict{font-size:15px;opacity:.95}
header.page .meta{font-size:12px;opacity:.75;margin-top:4px}
main{padding:24px 32px;max-width:1600px;margin:0 auto}
section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:20px 24px;
margin-bottom:24px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h2{font-size:18px;margin:0 0 12px}h3{font-size:15px;margin:20px 0 8px}
.stats{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:8px}
.stat{border:1px solid var(--line);border-radius:6px;padding:8px 16px;min-width:120px;background:#fafbfc}
.stat b{display:block;font-size:22px;line-height:1.2}
.stat.error b{color:var(--err)}.stat.warning b{color:var(--warn)}.stat.info b{color:var(--info)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;vertical-align:middle}
thead th,tr.subhead th{background:var(--head);font-weight:600;text-align:center}
table.list th{background:var(--head);text-align:left}
table.list td.num,table.list th.num{text-align:right;font-variant-numeric:tabular-nums}
table.list tr:hover td{background:#f7f9fc}
.summary-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:20px}
.pill{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;line-height:20px;
font-weight:600;white-space:nowrap}
.pill.error{background:var(--err-bg);color:var(--err)}
.pill.warning{background:var(--warn-bg);color:var(--warn)}
.pill.info{background:var(--info-bg);color:var(--info)}
.zero{color:#b0b8c3}
.report-head{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
.report-head h2{word-break:break-all}
.report-meta{color:var(--muted);font-size:13px}
.report-body{display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:24px;align-items:start}
.report-body.single{grid-template-columns:minmax(0,1fr)}
aside.findings{position:sticky;top:12px;max-height:calc(100vh - 24px);overflow:auto;
border:1px solid var(--line);border-radius:8px;background:#fcfcfd}
aside.findings h3{margin:0;padding:10px 14px;border-bottom:1px solid var(--line);background:var(--head);
font-size:14px;position:sticky;top:0}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{padding:10px 14px;border-bottom:1px solid var(--line);border-left:4px solid transparent}
li.finding.error{border-left-color:var(--err)}li.finding.warning{border-left-color:var(--warn)}
li.finding.info{border-left-color:var(--info)}
li.finding:target{background:#fffbe6}
.fhead{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.fnum{font-weight:700;color:var(--muted);min-width:22px}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600}
.rname{color:var(--muted);font-size:12px}
.msg{margin:4px 0 2px}
.loc{font-size:12px;color:var(--muted)}
.loc a{margin-right:8px}
.tables{display:flex;flex-direction:column;gap:18px;margin-top:12px}
.rtable .pad{background:#fafbfc}
.rtable caption{caption-side:top;text-align:left;font-weight:600;padding:0 0 6px;font-size:14px}
.rtable td.v{text-align:right;font-variant-numeric:tabular-nums;min-width:56px;white-space:nowrap}
.rtable th.label{text-align:left;font-weight:400;background:#fff;min-width:200px;width:38%}
.rtable th.label.sub{padding-left:28px}
.rtable tr.group th{text-align:left;background:#fafbfc;font-weight:600}
.rtable td.blank{color:#98a2b3;background:#fafafa}
.rtable td.missing{color:#98a2b3;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#f0f1f3 4px,#f0f1f3 8px)}
.hit.error{background:var(--err-bg)!important;box-shadow:inset 0 0 0 2px var(--err)}
.hit.warning{background:var(--warn-bg)!important;box-shadow:inset 0 0 0 2px var(--warn)}
.hit.info{background:var(--info-bg)!important;box-shadow:inset 0 0 0 2px var(--info)}
table.rtable.hit.error,table.rtable.hit.warning,table.rtable.hit.info{background:transparent!important;
box-shadow:none}
table.rtable.hit.error{outline:2px solid var(--err)}table.rtable.hit.warning{outline:2px solid var(--warn)}
table.rtable.hit.info{outline:2px solid var(--info)}
:target.hit,.rtable :target{outline:3px solid #f5b700;outline-offset:-3px}
a.badge{display:inline-block;min-width:18px;height:18px;line-height:18px;border-radius:9px;
font-size:11px;font-weight:700;text-align:center;color:#fff;margin-left:4px;padding:0 4px;
vertical-align:1px;text-decoration:none}
a.badge.error{background:var(--err)}a.badge.warning{background:var(--warn)}a.badge.info{background:var(--info)}
.absent{border:1px dashed var(--line);border-radius:6px;padding:10px 14px;color:var(--muted)}
.source{font:13px/1.7 ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC","WenQuanYi Micro Hei Mono",
"Microsoft YaHei",monospace;border:1px solid var(--line);border-radius:6px;background:#fff;
overflow:auto;max-height:900px;tab-size:4}
.src-line{display:flex;border-bottom:1px solid #f2f3f5}
.src-line .ln{flex:0 0 56px;text-align:right;padding:0 10px;color:#98a2b3;background:#fafbfc;
border-right:1px solid var(--line);user-select:none}
.src-line .tx{flex:1;padding:0 10px;white-space:pre-wrap;word-break:break-all}
.src-line.hit .ln{color:#fff;font-weight:700}
.src-line.hit.error .ln{background:var(--err)}.src-line.hit.warning .ln{background:var(--warn)}
.src-line.hit.info .ln{background:var(--info)}
.src-line.gap .tx{color:#98a2b3}
mark{background:none;color:inherit;text-decoration:underline wavy;text-underline-offset:3px}
mark.error{text-decoration-color:var(--err);background:rgba(198,40,40,.08)}
mark.warning{text-decoration-color:var(--warn);background:rgba(161,92,0,.08)}
mark.info{text-decoration-color:var(--info);background:rgba(11,105,163,.08)}
details>summary{cursor:pointer;font-weight:600;margin:16px 0 8px}
.back{font-size:12px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
@media (max-width:1100px){.report-body{grid-template-columns:minmax(0,1fr)}
aside.findings{position:static;max-height:none}}
@media print{body{background:#fff}aside.findings{position:static;max-height:none}
.source{max-height:none}section.card{break-inside:avoid-page;box-shadow:none}}
"""

# open any collapsed <details> around the element an anchor points at, so
# links from the summary and the findings list always land on something visible
JS = """
(function(){
function reveal(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;
var el=document.getElementById(id);if(!el)return;var d=el.closest('details');
while(d){d.open=true;d=d.parentElement&&d.parentElement.closest('details');}
el.scrollIntoView({block:'center'});}
window.addEventListener('hashchange',reveal);window.addEventListener('DOMContentLoaded',reveal);
})();
"""
