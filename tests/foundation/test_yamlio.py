"""The parse/validation cache can speed a run up but never change its result."""
from __future__ import annotations

import datetime

import pytest

from govlint import yamlio


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("GOVLINT_NO_CACHE", raising=False)
    return tmp_path


def test_cached_parse_round_trips_yaml_types(cache):
    text = "a: 2023-01-20\nb: {6: x}\nc: [1, 2.5, null, true]\n"
    first = yamlio.cached("t", text, yamlio.safe_load)
    calls = []
    second = yamlio.cached("t", text, lambda t: calls.append(t))
    assert first == second == {"a": datetime.date(2023, 1, 20), "b": {6: "x"}, "c": [1, 2.5, None, True]}
    assert not calls  # served from the cache


def test_changed_text_is_parsed_again(cache):
    assert yamlio.cached("t", "a: 1\n", yamlio.safe_load) == {"a": 1}
    assert yamlio.cached("t", "a: 2\n", yamlio.safe_load) == {"a": 2}


def test_failed_validation_is_never_remembered(cache):
    def bad():
        raise ValueError("invalid")

    for _ in range(2):
        with pytest.raises(ValueError):
            yamlio.validated("k", "payload", bad)
    ok = []
    yamlio.validated("k", "other", lambda: ok.append(1))
    yamlio.validated("k", "other", lambda: ok.append(2))
    assert ok == [1]


def test_unsafe_tags_are_refused_even_with_a_cache(cache):
    from ruamel.yaml.error import YAMLError

    with pytest.raises(YAMLError):
        yamlio.cached("t", "x: !!python/object/apply:os.system ['true']\n", yamlio.safe_load)


def test_no_cache_env(cache, monkeypatch):
    monkeypatch.setenv("GOVLINT_NO_CACHE", "1")
    yamlio.cached("t", "a: 1\n", yamlio.safe_load)
    assert not list(cache.iterdir())


def test_a_changed_module_invalidates_cache_entries():
    """Entries written by other code (another branch, an upgrade without a new
    version number) must not be read back: the key follows the modules."""
    import os
    from pathlib import Path

    target = Path(yamlio.__file__).resolve().parent / "templates.py"
    st = target.stat()
    yamlio.code_fingerprint.cache_clear()
    before = yamlio.code_fingerprint()
    try:
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        yamlio.code_fingerprint.cache_clear()
        assert yamlio.code_fingerprint() != before
    finally:
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
        yamlio.code_fingerprint.cache_clear()
    assert yamlio.code_fingerprint() == before
