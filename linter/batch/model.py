"""Which reports belong together: units (one body however its name is spelled) and years.

Why units and not names: the same 人民政府 writes "政府" one year and
"人民政府" the next, adds its province in front, or uses full-width
brackets; pairing must survive that and must never merge two bodies
(:func:`govlint.parse.issuer.same_body`).  A roster fixes the names outright:
a report whose issuer matches a roster name or alias belongs to that unit.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import BatchRecord, Report
from ..parse.issuer import issuer_key, region_forms, same_body, squash_name
from .roster import Roster, RosterUnit


@dataclass(eq=False)
class Unit:
    """One body: the roster's entry, or the names of the run that denote it."""

    name: str  # the roster name, else the spelling seen most often
    names: list[str] = field(default_factory=list)
    roster: Optional[RosterUnit] = None

    def matches(self, name: str) -> bool:
        """Whether ``name`` denotes this body (any of its known spellings)."""
        return any(same_body(name, n) for n in self.names)


@dataclass(eq=False)
class Entry:
    """One report of the batch; ``previous`` when it came from ``--previous``."""

    report: BatchRecord  # what the rules read of the report (see BatchRecord)
    previous: bool = False
    unit: Optional[Unit] = None

    @property
    def path(self) -> str:
        """The report's file (for a data file from ``--previous``: the path it recorded)."""
        return self.report.path

    @property
    def year(self) -> Optional[int]:
        """The report year, None when the report does not say."""
        return self.report.year


class Batch:
    """The reports of one run, last year's, and the roster, grouped by unit and year."""

    def __init__(self, reports: Iterable[Report | BatchRecord], previous: Iterable[Report | BatchRecord] = (),
                 roster: Optional[Roster] = None):
        self.entries = [Entry(record_of(r)) for r in reports]
        self.previous = [Entry(record_of(r), previous=True) for r in previous]
        self.roster = roster
        self.units: list[Unit] = []
        self._by_unit_year: Optional[dict[tuple[int, int], list[Entry]]] = None
        self._assign()

    # ------------------------------------------------------------ grouping
    def _assign(self) -> None:
        if self.roster is not None:
            for ru in self.roster.units:
                self.units.append(Unit(ru.name, [ru.name, *ru.aliases], ru))
        # same_body(a, b) ⇔ a's key is one of b's region forms or the reverse:
        # two indexes make matching a name O(its forms), not O(units)
        by_form: dict[str, Unit] = {}
        by_key: dict[str, Unit] = {}

        def index(unit: Unit, name: str) -> None:
            key = issuer_key(name)
            by_key.setdefault(key, unit)
            for f in region_forms(key):
                by_form.setdefault(f, unit)

        for u in self.units:
            for n in u.names:
                index(u, n)
        everyone = [e for e in (*self.entries, *self.previous) if e.report.issuer]
        # fuller names first, so "江苏省淮安市人民政府" and "淮安市政府" meet under one unit
        for e in sorted(everyone, key=lambda e: (-len(e.report.issuer or ""), e.path)):
            name = squash_name(e.report.issuer or "")
            key = issuer_key(name)
            unit = by_form.get(key) or next((by_key[f] for f in region_forms(key) if f in by_key), None)
            if unit is None:
                unit = Unit(name)
                self.units.append(unit)
            if name not in unit.names:
                unit.names.append(name)
                index(unit, name)
            e.unit = unit
        for u in self.units:
            if u.roster is None:
                seen = Counter(squash_name(e.report.issuer or "") for e in everyone if e.unit is u)
                u.name = max(seen, key=lambda n: (seen[n], len(n), n)) if seen else u.name

    @property
    def all_entries(self) -> list[Entry]:
        """This run's entries, then last year's."""
        return [*self.entries, *self.previous]

    def groups(self) -> dict[tuple[Unit, Optional[int]], list[Entry]]:
        """This run's entries with a known issuer, by (unit, year), each list ordered by path."""
        out: dict[tuple[Unit, Optional[int]], list[Entry]] = {}
        for e in sorted(self.entries, key=lambda e: e.path):
            if e.unit is not None:
                out.setdefault((e.unit, e.year), []).append(e)
        return out

    def last_year(self, entry: Entry) -> Optional[Entry]:
        """The same unit's report of the year before (this run's first, then ``--previous``)."""
        if entry.unit is None or entry.year is None:
            return None
        if self._by_unit_year is None:
            self._by_unit_year = {}
            for e in sorted(self.all_entries, key=lambda e: (e.previous, e.path)):
                if e.unit is not None and e.year is not None:
                    self._by_unit_year.setdefault((id(e.unit), e.year), []).append(e)
        same = [e for e in self._by_unit_year.get((id(entry.unit), entry.year - 1), []) if e is not entry]
        return same[0] if same else None

    @property
    def run_year(self) -> Optional[int]:
        """The report year most of this run's reports have (the year a roster is checked for)."""
        years = Counter(e.year for e in self.entries if e.year is not None)
        return max(years, key=lambda y: (years[y], y)) if years else None


def record_of(report: Report | BatchRecord) -> BatchRecord:
    """The record the rules read: a worker built it already, or it is made here from a whole report."""
    return report if isinstance(report, BatchRecord) else BatchRecord.of(report)
