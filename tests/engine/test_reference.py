"""The rule authors' reference stays in step with the code: docs/ is what the generator makes,
every option is described, every placeholder a kind fills is listed, every kind has a runnable
example."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govlint.engine import kinds_base, reference, rules_for
from govlint.engine.examples import example_diagnostics, run_examples
from govlint.engine.loader import YamlRule
from govlint.engine.pyrule import Rule

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
REGEN = "regenerate: python -m govlint.engine.reference docs"


def test_docs_are_what_the_generator_makes():
    pages = reference.pages()
    for rel, text in pages.items():
        path = DOCS / rel
        assert path.exists(), f"{rel} is missing; {REGEN}"
        assert path.read_text("utf-8") == text, f"{rel} is stale; {REGEN}"
    on_disk = {p.relative_to(DOCS).as_posix() for p in (DOCS / "kinds").glob("*.md")}
    assert on_disk == {k for k in pages if k.startswith("kinds/")}, f"a page of no kind; {REGEN}"


def test_every_option_of_every_kind_is_described():
    assert reference.undocumented_options() == []


def test_an_undescribed_option_is_caught(monkeypatch):
    schema = dict(kinds_base.OPTION_SCHEMAS["plausibility"])
    schema["properties"] = {**schema["properties"], "new_option": {"type": "integer"}}
    monkeypatch.setitem(kinds_base.OPTION_SCHEMAS, "plausibility", schema)
    assert reference.undocumented_options() == ["plausibility.new_option"]


def test_every_rule_when_and_example_field_is_described():
    assert reference.undocumented_fields() == []


def test_an_undescribed_example_field_is_caught(monkeypatch):
    from govlint.engine import schema

    monkeypatch.setitem(schema.EXAMPLE["properties"], "new_field", {"type": "string"})
    monkeypatch.setitem(schema.RULE_PROPS["when"]["properties"], "new_gate", {"type": "string"})
    assert reference.undocumented_fields() == ["example.new_field", "when.new_gate"]


def test_every_kind_has_a_passing_runnable_example():
    blocks = reference.example_blocks()
    assert set(blocks) == set(kinds_base.KINDS), "rules/reference/kinds.yaml: one example rule per kind"
    results = run_examples([ROOT / "rules" / "reference" / "kinds.yaml"])
    assert results and all(r.ok for r in results), [f"{r.label}: {r.detail}" for r in results if not r.ok]


def _documented(kind: str) -> set[str]:
    kd = kinds_base.KIND_DOCS[kind]
    names = {p for p in kd.placeholders if p.isidentifier()}
    for text in kd.variants.values():  # variants may name their own ({summary}, {count} …)
        names |= set(re.findall(r"\{(\w+)\}", text))
    return names


def _recorded(monkeypatch) -> dict[str, set[str]]:
    """Every placeholder name each kind passes, over every built-in and reference rule's examples."""
    seen: dict[str, set[str]] = {}
    original = Rule.diagnostic

    def spy(self, ctx, span, **kw):
        if isinstance(self, YamlRule):
            names = set(kw) - {"report", "message", "severity", "related", "path", "covers", "needs"}
            seen.setdefault(self.kind, set()).update(names)
        return original(self, ctx, span, **kw)

    monkeypatch.setattr(Rule, "diagnostic", spy)
    rules = list(rules_for().rules) + list(reference.example_rules().values())
    for rule in rules:
        for kind in ("fail", "pass"):
            for ex in rule.examples[kind]:
                example_diagnostics(ex, rules, rule)
    return seen


def test_every_placeholder_a_kind_fills_is_documented(monkeypatch):
    seen = _recorded(monkeypatch)
    assert set(seen) == set(kinds_base.KINDS), "some kind never made a finding in any example"
    for kind, names in seen.items():
        extra = set()
        if kind == "identity":  # {var}: the for_each variables, documented as such
            every = [*rules_for().rules, *reference.example_rules().values()]
            extra = {v for r in every if getattr(r, "kind", "") == kind for v in (r.options.get("for_each") or {})}
        if kind == "parse_note":  # "*": the note's own data
            continue
        assert names <= _documented(kind) | extra, f"{kind}: undocumented {sorted(names - _documented(kind))}"


@pytest.mark.parametrize("kind", sorted(kinds_base.KINDS))
def test_kind_page_shows_options_defaults_placeholders_and_example(kind):
    page = reference.kind_page(kind)
    for opt, sub in (kinds_base.OPTION_SCHEMAS[kind].get("properties") or {}).items():
        assert f"`{opt}`" in page
        if "default" in sub:
            assert reference.json.dumps(sub["default"], ensure_ascii=False) in page
    assert "```yaml" in page and f"kind: {kind}" in page
    assert re.search(r"^GLR\d{3} \S", page, re.M), "the example's finding is shown"


def test_rules_page_documents_fields_when_extends_and_example_fields():
    page = reference.rules_page()
    for field in ("not_issuer", "replaces", "section_text", "omit_sections", "replace_text", "remove_text",
                  "add_text", "`date`", "`issuer`", "`set`", "`expect`", "{year_prev}", "for_each"):
        assert field in page, field
    assert "Both rules run" in page and "key by key" in page


def test_the_hookspecs_python_rule_runs_as_written():
    """The rule shown in ``govlint_python_rules``'s docstring (where a plugin author looks first)
    is code that works: defined as written, its own examples pass through the real pipeline."""
    import textwrap
    import typing

    from govlint import hookspecs
    from govlint.engine.examples import check_rule_examples

    doc = hookspecs.govlint_python_rules.__doc__
    code = textwrap.dedent(doc.split("::\n", 1)[1].split("\n    What ", 1)[0])
    ns: dict = {"Iterable": typing.Iterable}
    exec(compile(code, "hookspecs.govlint_python_rules", "exec"), ns)
    rule = ns["FewLicensingDecisions"]()
    results = check_rule_examples(rule, [*rules_for().rules, rule])
    assert results and all(r.ok for r in results), [f"{r.label}: {r.detail}" for r in results]


def _yaml_rule_blocks(text: str) -> list[str]:
    """Every ```yaml block that is a pack or a list of rules, as a pack."""
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.M | re.S)
    return [b if b.startswith("rules:") else "rules:\n" + b for b in blocks
            if b.startswith("rules:") or b.startswith("- code:")]


@pytest.mark.parametrize("page", ["README.md", "docs/rules.md"])
def test_the_rules_shown_in_the_readme_and_the_reference_pass_their_examples(page, tmp_path):
    blocks = _yaml_rule_blocks((ROOT / page).read_text("utf-8"))
    assert blocks, f"{page} shows no rule"
    for i, block in enumerate(blocks):
        pack = tmp_path / f"block{i}.yaml"
        pack.write_text(block, encoding="utf-8")
        results = run_examples([pack])
        assert results and all(r.ok for r in results), (page, i, [f"{r.label}: {r.detail}" for r in results])
