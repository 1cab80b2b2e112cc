"""Where the test data lives.

Why not in conftest.py: a folder's own conftest.py (tests/serve/) is also
imported as the top-level module ``conftest``, so ``from conftest import
SEEDS`` could find the wrong one depending on collection order; ``gen`` is
a package and has one name.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SHARED = DATA / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
CORPUS = sorted(p for p in (SHARED / "corpus").iterdir() if p.name != "README.md")
