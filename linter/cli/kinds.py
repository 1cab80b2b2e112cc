"""``govlint kinds`` and ``govlint kind NAME``: the rule authors' reference on the terminal.

The pages are the ones docs/ holds (:mod:`govlint.engine.reference` makes
both), so a province's developer offline, with only govlint installed, reads
the same reference as the one in the repository.
"""
from __future__ import annotations

from typing import Optional

import click

from .guards import usage_error


@click.command("kinds")
@click.option("--fields", is_flag=True, help="Print the fields every rule has (when, extends, replaces, "
                                             "examples, placeholders) instead of the list of kinds.")
def kinds_cmd(fields: bool) -> None:
    """List the YAML rule kinds (govlint kind NAME explains one)."""
    from ..engine.reference import kind_names, kind_summary, rules_page

    if fields:
        click.echo(rules_page(), nl=False)
        return
    names = kind_names()
    width = max(len(n) for n in names)
    for name in names:
        click.echo(f"{name:<{width}}  {kind_summary(name)}")
    click.echo("")
    click.echo("govlint kind NAME: options, placeholders, an example; govlint kinds --fields: when, extends, "
               "replaces, examples")


@click.command("kind")
@click.argument("name")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of usage errors (the reference itself is in English, like the README).")
def kind_cmd(name: str, lang: str) -> None:
    """Explain one rule kind: its options (type, default), message placeholders, a runnable example."""
    from ..engine.reference import kind_names, kind_page

    known: Optional[str] = next((k for k in kind_names() if k == name.strip().lower().replace("-", "_")), None)
    if known is None:
        import difflib

        near = difflib.get_close_matches(name.strip().lower().replace("-", "_"), kind_names(), n=1)
        zh_hint, en_hint = (f"，是否要找 {near[0]}", f", did you mean {near[0]}") if near else ("", "")
        usage_error(f"未知的规则类型：{name}{zh_hint}（可用 govlint kinds 查看全部类型）",
                    f"unknown rule kind: {name}{en_hint} (see `govlint kinds`)", lang)
    click.echo(kind_page(known), nl=False)


COMMANDS = [kinds_cmd, kind_cmd]
