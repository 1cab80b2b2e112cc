"""The two pages of ``govlint serve``: the upload form and the result.

Plain HTML forms, no script of our own: the officer chooses files and
presses the button, the browser posts them, the answer is the result page.
The HTML report (one self-contained document) is shown in a sandboxed
``iframe`` through ``srcdoc``; the annotated copy and the JSON are offered
as ``data:`` links inside the page, so nothing is stored on the server to
be fetched later.
"""
from __future__ import annotations

import base64
from html import escape
from typing import Any

from .. import __version__

STYLE = """
body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",
"WenQuanYi Micro Hei",sans-serif;background:#f6f7f9;color:#1f2933}
header{background:#1f3a5f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85;font-size:13px}
main{max-width:1500px;margin:0 auto;padding:24px 32px}
.card{background:#fff;border:1px solid #d9dee5;border-radius:8px;padding:20px 24px;margin-bottom:20px}
.drop{border:2px dashed #9aa9bd;border-radius:8px;padding:28px;text-align:center;background:#fafbfc}
.drop input{font-size:15px}
button{background:#2f5c9a;color:#fff;border:0;border-radius:6px;padding:10px 28px;font-size:16px;
cursor:pointer;margin-top:14px}
.note{color:#5f6b7a;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d9dee5;padding:6px 10px;text-align:left}
th{background:#f3f5f8}td.num{text-align:right}
.error{color:#c62828}.warning{color:#a15c00}.info{color:#0b69a3}
.gl9{background:#fdecea;border-left:4px solid #c62828;padding:6px 10px;margin:4px 0}
iframe{width:100%;height:1600px;border:1px solid #d9dee5;border-radius:8px;background:#fff}
a.dl{display:inline-block;margin-right:12px}
.problem{border-left:4px solid #c62828;background:#fdecea;padding:12px 16px}
"""

ACCEPT = ".docx,.pdf,.html,.htm,.txt,.md"


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
            f'<header><h1>政府信息公开工作年度报告检查</h1><p>govlint {escape(__version__)} · '
            f"对照国办公开办函规定的格式、勾稽关系和公开要求检查年度报告</p></header>"
            f"<main>{body}</main></body></html>")


def upload_form(max_mb: float, max_files: int) -> str:
    """The start page: choose one or more reports and press 检查."""
    return _page("年度报告检查", f"""
<section class="card">
<form method="post" action="/check" enctype="multipart/form-data">
<div class="drop"><p>选择或拖入要检查的年度报告（可一次选择多个文件）</p>
<input type="file" name="files" id="files" multiple accept="{ACCEPT}">
<p class="note">支持 Word（.docx）、PDF、网页（.html）、文本（.txt、.md）；
每个文件不超过 {max_mb:g} MB，一次最多 {max_files} 个。</p></div>
<button type="submit" id="check">开始检查</button>
</form>
<p class="note">文件只在检查期间临时保存在本服务器上，检查完成后立即删除，不会保留或公开。
Word 文件可下载带批注（审核意见）的副本，在 Word 或 WPS 中逐条查看。</p>
</section>
<section class="card"><h2>接口</h2><p class="note">门户网站的内容管理系统可在发布前调用
<code>POST /api/check</code>（multipart/form-data，字段 <code>files</code>），返回 JSON：
每个问题的代码、级别、说明和位置，以及每份报告的发布机关、年度和模板。</p></section>""")


def _data_link(name: str, mime: str, b64: str, label: str, cls: str) -> str:
    return (f'<a class="dl {cls}" download="{escape(name)}" '
            f'href="data:{escape(mime)};base64,{b64}">{escape(label)}</a>')


def result_page(rows: list[dict[str, Any]], summary: str, report_html: str, json_text: str) -> str:
    """Per file: counts, GL9xx lines, downloads; then the HTML report itself."""
    body_rows = []
    for r in rows:
        meta = r["meta"]
        c = meta["counts"]
        links = []
        if r.get("annotated"):
            name, mime, b64 = r["annotated"]
            label = "下载带批注的 Word 文件" if name.lower().endswith(".docx") else "下载带注释的文本"
            links.append(_data_link(name, mime, b64, label, "annotated"))
        gl9 = "".join(f'<div class="gl9">{escape(code)} {escape(msg)}</div>' for code, msg in r["inputs"])
        body_rows.append(
            f'<tr><td>{escape(meta["filename"])}{gl9}</td><td>{escape(meta["issuer"] or "")}</td>'
            f'<td>{meta["year"] or ""}</td><td class="num error">{c["error"]}</td>'
            f'<td class="num warning">{c["warning"]}</td><td class="num info">{c["info"]}</td>'
            f'<td>{"".join(links)}</td></tr>')
    json_link = _data_link("govlint-检查结果.json", "application/json;charset=utf-8",
                           base64.b64encode(json_text.encode("utf-8")).decode("ascii"),
                           "下载全部结果（JSON）", "json")
    return _page("检查结果", f"""
<section class="card"><h2 id="verdict">{escape(summary)}</h2>
<table id="files"><thead><tr><th>文件</th><th>发布机关</th><th>年度</th><th>错误</th><th>警告</th>
<th>提示</th><th>下载</th></tr></thead><tbody>{"".join(body_rows)}</tbody></table>
<p>{json_link} <a href="/">检查其他报告</a></p></section>
<section class="card"><h2>检查报告</h2>
<iframe id="report" title="检查报告" sandbox="allow-scripts allow-popups" srcdoc="{escape(report_html)}"></iframe>
</section>""")


def problem_page(message: str, title: str = "无法检查") -> str:
    """A refused request (too large, no file …) explained in one sentence."""
    return _page(title, f'<section class="card"><div class="problem" id="problem">{escape(message)}</div>'
                        f'<p><a href="/">返回</a></p></section>')


