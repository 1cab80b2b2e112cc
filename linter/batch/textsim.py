"""Narrative text as comparable shingles, and near-duplicate search across many reports.

Why shingles of the text *after* removing numbers and the template's own
sentences: a report copied from last year with this year's numbers typed in
is still a copy, while the sentences every report must contain (the
statistics period, the official sub-headings) say nothing about copying.

Across units the search uses MinHash LSH (datasketch, the ``supervisor``
extra) so that 10,000 reports cost about 10,000 sketches, not 10,000²
comparisons; every candidate pair is then verified on the exact shingle
sets, so the result never depends on the sketch's luck.  Without
datasketch, runs of up to :data:`PAIRWISE_LIMIT` reports are compared pair
by pair; larger runs need the extra.  Runs of fewer than
:data:`PAIRWISE_BELOW` reports (a supervisor's 30-40) are compared pair by
pair in any case: exact, and cheaper than importing datasketch, which
imports scipy (about half a second of every such run).
"""
from __future__ import annotations

import re
import zlib
from typing import Hashable, Iterable, Optional, Sequence

from ..model import Report

PAIRWISE_LIMIT = 400
PAIRWISE_BELOW = 100  # 4,950 exact comparisons: well under the cost of importing the sketch
NUM_PERM = 128

_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二三四五六七八九十百千万亿两]+(?=[件条个次项人余万元%％])")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def section_text(report: Report, number: int) -> str:
    """The body of section ``number`` as one string (empty when the report lacks it)."""
    return "\n".join(ln.text for ln in report.section_text(number))


def normalise(text: str, template_patterns: Sequence[str]) -> str:
    """Sentences that are not the template's own, without numbers, punctuation or spaces."""
    pats = [re.compile(p) for p in template_patterns]
    kept = []
    for m in _SENTENCE.finditer(text):
        s = m.group(0).strip()
        if not s or any(p.search(s) for p in pats):
            continue
        kept.append(_PUNCT.sub("", _NUMBER.sub("", s)))
    return "".join(kept)


def shingles(text: str, k: int = 5) -> set[str]:
    """Overlapping ``k``-character pieces of ``text`` (the whole text when shorter)."""
    if len(text) <= k:
        return {text} if text else set()
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def containment(mine: set[str], theirs: set[str]) -> float:
    """Share of ``mine`` found in ``theirs``: how much of this text repeats that one."""
    return len(mine & theirs) / len(mine) if mine else 0.0


def jaccard(a: set[str], b: set[str]) -> float:
    """|a ∩ b| / |a ∪ b|: how alike two texts are, symmetrically."""
    return len(a & b) / len(a | b) if a or b else 0.0


def similar_pairs(items: dict[Hashable, set[str]], threshold: float,
                  pairwise_below: int = PAIRWISE_BELOW) -> Optional[list[tuple[Hashable, Hashable, float]]]:
    """Pairs of keys whose shingle sets have Jaccard similarity ≥ ``threshold``, in the order of
    ``items``; fewer than ``pairwise_below`` non-empty items are compared pair by pair.

    None when datasketch is missing and there are too many items to compare pairwise.
    """
    keys = [k for k, s in items.items() if s]
    every_pair = ((a, b) for i, a in enumerate(keys) for b in keys[i + 1:])
    if len(keys) < pairwise_below:
        return _verified(items, every_pair, threshold)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        if len(keys) > PAIRWISE_LIMIT:
            return None
        return _verified(items, every_pair, threshold)
    # a lower LSH threshold than the verified one, so true pairs are rarely missed
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    # crc32 (C, stable across runs) instead of the default SHA-1: the sketch only needs a spread
    hashes = MinHash.bulk([[s.encode("utf-8") for s in items[k]] for k in keys], num_perm=NUM_PERM,
                          hashfunc=zlib.crc32)
    for i, mh in enumerate(hashes):
        lsh.insert(i, mh)
    candidates = set()
    for i, mh in enumerate(hashes):
        for j in lsh.query(mh):
            if j != i:
                candidates.add((min(i, j), max(i, j)))  # pairs in the order of ``items``
    return _verified(items, ((keys[a], keys[b]) for a, b in sorted(candidates)), threshold)


def _verified(items: dict[Hashable, set[str]], pairs: Iterable[tuple[Hashable, Hashable]],
              threshold: float) -> list[tuple[Hashable, Hashable, float]]:
    out = []
    for a, b in pairs:
        j = jaccard(items[a], items[b])
        if j >= threshold:
            out.append((a, b, j))
    return out
