"""Human names for the places of a report: tables, rows, columns, sections, and
the source locators of DOCX/PDF/HTML table cells and paragraphs.

Why one module: messages (engine) and formatters (output) must name a cell the
same way, and those names are data — the template YAML
(``rules/templates/20xx.yaml``: ``label``/``label_en``, ``columns``/
``columns_en``, ``groups``/``groups_en``, ``title``/``title_en``,
``sections[].heading``/``heading_en``), read through :mod:`govlint.templates`,
so a plugin-registered template is named like a built-in one.  It sits in the
foundation beside ``templates``: loaders, rule kinds and formatters all import
it, and it imports no stage.

Two families: exact lookups (``row_label``, ``column_label`` …) answer None
for a key no template knows; the ``message_*`` names are what rule messages
print (never None, sub-rows prefixed by their group, long notes dropped), and
``form_cell_label`` is the full printed name reports' cell notes show.

Lookups try the report's own template first, then every loaded template,
newest first, so a key only an older form has still gets its printed name.

Locators (``Span.where``): loaders build them with :func:`where_text` from a
format key and numbers (``"cell"``, table 3, row 5, column 2 → 「表格3 第5行
第2列」); :func:`parse_where` recovers the key and numbers from the string and
:func:`render_where` prints it in the output language ("table 3, row 5,
column 2").  The Chinese string stays the stored form so every place that
copies a span keeps it, and existing JSON/SARIF consumers see no change.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Callable, Iterator, Optional

from .templates import TableSpec, Template, builtin_templates

NUMERALS = "一二三四五六七八九十"


def _memo(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Cache a lookup for the current set of templates (a plugin registering a
    template replaces ``builtin_templates()``'s dict, which empties the cache)."""
    cache: dict[Any, Any] = {}
    state: list[int] = [0]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ts = id(builtin_templates())
        if state[0] != ts:
            cache.clear()
            state[0] = ts
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = fn(*args, **kwargs)
            return value
        except TypeError:  # unhashable argument
            return fn(*args, **kwargs)

    return wrapper


def is_en(lang: Optional[str]) -> bool:
    """Any "en…" tag (en, en-US, EN) means English; everything else, including None, means Chinese."""
    return bool(lang) and str(lang).lower().startswith("en")


# ------------------------------------------------------------------ templates

def template_ids() -> tuple[str, ...]:
    """Ids of every loaded template (built-ins and plugin-registered)."""
    return tuple(builtin_templates())


_ORDER: dict[tuple[int, Optional[str]], list[Template]] = {}


def templates(template: Optional[str] = None) -> list[Template]:
    """Templates in lookup order: ``template`` first, then newest first.

    Memoised per loaded set: ``register_template`` makes ``builtin_templates``
    return a new dict, which starts a new memo."""
    ts = builtin_templates()
    memo_key = (id(ts), None if template is None else str(template))
    hit = _ORDER.get(memo_key)
    if hit is not None and hit[-1:] and all(ts.get(t.id) is t for t in hit):
        return hit
    order = sorted(ts.values(), key=lambda t: t.year_min or 0, reverse=True)
    first = ts.get(str(template)) if template is not None else None
    out = ([first] if first else []) + [t for t in order if first is None or t.id != first.id]
    if len(_ORDER) > 64:
        _ORDER.clear()
    _ORDER[memo_key] = out
    return out


def default_template(template: Optional[str] = None) -> Template:
    """The named template, else the newest one."""
    return templates(template)[0]


def table_specs(table: str, template: Optional[str] = None) -> Iterator[TableSpec]:
    """The table's specs across templates in lookup order, so a fallback can try older forms."""
    for t in templates(template):
        spec = t.tables.get(table)
        if spec is not None:
            yield spec


def table_spec(table: str, template: Optional[str] = None) -> Optional[TableSpec]:
    """The first template that defines ``table``; None when no loaded template has it."""
    return next(table_specs(table, template), None)


# --------------------------------------------------------------------- tables

@_memo
def table_label(table: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """「表三」 / "Table 3"."""
    spec = table_spec(table, template)
    return spec.table_label(lang) if spec else table


def table_title(table: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """The table's printed title; an unknown table falls back to its key rather than failing."""
    spec = table_spec(table, template)
    return spec.table_title(lang) if spec else table


@_memo
def table_full_label(table: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """「表三 收到和处理政府信息公开申请情况」."""
    spec = table_spec(table, template)
    return f"{spec.table_label(lang)} {spec.table_title(lang)}" if spec else table


def table_labels(lang: str = "zh") -> dict[str, str]:
    """Table key → 「表二」… over every loaded template."""
    out: dict[str, str] = {}
    for t in templates():
        for name, spec in t.tables.items():
            out.setdefault(name, spec.table_label(lang))
    return out


# ------------------------------------------------------------------- sections

@_memo
def section_heading(number: int, template: Optional[str] = None, lang: str = "zh") -> str:
    """The template's heading for a section number, from the first template defining it, else the number."""
    for t in templates(template):
        s = t.section(number)
        if s is not None:
            return s.heading_in(lang)
    return str(number)


def section_headings(lang: str = "zh", template: Optional[str] = None) -> dict[int, str]:
    """Number → heading over all templates (the first template in lookup order wins), sorted by number."""
    out: dict[int, str] = {}
    for t in templates(template):
        for s in t.sections:
            out.setdefault(s.number, s.heading_in(lang))
    return dict(sorted(out.items()))


def section_label(number: int, lang: str = "zh", template: Optional[str] = None) -> str:
    """「一、总体情况」 / "section 1 (overview)"."""
    heading = section_heading(number, template, lang)
    if is_en(lang):
        return f"section {number} ({heading})"
    numeral = NUMERALS[number - 1] if 1 <= number <= len(NUMERALS) else str(number)
    return f"{numeral}、{heading}"


# ----------------------------------------------------------------- rows, cols

_NOTE = re.compile(r"（区分处理的.*?）|\(区分处理的.*?\)")


def short_label(label: str) -> str:
    """Drop the long parenthesised note some labels carry (「（二）部分公开（区分…）」)."""
    return _NOTE.sub("", label)


@_memo
def row_label(table: str, row: str, lang: str = "zh", template: Optional[str] = None) -> Optional[str]:
    """Label of exactly this row key (a 表四 group key included); None when unknown."""
    for spec in table_specs(table, template):
        if spec.single_row:
            label = spec.group_label(row, lang)
            if label is not None:
                return label
        r = spec.row(row)
        if r is not None:
            return r.label_in(lang)
    return None


@_memo
def row_parent(table: str, row: str, lang: str = "zh", template: Optional[str] = None) -> Optional[str]:
    """Label of the group a dotted sub-row sits under (``denied.x`` → 「（三）不予公开」)."""
    if "." not in row:
        return None
    return row_label(table, row.rsplit(".", 1)[0], lang, template)


@_memo
def column_label(table: str, column: str, lang: str = "zh", template: Optional[str] = None,
                 row: Optional[str] = None) -> Optional[str]:
    """Label of a column; with ``row``, a template whose row has that column wins
    (表二 「采购总金额」 is a 2019 column even when the report is read as 2021)."""
    specs = list(table_specs(table, template))
    if row:
        for spec in specs:
            r = spec.row(row)
            if r is not None and column in r.columns:
                return spec.column_label(column, lang)
    for spec in specs:
        label = spec.column_label(column, lang)
        if label is not None:
            return label
    return None


def message_column_label(table: str, col: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """Printed column name for a message; an unknown column falls back to its key (words in English)."""
    label = column_label(table, col, lang, template)
    if label is None:
        return _words(col) if is_en(lang) else col
    return label


def message_row_label(table: str, row: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """A row as messages name it: 「（三）不予公开1.属于国家秘密」 (the group prefixed,
    long notes dropped), "(3) not disclosed: 1. state secret" in English;
    unknown keys fall back to their words rather than failing."""
    en = is_en(lang)
    label = row_label(table, row, lang, template)
    if label is None and "." not in row:
        return _words(row) if en else row
    if label is None:  # unknown sub-row: its key's words under the parent (en) / the key (zh)
        if not en:
            return row
        parent, _, rest = row.partition(".")
        head = row_label(table, parent, lang, template) or _words(parent)
        return f"{head}: " + " ".join(_words(p) for p in rest.split("."))
    if "." in row:
        parent = row_parent(table, row, lang, template)
        if parent:
            return f"{parent}: {label}" if en else f"{short_label(parent)}{short_label(label)}"
    return label if en else short_label(label)


def message_cell_label(key: str, lang: str = "zh", template: Optional[str] = None) -> str:
    """「表三 （一）予以公开 自然人」 / "Table 3, (1) granted, natural person" for a canonical key."""
    if len(key.split(".")) < 3:
        return key
    table, row, col = split_key(key)
    sep = ", " if is_en(lang) else " "
    return sep.join((table_label(table, lang), message_row_label(table, row, lang, template),
                     message_column_label(table, col, lang, template)))


def form_cell_label(table: Optional[str], row: Optional[str], column: Optional[str],
                    template: Optional[str] = None) -> str:
    """「表三 （三）不予公开 1.属于国家秘密 / 自然人」: the full printed names, for whatever part is known."""
    if not table:
        return ""
    out = table_label(table)
    if row:
        group = row_parent(table, row)
        label = row_label(table, row, "zh", template) or row
        out += " " + (f"{group} {label}" if group else label)
    if column:
        out += " / " + (column_label(table, column, "zh", template, row) or column)
    return out


def _words(key: str) -> str:
    return key.replace("_", " ")


def column_groups(table: str, template: Optional[str] = None) -> dict[str, list[str]]:
    """Header label → the columns it spans (表三 「法人或其他组织」)."""
    spec = table_spec(table, template)
    return {g.label: list(g.columns) for g in spec.column_groups} if spec else {}


def rows_before(table: str, template: Optional[str] = None) -> dict[str, str]:
    """Row key → heading row the form prints just before it (a level-1 group with
    no numbers of its own and no sub-rows: 「三、本年度办理结果」 before （一）)."""
    spec = table_spec(table, template)
    out: dict[str, str] = {}
    if spec is None:
        return out
    for prev, nxt in zip(spec.rows, spec.rows[1:]):
        if prev.group and "." not in prev.key and not nxt.group and "." not in nxt.key \
                and not prev.fallback_key:
            out[nxt.key] = prev.label
    return out


def split_key(key: str) -> tuple[str, str, str]:
    """``t3.denied.state_secret.total`` → (``t3``, ``denied.state_secret``, ``total``)."""
    parts = key.split(".")
    if len(parts) < 3:
        return parts[0], ".".join(parts[1:]), ""
    return parts[0], ".".join(parts[1:-1]), parts[-1]


# ------------------------------------------------------------------ locators

# format key → (Chinese, English); the Chinese form is what Span.where stores
WHERE_FORMATS: dict[str, tuple[str, str]] = {
    "cell": ("表格{table} 第{row}行 第{column}列", "table {table}, row {row}, column {column}"),
    "row": ("表格{table} 第{row}行", "table {table}, row {row}"),
    "paragraph": ("第{n}段", "paragraph {n}"),
}


def _where_regex(fmt: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", fmt)
    rx = "".join(re.escape(p) if i % 2 == 0 else rf"(?P<{p}>\d+)" for i, p in enumerate(parts))
    return re.compile(rf"^{rx}$")


_WHERE_RX = {k: _where_regex(zh) for k, (zh, _en) in WHERE_FORMATS.items()}


def where_text(kind: str, **numbers: int) -> str:
    """The stored locator for ``kind`` (a WHERE_FORMATS key) and its numbers."""
    return WHERE_FORMATS[kind][0].format(**numbers)


def parse_where(where: Optional[str]) -> Optional[tuple[str, dict[str, int]]]:
    """(format key, numbers) of a locator built by :func:`where_text`, else None."""
    if not where:
        return None
    for kind, rx in _WHERE_RX.items():
        m = rx.match(where)
        if m:
            return kind, {k: int(v) for k, v in m.groupdict().items()}
    return None


def render_where(where: Optional[str], lang: str = "zh") -> str:
    """The locator in the output language; a locator of unknown shape (a
    plugin loader's own) is printed as it is."""
    if not where:
        return ""
    parsed = parse_where(where)
    if parsed is None:
        return where
    kind, nums = parsed
    return WHERE_FORMATS[kind][1 if is_en(lang) else 0].format(**nums)


def where_data(where: Optional[str]) -> Optional[dict[str, Any]]:
    """The locator as data (``{"kind": "cell", "table": 3, "row": 5, "column": 2}``)."""
    parsed = parse_where(where)
    return {"kind": parsed[0], **parsed[1]} if parsed else None
