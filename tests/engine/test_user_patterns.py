"""A rule pack's regular expression that backtracks for ever is stopped at the file's budget.

``(a|aa)+$`` over a run of "a" not at the end takes 2^n steps inside C code; with
``re`` no signal reaches it.  The patterns go through ``govlint.engine.userregex``
(the ``regex`` package's ``timeout=``): GL908 names the rule, the file's other
rules still report and the next file is checked.  The subprocess ``timeout``
is the harness's bound on a hang.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from govlint.scaffold.synth import render_report

PACK = textwrap.dedent("""
    rules:
    - code: GLZ120
      name: greedy
      kind: text_pattern
      severity: warning
      options: {mode: absent, patterns: ['(a|aa)+$']}
      message: {zh: 有 a, en: an a}
      summary: {zh: a, en: a}
      docs:
        rationale: {zh: 因为, en: because}
        basis: 示例
        examples:
          fail: [{template: "2021", year: 2022, add_text: {section: 6, text: aaaa}}]
          pass: [{template: "2021", year: 2022}]
    """)


def test_catastrophic_pack_pattern_is_gl908_naming_the_rule(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text("rule-files: [pack.yaml]\nlimits: {max-seconds: 2}\n",
                                            encoding="utf-8")
    d = tmp_path / "reports"
    d.mkdir()
    hostile = render_report("2021", 2022, cells={"t3.new.natural_person": 6, "t3.new.total": 7})
    (d / "a.md").write_text(hostile + "\n" + "a" * 60 + "！\n", encoding="utf-8")
    (d / "b.md").write_text(render_report("2021", 2022, cells={"t3.new.natural_person": 6, "t3.new.total": 7}),
                            encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", "reports"], capture_output=True,
                       text=True, cwd=tmp_path, timeout=120, env=dict(os.environ, NO_COLOR="1"))
    assert "Traceback" not in r.stderr, r.stderr
    stopped = [ln for ln in r.stdout.splitlines() if "GL908" in ln]
    assert len(stopped) == 1 and "GLZ120" in stopped[0] and "a.md" in stopped[0], r.stdout
    assert r.stdout.count(": GL201 ") == 4, r.stdout  # both files' own findings, the hostile one's too
