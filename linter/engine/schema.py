"""The JSON Schema of a rule file (``rules/schema/rule.schema.json``).

The shipped JSON file is generated from :func:`build_schema` (``python -m
govlint.engine.schema > rules/schema/rule.schema.json``) so the per-kind
option schemas, which live next to each kind's code, cannot drift from it; a
test checks the file is up to date.
"""
from __future__ import annotations

import json
from typing import Any

from . import kinds_arith, kinds_structure, kinds_text  # noqa: F401 - registers the kinds
from .kinds_base import OPTION_SCHEMAS

TEXT = {"type": "object", "required": ["zh", "en"], "additionalProperties": False,
        "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}}

EXAMPLE = {
    "type": "object", "additionalProperties": False, "required": ["template", "year"],
    "properties": {
        "template": {"enum": ["2019", "2021"]},
        "year": {"type": "integer", "minimum": 2008, "maximum": 2100},
        "issuer": {"type": "string"},
        "title": {"type": "string"},
        "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "set": {"type": "object", "propertyNames": {"pattern": r"^t[234]\.[a-z_.]+$"},
                "additionalProperties": {"type": ["number", "null"]}},
        "remove_text": {"type": "array", "items": {"type": "string"}},
        "replace_text": {"type": "object", "additionalProperties": {"type": "string"}},
        "add_text": {"anyOf": [{"$ref": "#/$defs/add_text"},
                               {"type": "array", "items": {"$ref": "#/$defs/add_text"}}]},
        "omit_sections": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6}},
        "section_text": {"type": "object", "propertyNames": {"pattern": "^[1-6]$"},
                         "additionalProperties": {"type": "string"}},
        "options": {"type": "object"},
        "expect": {"type": "array", "items": {"$ref": "#/$defs/code"}},
        "note": {"type": "string"},
    },
}
# cross-report rules: the other mini-reports of the run, and a roster
EXAMPLE["properties"]["also"] = {"type": "array", "items": {
    "type": "object", "additionalProperties": False,
    "properties": {k: v for k, v in EXAMPLE["properties"].items() if k not in ("options", "expect")}}}
EXAMPLE["properties"]["roster"] = {"type": "array", "items": {
    "type": "object", "required": ["name"], "additionalProperties": False,
    "properties": {"name": {"type": "string", "minLength": 1},
                   "aliases": {"type": "array", "items": {"type": "string"}},
                   "level": {"type": "string"}}}}

RULE_PROPS: dict[str, Any] = {
    "code": {"$ref": "#/$defs/code"},
    "name": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
    "kind": {"enum": sorted(OPTION_SCHEMAS)},
    "severity": {"enum": ["error", "warning", "info"]},
    "message": TEXT,
    "messages": {"type": "object", "additionalProperties": TEXT},
    "summary": TEXT,
    "docs": {
        "type": "object", "required": ["rationale", "basis", "examples"], "additionalProperties": False,
        "properties": {
            "rationale": TEXT,
            "basis": {"type": "string", "minLength": 1},
            "examples": {
                "type": "object", "required": ["fail", "pass"], "additionalProperties": False,
                "properties": {"fail": {"type": "array", "items": {"$ref": "#/$defs/example"}},
                               "pass": {"type": "array", "items": {"$ref": "#/$defs/example"}}}},
        },
    },
    "when": {
        "type": "object", "additionalProperties": False,
        "properties": {
            "template": {"type": "array", "items": {"enum": ["2019", "2021"]}, "minItems": 1},
            "years": {"type": "object", "additionalProperties": False,
                      "properties": {"min": {"type": ["integer", "null"]}, "max": {"type": ["integer", "null"]}}},
            "issuer": {"type": "string"}, "not_issuer": {"type": "string"},
        },
    },
    "options": {"type": "object"},
    "extends": {"$ref": "#/$defs/code"},
    "url": {"type": "string"},
}
FULL = ["code", "name", "kind", "severity", "message", "summary", "docs"]


def rule_schema(kind: str | None = None) -> dict[str, Any]:
    """Schema of one rule; with ``kind``, its ``options`` are checked too."""
    props = dict(RULE_PROPS)
    if kind in OPTION_SCHEMAS:
        props["options"] = OPTION_SCHEMAS[kind]
    return {"type": "object", "additionalProperties": False, "properties": props,
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
