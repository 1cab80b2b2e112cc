"""Messages made before the language of the run is known, shown later in the user's language.

Why: a rule pack is loaded (and cached) once per configuration, whatever
``--lang`` the command was given, and its problems travel as plain strings —
through ``str(exception)``, ``"\\n".join``, a plugin problem's ``error`` —
to whoever shows them.  So a loader message is made in both languages at
once with :func:`both`: the English text is the string that travels (what
``str(err)`` and logs have always said), and the Chinese text is remembered
for it in this process.  :func:`in_lang` gives the line back in the user's
language at the place it is shown; a line nobody translated stays as it is.
"""
from __future__ import annotations

_CHINESE: dict[str, str] = {}  # English line -> its Chinese; only loader-sized problems, a few per run


def both(zh: str, en: str) -> str:
    """``en``, with ``zh`` remembered as its Chinese (a message of one line each)."""
    _CHINESE[en] = zh
    return en


def chinese(text: str) -> str:
    """The Chinese of one line made by :func:`both` (the line itself if none was made)."""
    return _CHINESE.get(text, text)


def in_lang(text: str, lang: str) -> str:
    """``text`` (one message per line) in ``lang``: Chinese for "zh", else as it is (English)."""
    if lang != "zh":
        return text
    return "\n".join(chinese(line) for line in text.split("\n"))
