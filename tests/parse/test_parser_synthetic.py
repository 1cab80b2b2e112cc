"""Each layout breakage real reports show, generated for both templates.

A report is generated with random values and exactly one kind of damage; the
parser must still map every cell to its canonical key with its value (or,
where the damage destroys information, report the cell missing and say why).
"""
from __future__ import annotations

import random

import pytest

from govlint.parse import parse_text
from gen.damage import Damage, build, random_values

TEMPLATES = ["2019", "2021"]


def _check_all(report, values, skip=()):
    assert report.template is not None
    bad = []
    for key, v in values.items():
        if key in skip:
            continue
        c = report.cell(key)
        if c is None or c.value is None or abs(c.value - v) > 1e-9:
            bad.append((key, v, c.value if c else None))
    assert not bad, bad[:10]


def _notes(report, kind):
    return [n for n in report.notes if n.kind == kind]


CASES = {
    "clean_space": Damage(),
    "clean_tab": Damage(layout="tab"),
    "wrapped_labels": Damage(wrap=True),
    "header_split_per_character": Damage(split_header=True),
    "numbers_inside_wrapped_label": Damage(numbers_in_label={"denied.third_party", "new", "licensing",
                                                             "unavailable.not_held"}),
    "last_number_on_next_line": Damage(last_on_next_line={"partial", "denied.state_secret", "rules"}),
    "last_number_after_next_label": Damage(last_after_next_label={"granted", "not_processed.duplicate"}),
    "tab_rows_shifted": Damage(layout="tab", shift={"new", "carried_over", "not_processed.confirm_reissue",
                                                    "total_handled", "penalty"}),
    "amounts_with_units": Damage(units=True),
    "kangxi_radicals": Damage(kangxi=True),
    "fullwidth_digits": Damage(fullwidth=True),
    "one_cell_per_line": Damage(one_cell_per_line=True, split_header=True),
    "labels_then_numbers": Damage(labels_then_numbers={"t3", "t2"}),
}


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_breakage_is_read_cell_exactly(template, case):
    rng = random.Random(f"{template}-{case}")
    values = random_values(template, rng)
    text = build(template, values, CASES[case], seed=rng.randint(0, 10 ** 6))
    report = parse_text(text, f"{case}.md")
    assert report.template == template
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    _check_all(report, values)
    assert not [n for n in report.notes if n.kind not in ("label_unrecognised",)], report.notes


@pytest.mark.parametrize("template", TEMPLATES)
def test_empty_cells_are_missing_not_shifted(template):
    rng = random.Random(template)
    values = random_values(template, rng)
    blanks = {"t3.new.research", "t3.granted.natural_person", "t2.rules.issued" if template == "2021"
              else "t2.rules.new_made"}
    d = Damage(layout="tab", blanks=blanks, slash_blanks={"t3.carry_forward.total"})
    report = parse_text(build(template, values, d), "blank.md")
    for key in blanks | {"t3.carry_forward.total"}:
        c = report.cell(key)
        assert c is not None and c.value is None, key
    _check_all(report, values, skip=blanks | {"t3.carry_forward.total"})
    blank_rows = {(n.table, n.row) for n in _notes(report, "cell_blank")}
    assert ("t3", "new") in blank_rows and ("t3", "carry_forward") in blank_rows


@pytest.mark.parametrize("template", TEMPLATES)
def test_missing_row_does_not_shift_the_others(template):
    rng = random.Random("missing" + template)
    values = random_values(template, rng)
    d = Damage(omit_rows={"denied.process_info", "enforcement"})
    report = parse_text(build(template, values, d), "missing.md")
    gone = {k for k in values if k.startswith(("t3.denied.process_info.", "t2.enforcement."))}
    _check_all(report, values, skip=gone)
    assert all(report.cell(k) is None for k in gone)
    missing = {(n.table, n.row) for n in _notes(report, "row_missing")}
    assert missing == {("t3", "denied.process_info"), ("t2", "enforcement")}


@pytest.mark.parametrize("template", TEMPLATES)
def test_extra_values_are_reported_and_the_rest_kept(template):
    rng = random.Random("extra" + template)
    values = random_values(template, rng)
    d = Damage(layout="tab", extra={"data": 7, "granted": 99})
    report = parse_text(build(template, values, d), "extra.md")
    _check_all(report, values)
    extra = {(n.table, n.row): n.data["extra"] for n in _notes(report, "extra_values")}
    assert extra == {("t4", "data"): ["7"], ("t3", "granted"): ["99"]}


def test_2021_report_keeping_the_2019_other_row():
    rng = random.Random("other")
    values = random_values("2021", rng)
    for col in ("natural_person", "commercial", "research", "social_welfare", "legal_service",
                "other_org", "total"):
        values[f"t3.other.{col}"] = float(rng.randint(1, 9))
    d = Damage(single_other_row=True)
    report = parse_text(build("2021", values, d), "other.md")
    subrows = {k for k in values if k.startswith("t3.other.") and k.count(".") == 3}
    _check_all(report, values, skip=subrows)
    notes = _notes(report, "subrows_missing")
    assert len(notes) == 1 and len(notes[0].data["rows"]) == 3
    # the rows after （六） are not shifted
    assert report.value("t3.total_handled.total") == values["t3.total_handled.total"]


def test_template_detected_from_tables_not_year():
    rng = random.Random("tpl")
    values = random_values("2019", rng)
    report = parse_text(build("2019", values, Damage(), year=2023), "old-form-2023.md")
    assert report.year == 2023 and report.template == "2019"
    _check_all(report, values)


def test_generator_damage_really_changes_the_text():
    """Guard against a generator that silently ignores an option."""
    values = random_values("2021", random.Random(1))
    clean = build("2021", values, Damage())
    for name, d in CASES.items():
        if name != "clean_space":
            assert build("2021", values, d) != clean, name


@pytest.mark.parametrize("template", TEMPLATES)
def test_label_typos_are_matched_approximately(template):
    rng = random.Random("typo" + template)
    values = random_values(template, rng)
    text = build(template, values, Damage())
    text = text.replace("5.属于三类内部事务信息", "5.属于三类内容事物信息")  # two typos
    text = text.replace("2.没有现成信息需要另行制作", "2.没有现存信息需另行制作")
    report = parse_text(text, "typo.md")
    _check_all(report, values)
    typos = {n.row for n in _notes(report, "label_typo")}
    assert typos == {"denied.internal_affairs", "unavailable.needs_creation"}


@pytest.mark.parametrize("template", TEMPLATES)
def test_pdf_page_furniture_between_rows_is_ignored(template):
    rng = random.Random("page" + template)
    values = random_values(template, rng)
    text = build(template, values, Damage(wrap=True))
    text = text.replace("（四）无法提供", "- 3 -\n\n（四）无法提供").replace(
        "（五）不予处理", "第 4 页 共 9 页\n（五）不予处理")
    _check_all(parse_text(text, "pages.md"), values)
