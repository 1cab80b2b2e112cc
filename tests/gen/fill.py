"""Fill a `govlint template` the way an officer would.

Shared by the template tests and the LibreOffice round trip: the numbers
satisfy every identity of FORMAT.md, so a filled template must check clean
in every format it is converted to.
"""
from __future__ import annotations

import random
from pathlib import Path

from govlint.templates import Template

SPECIAL_T3 = ("new", "carried_over", "total_handled", "carry_forward")


def consistent_values(t: Template, seed: int) -> dict[str, float]:
    """Numbers that satisfy every identity of FORMAT.md (表三 per column and per
    row, 表四 per group, 表二 in-force plausibility)."""
    rng = random.Random(seed)
    v: dict[str, float] = {}
    t3 = t.tables["t3"]
    cols = list(t3.columns)
    person_cols, total_col = cols[:-1], cols[-1]
    subrows = [r.key for r in t3.rows if not r.group and r.key not in SPECIAL_T3]
    for c in person_cols:
        handled = 0
        for key in subrows:
            n = rng.randint(0, 3)
            v[f"t3.{key}.{c}"] = n
            handled += n
        forward = rng.randint(0, 2)
        carried = rng.randint(0, min(2, handled + forward))
        v[f"t3.total_handled.{c}"] = handled
        v[f"t3.carry_forward.{c}"] = forward
        v[f"t3.carried_over.{c}"] = carried
        v[f"t3.new.{c}"] = handled + forward - carried
    for r in t3.rows:
        if not r.group:
            v[f"t3.{r.key}.{total_col}"] = sum(v[f"t3.{r.key}.{c}"] for c in person_cols)
    t4 = t.tables["t4"]
    for g in t4.groups:
        parts = [rng.randint(0, 3) for _ in list(t4.columns)[:-1]]
        for c, n in zip(list(t4.columns)[:-1], parts):
            v[f"t4.{g}.{c}"] = n
        v[f"t4.{g}.total"] = sum(parts)
    for key in t.tables["t2"].expected_keys:
        v[key] = rng.randint(0, 9)
    if t.id == "2021":
        for row in ("rules", "normative_docs"):
            v[f"t2.{row}.in_force"] = v[f"t2.{row}.issued"] + rng.randint(0, 20)
    for key in [k for k in v if k.startswith("t2.rules.")]:
        v[key] = 0  # most issuers cannot make 规章 at all
    return v


def fill_docx(path: Path, t: Template, values: dict[str, float]) -> None:
    """Fill the Word template's blank cells by label, as an officer would in Word."""
    import docx

    fmt = lambda x: str(int(x))  # noqa: E731
    d = docx.Document(str(path))
    t2, t3, t4 = d.tables
    for table, name, ncols in ((t2, "t2", None), (t3, "t3", 7)):
        rows = {r.label: r for r in t.tables[name].rows if not r.group}
        for tr in table.rows:
            texts = [c.text for c in tr.cells]
            label = next((x for x in reversed(texts) if x in rows), None)
            if label is None:
                continue
            keys = rows[label].cell_keys(name)
            # 表三: the numbers are the last seven grid columns; 表二: right after the
            # label (a merged cell repeats in tr.cells, so one value may fill three)
            start = len(texts) - ncols if ncols else texts.index(label) + 1
            for k, cell in zip(keys, tr.cells[start:start + len(keys)]):
                assert cell.text == ""
                cell.paragraphs[0].add_run(fmt(values[k]))
    data_row = t4.rows[-1]
    for k, cell in zip(t.tables["t4"].expected_keys, data_row.cells):
        cell.paragraphs[0].add_run(fmt(values[k]))
    for p in d.paragraphs:
        if "收费通知" in p.text:
            for run in p.runs:
                if run.text.strip("　") == "":
                    run.text = "0"
    d.save(str(path))
