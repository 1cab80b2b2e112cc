"""A minimal valid rule file that the loader tests bend into each mistake (one copy for all of them)."""

GOOD = """
rules:
- code: GLT101
  name: t-rule
  kind: text_pattern
  severity: warning
  options: {scope: 6, patterns: ['网址']}
  message: {zh: 缺少网址, en: no web address}
  summary: {zh: 网址, en: web address}
  docs:
    rationale: {zh: 因为, en: because}
    basis: 示例
    examples:
      fail: [{template: "2021", year: 2022}]
      pass: [{template: "2021", year: 2022, add_text: {section: 6, text: 网址：http://x}}]
"""
