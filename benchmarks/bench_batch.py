"""Cost of the cross-report stage (GL7xx) for a supervisor's run of N reports.

Usage:
    python benchmarks/bench_batch.py [--reports 1000] [--repeat 3]

Builds N synthetic reports in memory (about N/3 units over three years,
each with its own sections 一 and 五, a few of them copied), parses them
once, then times only the batch stage: grouping into units, every GL7xx
rule, the MinHash LSH search across units.  Prints the median of the
repeats.  A measurement, not a test: nothing here asserts on time.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

PLACES = "东西南北中青山河湖江海松柏桃李梅兰竹菊金银铜铁安平康宁"
BODIES = ["人民政府", "人民政府办公室", "教育体育局", "卫生健康局", "财政局", "自然资源局", "水利局", "农业农村局",
          "民政局", "审计局", "司法局", "应急管理局"]
WORDS = ("政策 解读 公开 目录 栏目 更新 答复 申请 培训 考核 平台 网站 新媒体 数据 开放 审核 发布 回应 关切 会议 "
         "预算 决算 项目 民生 救助 教育 医疗 环境 安全 交通 住房 就业 农业 文化 旅游 执法 监管 服务 指南 清单").split()


def _prose(rng: random.Random, n: int) -> str:
    return "".join("".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))) + "。" for _ in range(n))


def make_reports(n: int, seed: int = 7) -> list:
    from govlint.parse import parse_text
    from govlint.scaffold.synth import render_report

    rng = random.Random(seed)
    units = [f"示例{PLACES[i % len(PLACES)]}{PLACES[(i // len(PLACES)) % len(PLACES)]}县{BODIES[i % len(BODIES)]}"
             for i in range(n // 3 + 1)]
    out = []
    for i in range(n):
        unit, year = units[i // 3], 2020 + i % 3
        five = _prose(rng, 6)
        if i % 50 == 0 and out:  # now and then a unit copies another's 五
            five = "\n".join(ln.text for ln in out[-1].section_text(5))
        text = render_report("2019" if year == 2020 else "2021", year, unit,
                             section_text={1: _prose(rng, 8), 5: five})
        out.append(parse_text(text, f"r{i:05d}.md"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from govlint.batch import Batch, run_batch
    from govlint.config import Config

    t0 = time.perf_counter()
    reports = make_reports(args.reports)
    print(f"built and parsed {len(reports)} reports in {time.perf_counter() - t0:.1f} s (not counted)")
    run_batch(Batch(reports[:6]), Config())  # imports (datasketch, numpy) outside the timing
    times, found = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        diags = run_batch(Batch(reports), Config())
        times.append(time.perf_counter() - t)
        found = diags
    codes: dict[str, int] = {}
    for d in found:
        codes[d.code] = codes.get(d.code, 0) + 1
    med = statistics.median(times)
    print(f"batch stage, {len(reports)} reports: median {med:.2f} s over {args.repeat} runs "
          f"({med / len(reports) * 1000:.2f} ms/report); findings {dict(sorted(codes.items()))}")


if __name__ == "__main__":
    main()
