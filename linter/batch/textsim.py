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

from ..model import BatchRecord, Report

PAIRWISE_LIMIT = 400
PAIRWISE_BELOW = 100  # 4,950 exact comparisons: well under the cost of importing the sketch
NUM_PERM = 128

_NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二三四五六七八九十百千万亿两]+(?=[件条个次项人余万元%％])")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")


def section_text(report: Report | BatchRecord, number: int) -> str:
    """The body of section ``number`` as one string (empty when the report lacks it)."""
    return report.section_body(number)


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

    Copies of one text (boilerplate pasted into many reports) are searched
    and compared as one: each pair of copies is similar (Jaccard 1), and a
    copy's pairs with another text are that text's pairs with the first copy.
    The pairs are the same as comparing every copy — the sketch of equal sets
    is equal — at the cost of the distinct texts.

    None when datasketch is missing and there are too many items to compare pairwise.
    """
    keys = [k for k, s in items.items() if s]
    copies: dict[frozenset[str], list[int]] = {}
    for i, k in enumerate(keys):
        copies.setdefault(frozenset(items[k]), []).append(i)
    groups = list(copies.values())  # in the order of each text's first copy
    firsts = [keys[g[0]] for g in groups]
    every_pair = ((a, b) for a in range(len(groups)) for b in range(a + 1, len(groups)))
    if len(keys) < pairwise_below:
        return _expanded(keys, groups, _verified_groups(items, firsts, every_pair, threshold), threshold)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        if len(keys) > PAIRWISE_LIMIT:
            return None
        return _expanded(keys, groups, _verified_groups(items, firsts, every_pair, threshold), threshold)
    # a lower LSH threshold than the verified one, so true pairs are rarely missed
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    # crc32 (C, stable across runs) instead of the default SHA-1: the sketch only needs a spread
    hashes = MinHash.bulk([[s.encode("utf-8") for s in items[k]] for k in firsts], num_perm=NUM_PERM,
                          hashfunc=zlib.crc32)
    for g, mh in enumerate(hashes):
        lsh.insert(g, mh)
    candidates = set()
    for g, mh in enumerate(hashes):
        for h in lsh.query(mh):
            if h != g:
                candidates.add((min(g, h), max(g, h)))
    return _expanded(keys, groups, _verified_groups(items, firsts, sorted(candidates), threshold), threshold)


def _verified_groups(items: dict[Hashable, set[str]], firsts: list[Hashable],
                     pairs: Iterable[tuple[int, int]], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs of distinct texts (by group number) whose first copies are similar enough."""
    return [(a, b, j) for a, b, j in ((a, b, jaccard(items[firsts[a]], items[firsts[b]])) for a, b in pairs)
            if j >= threshold]


def _expanded(keys: list[Hashable], groups: list[list[int]], similar: list[tuple[int, int, float]],
              threshold: float) -> list[tuple[Hashable, Hashable, float]]:
    """Every pair of copies: within a group (Jaccard 1) and across similar groups, in item order."""
    pairs: list[tuple[int, int, float]] = []
    if threshold <= 1.0:
        for g in groups:
            pairs += [(x, y, 1.0) for n, x in enumerate(g) for y in g[n + 1:]]
    for a, b, j in similar:
        pairs += [(min(x, y), max(x, y), j) for x in groups[a] for y in groups[b]]
    pairs.sort(key=lambda p: (p[0], p[1]))
    return [(keys[x], keys[y], j) for x, y, j in pairs]


def _verified(items: dict[Hashable, set[str]], pairs: Iterable[tuple[Hashable, Hashable]],
              threshold: float) -> list[tuple[Hashable, Hashable, float]]:
    """The pairs among ``pairs`` similar enough: the definition itself (the tests' reference)."""
    out = []
    for a, b in pairs:
        j = jaccard(items[a], items[b])
        if j >= threshold:
            out.append((a, b, j))
    return out
