"""The vendored copies of ../shared must not drift from the originals."""
from __future__ import annotations

import filecmp

import pytest

from gen.paths import ROOT, SHARED

ORIGINAL = ROOT.parent / "shared"


@pytest.mark.skipif(not ORIGINAL.exists(), reason="../shared is not next to this checkout")
@pytest.mark.parametrize("sub", ["seeds", "corpus"])
def test_vendored_copies_match_shared(sub):
    cmp = filecmp.dircmp(ORIGINAL / sub, SHARED / sub)
    assert not cmp.left_only and not cmp.right_only and not cmp.diff_files, (
        cmp.left_only, cmp.right_only, cmp.diff_files)
