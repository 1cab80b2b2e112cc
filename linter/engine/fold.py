"""One root cause, one finding: fold consequences into the finding that explains them.

A table cut off after 三（三）7 makes three identities unverifiable; a report
that stops after section 三 lacks sections 四, 五, 六 and 表四.  Listing
every consequence as its own finding buries the one thing to fix, and a
supervisor counting "GL201" reads "unverifiable" as "does not balance".

Rules say what a finding reports absent (``covers``: cell keys,
"section:N", "table:tN") and what a consequential finding could not do
without (``needs``).  A finding is folded when everything it needs is
covered by findings that are themselves shown, directly or through a chain
(表四's absence folds into section 四's, and an identity over 表四 into
that).  What is folded stays on the finding it folds into (``folded``), so
JSON and ``--show-unverifiable`` can still list it; a finding whose cause
was not reported (the user ignored that rule) is shown as before.
"""
from __future__ import annotations

from ..model import Diagnostic


def fold(diags: list[Diagnostic]) -> list[Diagnostic]:
    """The findings to show, in their order; each folded one is appended to the
    ``folded`` list of the shown finding that covers its first need."""
    pending = [d for d in diags if d.needs]
    covered: dict[str, Diagnostic] = {}  # subject -> the shown finding that explains it
    for d in diags:
        if not d.needs:
            for c in d.covers:
                covered.setdefault(c, d)
    folded: set[int] = set()
    progress = True
    while pending and progress:
        progress = False
        for d in list(pending):
            if all(n in covered for n in d.needs):
                pending.remove(d)
                root = covered[min(d.needs)]
                root.folded += [d, *d.folded]
                d.folded = []
                folded.add(id(d))
                for c in d.covers:
                    covered.setdefault(c, root)
                progress = True
    return [d for d in diags if id(d) not in folded]
