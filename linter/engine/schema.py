"""The JSON Schema of a rule file (``rules/schema/rule.schema.json``).

The shipped JSON file is generated from :func:`build_schema` (``python -m
govlint.engine.schema > rules/schema/rule.schema.json``) so the per-kind
option schemas, which live next to each kind's code, cannot drift from it; a
test checks the file is up to date.
"""
from __future__ import annotations

import json
from typing import Any

from . import kinds_arith, kinds_sections, kinds_structure, kinds_text  # noqa: F401 - registers the kinds
from .kinds_base import OPTION_SCHEMAS

TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
        "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}


def _d(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """``schema`` with a description (the reference pages and editors show it)."""
    return {**schema, "description": description}


EXAMPLE = {
    "type": "object", "additionalProperties": False, "required": ["template", "year"],
    "properties": {
        "template": _d({"enum": ["2019", "2021"]},
                       "Which official form the mini-report uses: \"2019\" (国办公开办函〔2019〕60号) or "
                       "\"2021\" (国办公开办函〔2021〕30号)."),
        "year": _d({"type": "integer", "minimum": 2008, "maximum": 2100}, "The report year."),
        "issuer": _d({"type": "string"}, "The issuing body (发布机关), in the title and the 落款; "
                                         "default 示例县人民政府办公室."),
        "title": _d({"type": "string"}, "Replace the whole title line."),
        "date": _d({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                   "The 落款 date, YYYY-MM-DD; default 20 January of the following year."),
        "set": _d({"type": "object", "propertyNames": {"pattern": r"^t[234]\.[a-z_.]+$"},
                   "additionalProperties": {"type": ["number", "null"]}},
                  "Table cells to change, by canonical key (t3.new.natural_person: 6); null leaves the "
                  "cell blank. Totals are not recomputed: set them too, or the example also breaks an "
                  "identity. Keys are checked against the example's template when the pack loads."),
        "remove_text": _d({"type": "array", "items": {"type": "string"}},
                          "Regular expressions (multi-line mode); every match is deleted."),
        "replace_text": _d({"type": "object", "additionalProperties": {"type": "string"}},
                           "Regular expression → replacement (\\1 refers to a group), applied to the "
                           "whole text, headings and tables included."),
        "add_text": _d({"anyOf": [{"$ref": "#/$defs/add_text"},
                                  {"type": "array", "items": {"$ref": "#/$defs/add_text"}}]},
                       "A paragraph ({section: N, text: …}) inserted at the start of section N's "
                       "prose; without section, before the 落款."),
        "omit_sections": _d({"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6}},
                            "Section numbers to leave out entirely (heading, prose and table)."),
        "section_text": _d({"type": "object", "propertyNames": {"pattern": "^[1-6]$"},
                            "additionalProperties": {"type": "string"}},
                           "Section number → prose that replaces the section's generated prose "
                           "(its heading and table stay)."),
        "options": _d({"type": "object"}, "Options merged over the rule's own for this example only."),
        "expect": _d({"type": "array", "items": {"$ref": "#/$defs/code"}},
                     "fail examples: other codes that must be reported too."),
        "note": _d({"type": "string"}, "A comment for readers; ignored."),
    },
}
# cross-report rules: the other mini-reports of the run, and a roster
EXAMPLE["properties"]["also"] = _d({"type": "array", "items": {
    "type": "object", "additionalProperties": False,
    "properties": {k: v for k, v in EXAMPLE["properties"].items() if k not in ("options", "expect")}}},
    "Cross-report (GL7xx) rules: more mini-reports checked in the same run, each with the fields "
    "above; template, year and issuer default to this example's.")
EXAMPLE["properties"]["roster"] = _d({"type": "array", "items": {
    "type": "object", "required": ["name"], "additionalProperties": False,
    "properties": {"name": {"type": "string", "minLength": 1},
                   "aliases": {"type": "array", "items": {"type": "string"}},
                   "level": {"type": "string"}}}},
    "Cross-report rules: the run's roster (as --roster gives it), one {name, aliases, level} per unit.")

RULE_PROPS: dict[str, Any] = {
    "code": _d({"$ref": "#/$defs/code"}, "Stable code: two to four capital letters and three digits "
                                         "(GL is govlint's; a province picks its own prefix, e.g. GLX)."),
    "name": _d({"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"}, "kebab-case name."),
    "kind": _d({"enum": sorted(OPTION_SCHEMAS)}, "The generic check this rule configures "
                                                "(`govlint kinds`)."),
    "severity": _d({"enum": ["error", "warning", "info"]}, "Default severity (config `severity:` "
                                                           "overrides it)."),
    "message": _d(TEXT, "The finding, {zh, en}; {placeholders} are filled by the kind."),
    "messages": _d({"type": "object", "additionalProperties": TEXT},
                   "Named message variants some kinds use for different cases (see the kind's page)."),
    "summary": _d(TEXT, "One line for `govlint rules`, {zh, en}."),
    "docs": _d({
        "type": "object", "required": ["rationale", "basis", "examples"], "additionalProperties": False,
        "properties": {
            "rationale": TEXT,
            "basis": {"type": "string", "minLength": 1},
            "examples": {
                "type": "object", "required": ["fail", "pass"], "additionalProperties": False,
                "properties": {"fail": {"type": "array", "items": {"$ref": "#/$defs/example"}},
                               "pass": {"type": "array", "items": {"$ref": "#/$defs/example"}}}},
        },
    }, "rationale {zh, en}, basis (the official document), examples {fail: […], pass: […]}: "
       "mini-reports `govlint test` runs."),
    "when": _d({
        "type": "object", "additionalProperties": False,
        "properties": {
            "template": _d({"type": "array", "items": {"enum": ["2019", "2021"]}, "minItems": 1},
                           "Only reports whose tables use one of these forms."),
            "years": _d({"type": "object", "additionalProperties": False,
                         "properties": {"min": {"type": ["integer", "null"]},
                                        "max": {"type": ["integer", "null"]}}},
                        "Only report years in [min, max] (either may be omitted)."),
            "issuer": _d({"type": "string"}, "Only issuers matching this regular expression (re.search)."),
            "not_issuer": _d({"type": "string"}, "Skip issuers matching this regular expression."),
        },
    }, "Gate: the rule runs only on reports that pass every condition given."),
    "options": _d({"type": "object"}, "The kind's options (`govlint kind NAME`)."),
    "extends": _d({"$ref": "#/$defs/code"},
                  "Start from another rule: its fields are copied, then this rule's fields replace "
                  "them, except options, when and messages, which merge key by key. Both rules run "
                  "unless replaces is true."),
    "replaces": _d({"type": "boolean"}, "With extends: switch the parent rule off, so only this one "
                                        "runs (a province tightening a built-in rule)."),
    "url": _d({"type": "string"}, "A documentation link shown with findings."),
}
FULL = ["code", "name", "kind", "severity", "message", "summary", "docs"]


def rule_schema(kind: str | None = None) -> dict[str, Any]:
    """Schema of one rule; with ``kind``, its ``options`` are checked too."""
    props = dict(RULE_PROPS)
    if kind in OPTION_SCHEMAS:
        props["options"] = OPTION_SCHEMAS[kind]
    return {"type": "object", "additionalProperties": False, "properties": props,
            "dependentRequired": {"replaces": ["extends"]},
            "if": {"required": ["extends"]}, "then": {"required": ["code", "extends"]},
            "else": {"required": FULL}}


def build_schema() -> dict[str, Any]:
    """The full rule-file JSON Schema, with each kind's ``options`` schema attached by ``kind`` value."""
    rule = rule_schema()
    rule["allOf"] = [{"if": {"required": ["kind"], "properties": {"kind": {"const": k}}},
                      "then": {"properties": {"options": s}}} for k, s in sorted(OPTION_SCHEMAS.items())]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govlint.invalid/schema/rule.schema.json",
        "title": "govlint rule file",
        "description": "A pack of govlint rules (YAML). See `govlint rule CODE` and the rule kinds in "
                       "govlint.engine.kinds_*.",
        "type": "object", "required": ["rules"], "additionalProperties": False,
        "properties": {"pack": {"type": "string"}, "description": {"type": "string"},
                       "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}}},
        "$defs": {"rule": rule, "example": EXAMPLE,
                  "code": {"type": "string", "pattern": "^[A-Z]{2,4}[0-9]{3}$"},
                  "add_text": {"type": "object", "required": ["text"], "additionalProperties": False,
                               "properties": {"section": {"type": "integer", "minimum": 1, "maximum": 6},
                                              "text": {"type": "string"}}}},
    }


def schema_defs() -> dict[str, Any]:
    """The shared ``$defs`` the loader's per-kind validators resolve ``$ref`` against."""
    return build_schema()["$defs"]


if __name__ == "__main__":
    print(json.dumps(build_schema(), ensure_ascii=False, indent=2))
