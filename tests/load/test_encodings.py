"""The same report in every common Chinese encoding extracts identically."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gen.paths import SEEDS
from govlint.cli import main
from govlint.load.text import decode

ENCODINGS = {
    "gb18030": lambda s: s.encode("gb18030"),
    "utf-16": lambda s: s.encode("utf-16"),  # with BOM
    "utf-16-le-nobom": lambda s: s.encode("utf-16-le"),
    "utf-16-be-nobom": lambda s: s.encode("utf-16-be"),
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
}


def _extract(path) -> dict:
    res = CliRunner().invoke(main, ["extract", str(path)])
    assert res.exit_code == 0, res.output
    (data,) = json.loads(res.stdout)
    data.pop("path")
    return data


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("enc", sorted(ENCODINGS))
def test_reencoded_seed_extracts_identically(tmp_path, seed, enc):
    text = seed.read_text(encoding="utf-8")
    target = tmp_path / seed.name
    target.write_bytes(ENCODINGS[enc](text))
    assert _extract(target) == _extract(seed)


@pytest.mark.parametrize("enc", ["gb18030", "gbk", "gb2312", "big5", "utf-8"])
def test_decode_detects(enc):
    text = "红旗区人民政府2020年政府信息公开工作年度报告\n一、总体情况\n"
    if enc == "big5":
        text = "紅旗區人民政府2020年政府資訊公開工作年度報告\n一、總體情況\n"
    decoded, _ = decode(text.encode(enc))
    assert decoded == text
