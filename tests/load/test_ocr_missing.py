"""A scan where OCR cannot run: GL906 says why and what to do (no OCR extra needed)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from govlint.errors import LoadError
from govlint.limits import Limits
from govlint.load import load


def _blank_scan(path) -> str:  # type: ignore[no-untyped-def]
    pytest.importorskip("PIL", reason='Pillow comes with the OCR extra: pip install "govlint[ocr]"')
    from PIL import Image

    Image.new("L", (200, 300), 255).save(path, "PDF")
    return str(path)


def test_without_the_extra_gl906_says_how_to_install_it(tmp_path):
    """A child interpreter where rapidocr cannot be imported, as on a machine without the extra."""
    path = _blank_scan(tmp_path / "scan.pdf")
    code = ("import sys\n"
            "sys.modules['rapidocr'] = None\n"
            "from govlint.cli import main\n"
            f"main(['check', {path!r}])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "GL906" in r.stdout and 'pip install "govlint[ocr]"' in r.stdout, r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_ocr_never_keeps_gl906_and_says_ocr_is_off(tmp_path):
    path = _blank_scan(tmp_path / "scan.pdf")
    with pytest.raises(LoadError) as e:
        load(path, Limits(ocr="never"))
    assert e.value.code == "GL906" and "--ocr never" in e.value.message("zh")


def test_the_ocr_mode_in_the_config_is_checked():
    from govlint.config import ConfigError, from_mapping

    assert from_mapping({"limits": {"ocr": "never", "max-ocr-pages": 5}}).limits == {
        "ocr": "never", "max_ocr_pages": 5}
    with pytest.raises(ConfigError, match="limits.ocr: expected one of auto, always, never"):
        from_mapping({"limits": {"ocr": "sometimes"}})
