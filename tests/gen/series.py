"""A supervisor's folder: several units' reports over several years, consistent across years.

Each report balances on its own and with its unit's other years: 表三's
上年结转 is last year's 结转下年度继续办理 in every column, and (2021
format) 现行有效 = last year's + 本年制发 − 本年废止.  Sections 一 and 五 are
honestly different for every unit and year (sentences drawn from disjoint
pools), so an unbroken series gives no cross-report finding and a test can
break one identity at a time.  Reports are Markdown, or HTML through
:mod:`gen.build` (``fmt="html"``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from govlint.scaffold.synth import default_cells, render_report, t3_columns

ISSUERS = ["示例县人民政府", "示例县教育体育局", "示例县青山镇人民政府"]
YEARS = [2020, 2021, 2022]  # 2020 on the 2019 form, 2021 and 2022 on the 2021 form

TOPICS = ["乡村振兴项目", "营商环境政策", "疫情防控措施", "财政预决算", "重大建设项目", "教育招生入学",
          "医疗卫生服务", "生态环境监测", "安全生产检查", "社会救助标准", "就业创业补贴", "保障性住房分配",
          "公共交通线路", "文化旅游活动", "农业补贴发放", "城市管理执法", "食品药品抽检", "民生实事进展",
          "河湖长制落实", "养老服务设施", "征地拆迁补偿", "义务教育经费", "防汛抗旱预案", "耕地保护责任",
          "市场监管信用", "人才引进计划", "政府采购意向"]
ACTIONS = ["在门户网站开设专题栏目集中发布", "通过政务新媒体逐条解读", "在村务公开栏张贴并现场答疑",
           "以图解形式同步推送", "召开新闻发布会通报", "组织专家座谈并公开意见采纳情况", "按月更新办理进度",
           "汇编成册免费发放到户", "录制短视频在公众号播放"]
PROBLEMS = ["部分栏目更新滞后于实际工作", "政策解读多为文字，图解视频偏少", "基层人员兼职多，业务不熟",
            "依申请答复文书格式不统一", "历史文件清理不及时", "公开目录与实际内容对不上", "回应关切的时效不够快",
            "数据开放程度不高", "信息发布审核流程偏长"]
MEASURES = ["建立栏目责任清单，落实到人", "联合融媒体中心制作解读产品", "举办专题培训并开展业务考试",
            "统一答复文书模板并逐件复核", "年底前完成规范性文件全面清理", "对照目录逐项核查补缺",
            "设立咨询专线并限时回复", "分批发布高频数据集", "精简审核环节，实行限时审签"]


def prose(unit: int, year: int) -> dict[int, str]:
    """Sections 一 and 五 of one unit and year: sentences nobody else in the series uses."""
    k = unit * len(YEARS) + YEARS.index(year)
    one = "".join(f"全年围绕{TOPICS[3 * k + j]}，{ACTIONS[(k + j) % len(ACTIONS)]}。" for j in range(3))
    five = f"存在的主要问题：{PROBLEMS[k]}。改进情况：{MEASURES[k]}。"
    return {1: f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。{one}", 5: five}


def template_of(year: int) -> str:
    """The form a report year calls for."""
    return "2019" if year <= 2020 else "2021"


def _carry(unit: int, year: int) -> int:
    """Requests the unit carries into the next year, natural persons (varies by unit and year)."""
    return (unit + year) % 3


def cells(unit: int, year: int) -> dict[str, float]:
    """Balanced cells that chain with the unit's previous year."""
    template = template_of(year)
    c = default_cells(template)
    before, after = _carry(unit, year - 1), _carry(unit, year)
    new_np = 5 + after - before
    for col in t3_columns(template):
        c[f"t3.carried_over.{col}"] = 0.0
        c[f"t3.carry_forward.{col}"] = 0.0
    c["t3.carried_over.natural_person"] = c["t3.carried_over.total"] = float(before)
    c["t3.carry_forward.natural_person"] = c["t3.carry_forward.total"] = float(after)
    c["t3.new.natural_person"] = float(new_np)
    c["t3.new.total"] = float(new_np + c["t3.new.commercial"])
    if template == "2021":  # 现行有效 chains: 10 at the end of 2021, +3 −1 in 2022
        c.update({"t2.normative_docs.issued": 2.0 if year == 2021 else 3.0, "t2.normative_docs.repealed": 1.0,
                  "t2.normative_docs.in_force": 10.0 + 2 * (year - 2021)})
    return c


@dataclass
class Spec:
    """One report of the series; tests change a field to break one identity."""

    unit: int
    year: int
    issuer: str
    fmt: str = "md"
    cells: dict[str, float] = field(default_factory=dict)
    prose: dict[int, str] = field(default_factory=dict)
    name: Optional[str] = None  # file name; default from unit and year

    @property
    def filename(self) -> str:
        """``u{unit}-{year}.{fmt}`` unless named."""
        return self.name or f"u{self.unit}-{self.year}.{self.fmt}"


def series(fmt_by_year: Optional[dict[int, str]] = None) -> list[Spec]:
    """3 issuers × 3 years; 2021's reports as HTML by default (text and one other format)."""
    fmts = fmt_by_year or {2020: "md", 2021: "html", 2022: "md"}
    return [Spec(u, y, ISSUERS[u], fmts.get(y, "md"), cells(u, y), prose(u, y))
            for u in range(len(ISSUERS)) for y in YEARS]


def _html(spec: Spec) -> str:
    from .build import standard_content, to_html

    from govlint.scaffold.synth import fmt

    values = {k: fmt(v) for k, v in spec.cells.items()}
    content = standard_content(values, spec.year, template_of(spec.year), spec.issuer)
    content.preamble = []
    content.sections[0].blocks = [spec.prose[1]]
    content.sections[4].blocks = [spec.prose[5]]
    content.sections[5].blocks = ["本年度未收取信息处理费。" if spec.year >= 2021 else "无。"]
    return to_html(content)


def write(specs: list[Spec], folder: Path) -> list[Path]:
    """Write every report into ``folder``; returns the paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for s in specs:
        p = folder / s.filename
        if s.fmt == "html":
            p.write_text(_html(s), encoding="utf-8")
        else:
            p.write_text(render_report(template_of(s.year), s.year, s.issuer, dict(s.cells),
                                       section_text=dict(s.prose)), encoding="utf-8")
        out.append(p)
    return out
