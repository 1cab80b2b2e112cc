"""Shared fixtures.

The real reports of ../shared are vendored under tests/data/shared so a
fresh clone tests them without the sibling folder; test_vendored_data checks
the copies still match ../shared when it is present.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from gen.paths import CORPUS, DATA, ROOT, SEEDS, SHARED  # noqa: F401  (the data's places)


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    assert len(SEEDS) == 5, "the five seed reports must be present"
    return SEEDS


@pytest.fixture(scope="session")
def corpus() -> list[Path]:
    assert CORPUS, "the corpus reports must be present"
    return CORPUS


_SESSION_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """One cache folder per test session (rule packs, templates, results), so the suite never
    reads or fills the user's ~/.cache/govlint; subprocesses inherit it."""
    import os
    import tempfile

    folder = tempfile.mkdtemp(prefix="govlint-test-cache-")
    _SESSION_CACHE.append(folder)
    os.environ["GOVLINT_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    import shutil

    for folder in _SESSION_CACHE:
        shutil.rmtree(folder, ignore_errors=True)
