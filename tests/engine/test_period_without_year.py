"""GL301 (statistics period not stated) on a report whose year cannot be read:
the suggested sentence must not read "自年1月1日起" with the year left out."""
from __future__ import annotations

import re

import pytest

from govlint.runner import RunOptions, check_file
from govlint.scaffold.synth import render_report


def _report_without_year_or_period(tmp_path) -> str:
    text = render_report("2021", 2022)
    text = re.sub(r"本报告中所列数据的统计期限[^。]*。", "", text)
    text = re.sub(r"20\d\d\s*年", "", text)
    path = tmp_path / "r.txt"
    path.write_text(text, "utf-8")
    return str(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_period_message_without_a_year(lang, tmp_path):
    result = check_file(_report_without_year_or_period(tmp_path), RunOptions(lang=lang))
    assert result.report.year is None
    found = [d for d in result.diagnostics if d.code == "GL301"]
    assert len(found) == 1, [(d.code, d.message) for d in result.diagnostics]
    msg = found[0].message
    # no sentence with the year dropped out of it: "自年1月1日", "至年12月31日"
    assert not re.search(r"(?:自|至)\s*年", msg), msg
    assert "1月1日" in msg and "12月31日" in msg, msg
    if lang == "en":
        assert "year" in msg.lower(), msg


def test_period_message_with_a_year_names_it(tmp_path):
    text = re.sub(r"本报告中所列数据的统计期限[^。]*。", "", render_report("2021", 2022))
    path = tmp_path / "r.txt"
    path.write_text(text, "utf-8")
    found = [d for d in check_file(str(path), RunOptions()).diagnostics if d.code == "GL301"]
    assert len(found) == 1 and "自2022年1月1日起至2022年12月31日止" in found[0].message
